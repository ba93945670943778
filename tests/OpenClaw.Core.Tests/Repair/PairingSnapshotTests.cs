using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>DevicePairingSnapshot.FromListPayload on the fixture shapes: the planner's only input from the gateway.</summary>
public sealed class PairingSnapshotTests
{
    [Fact]
    public void The_legacy_fixture_reads_as_one_device_with_an_operator_token_summary()
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy, TestDevices.PendingScopeUpgrade);

        var device = Assert.Single(snapshot.Paired);
        Assert.Equal(TestDevices.CliDeviceId, device.DeviceId);
        Assert.Equal("cli", device.ClientId);
        Assert.Equal(Scope.Legacy, device.Scopes);
        var token = Assert.Single(device.Tokens);
        Assert.Equal("operator", token.Role);
        Assert.Equal(Scope.Legacy, token.Scopes);
        Assert.False(token.IsRevoked);
        Assert.Equal(new[] { "operator" }, device.AllRoles);
    }

    [Fact]
    public void The_pending_fixture_reads_as_the_devices_read_repair_request()
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy, TestDevices.PendingScopeUpgrade);

        var request = Assert.Single(snapshot.PendingFor(TestDevices.CliDeviceId.ToUpperInvariant()));
        Assert.Equal("df507dc1-f568-4b1e-beaa-9c6be5f1b2cf", request.RequestId);
        Assert.Equal(new[] { Scope.Read }, request.Scopes);
        Assert.True(request.IsRepair);
        Assert.False(request.Silent);
        Assert.True(request.IsFor("operator"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795555243275), request.RequestedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795555243275 + 300000), request.ExpiresAt);
    }

    [Fact]
    public void Devices_are_found_by_id_whatever_its_case()
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedAfterRotate219);

        Assert.Equal(3, snapshot.Paired.Count);
        Assert.NotNull(snapshot.Find(TestDevices.OtherDeviceId.ToUpperInvariant()));
        Assert.Null(snapshot.Find("0000"));
        Assert.Empty(snapshot.Pending);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"pending\":[]}")]
    [InlineData("{\"paired\":{}}")]
    [InlineData("[]")]
    public void A_payload_without_a_paired_array_is_refused(string json)
    {
        Assert.Throws<FormatException>(() => DevicePairingSnapshot.FromListPayload(JToken.Parse(json)));
    }

    [Fact]
    public void A_payload_without_pending_has_no_pending_requests()
    {
        var snapshot = DevicePairingSnapshot.FromListPayload(new JObject { ["paired"] = new JArray() });

        Assert.Empty(snapshot.Pending);
        Assert.Empty(snapshot.Paired);
    }
}
