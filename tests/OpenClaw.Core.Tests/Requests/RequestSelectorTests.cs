using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Tests.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Requests;

/// <summary>
/// Picking the request to act on from a list read right before acting: ids churn (expiry, 2.21 merges, re-filing
/// after a rejection), so a gone id names the device's current request, and a device means its request now.
/// </summary>
public sealed class RequestSelectorTests
{
    private const string Stale = "df507dc1-f568-4b1e-beaa-9c6be5f1b2cf";
    private const string Current = "7c1e2f0a-0b7d-4a55-9d0e-1f2a3b4c5d6e";
    private const string NewDevice = "aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44";

    private static DevicePairingSnapshot Snapshot(params JObject[] pending) =>
        PairingSnapshots.Snapshot(TestDevices.ListEntry(TestDevices.CliDeviceId, Scope.Legacy, Scope.Legacy), pending);

    private static JObject Request(string id, string deviceId, long ts, string role = "operator", params string[] scopes) =>
        PairingSnapshots.PendingRequest(id, deviceId, ts, scopes.Length == 0 ? new[] { Scope.Write } : scopes, role);

    [Fact]
    public void AnIdIsFoundWhateverItsCase()
    {
        var snapshot = Snapshot(Request(Current, TestDevices.CliDeviceId, 2000));
        Assert.Equal(Current, RequestSelector.ById(snapshot, Current.ToUpperInvariant(), null).RequestId);
    }

    [Fact]
    public void AGoneIdIsReportedWithTheCurrentRequestOfTheDeviceItBelongedTo()
    {
        var snapshot = Snapshot(Request(Current, TestDevices.CliDeviceId, 2000));
        var error = Assert.Throws<OpenClawException>(() => RequestSelector.ById(snapshot, Stale, TestDevices.CliDeviceId));
        Assert.Equal("OpenClaw.RequestNotFound", error.ErrorId);
        Assert.Equal(OpenClawErrorKind.ObjectNotFound, error.Kind);
        Assert.Equal(Stale, error.Target);
        Assert.Contains($"now has request {Current} for [operator.write]", error.Message);
        Assert.Equal(RemedyKind.ListRequests, error.Remedy?.Kind);
    }

    [Fact]
    public void AGoneIdOfAnUnknownDeviceIsReportedWithoutAGuess()
    {
        var error = Assert.Throws<OpenClawException>(() => RequestSelector.ById(Snapshot(), Stale, null));
        Assert.Equal(RequestErrorIds.RequestNotFound, error.ErrorId);
        Assert.DoesNotContain("now has request", error.Message);
    }

    [Fact]
    public void ADeviceMeansItsNewestRequestByFullIdOrShortId()
    {
        var snapshot = Snapshot(Request(Stale, TestDevices.CliDeviceId, 1000), Request(Current, TestDevices.CliDeviceId, 2000));
        Assert.Equal(Current, RequestSelector.ForDevice(snapshot, TestDevices.CliDeviceId, null).RequestId);
        Assert.Equal(Current, RequestSelector.ForDevice(snapshot, TestDevices.CliDeviceId.Substring(0, 12).ToUpperInvariant(), null).RequestId);
    }

    [Fact]
    public void ARoleNarrowsTheDevicesRequests()
    {
        var snapshot = Snapshot(Request(Stale, TestDevices.CliDeviceId, 1000, "node"), Request(Current, TestDevices.CliDeviceId, 900));
        Assert.Equal(Current, RequestSelector.ForDevice(snapshot, TestDevices.CliDeviceId, "operator").RequestId);
        Assert.Equal(Stale, RequestSelector.ForDevice(snapshot, TestDevices.CliDeviceId, "node").RequestId);
        Assert.Equal(Stale, RequestSelector.ForDevice(snapshot, TestDevices.CliDeviceId, "").RequestId);
    }

    [Fact]
    public void ANewDevicesRequestIsFoundThoughTheDeviceIsNotPaired()
    {
        var snapshot = Snapshot(Request(Current, NewDevice, 2000));
        Assert.Equal(Current, RequestSelector.ForDevice(snapshot, NewDevice.Substring(0, 6), null).RequestId);
    }

    [Fact]
    public void APairedDeviceWithoutARequestIsReportedAsHavingNone()
    {
        var error = Assert.Throws<OpenClawException>(() => RequestSelector.ForDevice(Snapshot(), TestDevices.CliDeviceId, "operator"));
        Assert.Equal(RequestErrorIds.RequestNotFound, error.ErrorId);
        Assert.Equal(TestDevices.CliDeviceId, error.Target);
        Assert.Contains("has no pending request for role operator", error.Message);
    }

    [Theory]
    [InlineData("ffffffffffff")]
    [InlineData("5a454")] // a prefix shorter than 6 characters is not taken as one
    public void AnUnknownDeviceIsReported(string deviceId)
    {
        var error = Assert.Throws<OpenClawException>(() => RequestSelector.ForDevice(Snapshot(), deviceId, null));
        Assert.Equal(RequestErrorIds.RequestNotFound, error.ErrorId);
        Assert.Contains("No paired device and no pending request", error.Message);
    }

    [Fact]
    public void APrefixOfSeveralDevicesIsRefusedAsAmbiguous()
    {
        var twin = TestDevices.CliDeviceId.Substring(0, 8) + new string('0', 56);
        var snapshot = Snapshot(Request(Current, twin, 2000));
        var error = Assert.Throws<OpenClawException>(() => RequestSelector.ForDevice(snapshot, TestDevices.CliDeviceId.Substring(0, 8), null));
        Assert.Equal(ErrorIds.DeviceNotFound, error.ErrorId);
        Assert.Equal(OpenClawErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("matches 2 devices", error.Message);
    }

    [Fact]
    public void SelectorsRunOnTheListTheyAreGiven()
    {
        var select = RequestSelector.SelectForDevice(TestDevices.CliDeviceId, null);
        Assert.Throws<OpenClawException>(() => select(Snapshot()));
        Assert.Equal(Current, select(Snapshot(Request(Current, TestDevices.CliDeviceId, 2000))).RequestId);
        Assert.Equal(Current, RequestSelector.SelectById(Current, null)(Snapshot(Request(Current, TestDevices.CliDeviceId, 2000))).RequestId);
    }
}
