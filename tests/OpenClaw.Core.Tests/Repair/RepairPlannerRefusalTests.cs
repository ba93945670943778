using OpenClaw.Core.Errors;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>
/// What the planner refuses: unknown devices and roles are errors with stable ids (style.md), and a revoked token is
/// not repaired, because every repair would issue it a new one.
/// </summary>
public sealed class RepairPlannerRefusalTests
{
    [Fact]
    public void An_unknown_device_is_reported_as_device_not_found_with_the_id_as_target()
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy);

        var error = Assert.Throws<OpenClawException>(() => Plans.For(snapshot, "2026.2.19", deviceId: "0123456789abcdef"));

        Assert.Equal("OpenClaw.DeviceNotFound", error.ErrorId);
        Assert.Equal(OpenClawErrorKind.ObjectNotFound, error.Kind);
        Assert.Equal("0123456789abcdef", error.Target);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("Operator")]
    public void A_role_the_device_does_not_hold_is_reported_as_role_not_found(string role)
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy);

        var error = Assert.Throws<OpenClawException>(() => Plans.For(snapshot, "2026.2.19", role: role));

        Assert.Equal("OpenClaw.RoleNotFound", error.ErrorId);
        Assert.Equal(OpenClawErrorKind.ObjectNotFound, error.Kind);
        Assert.Equal(TestDevices.CliDeviceId, error.Target);
        Assert.Contains(role, error.Message);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData(TestReleases.DevProtocol3WithRemove)]
    public void A_device_with_a_revoked_token_is_not_repaired(string release)
    {
        var device = TestDevices.ListEntry(TestDevices.CliDeviceId, Scope.Legacy, Scope.Legacy, tokenRevoked: true);

        var plan = Plans.For(PairingSnapshots.Snapshot(device), release, ownDeviceId: TestDevices.CliDeviceId);

        Assert.False(plan.IsPossible);
        Assert.False(plan.NeedsChange);
        Assert.True(plan.Before.TokenRevoked);
        Assert.Contains("revoked", plan.NotPossibleReason);
    }
}
