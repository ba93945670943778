using OpenClaw.Core.Devices;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>
/// Approving a request merges its scopes into the device's (facts §3.3), so a request that asks for a scope the
/// device is not entitled to would escalate it: such a request is never used, whatever else it would fix.
/// </summary>
public sealed class RepairPlannerNeverEscalatesTests
{
    private const string RequestId = "9b1c2d3e-0000-4000-8000-000000000001";
    private const long Ts = 1795555243275;

    private static DevicePairingSnapshot Device(string[] approved, params string[] requested) =>
        PairingSnapshots.Snapshot(TestDevices.ListEntry(TestDevices.CliDeviceId, approved, approved),
            PairingSnapshots.PendingRequest(RequestId, TestDevices.CliDeviceId, Ts, requested));

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.9.6")]
    [InlineData(TestReleases.DevProtocol3WithRemove)]
    public void A_read_only_device_with_a_pending_admin_request_is_left_as_it_is(string release)
    {
        var plan = Plans.For(Device(new[] { Scope.Read }, Scope.Admin), release);

        Assert.Equal(RepairMethod.None, plan.Method);
        Assert.Null(plan.RequestToApprove);
        Assert.Equal(new[] { Scope.Read }, plan.TargetScopes);
    }

    [Fact]
    public void On_2_21_a_request_that_would_add_admin_is_not_approved_to_give_a_read_only_device_write()
    {
        var plan = Plans.For(Device(new[] { Scope.Read }, Scope.Write, Scope.Admin), "2026.2.21", extraScopes: new[] { Scope.Write });

        Assert.Null(plan.RequestToApprove);
        Assert.False(plan.IsPossible);
        Assert.DoesNotContain(Scope.Admin, plan.TargetScopes);
    }

    [Fact]
    public void On_2_21_our_own_read_only_device_files_a_fresh_request_rather_than_approve_an_admin_one()
    {
        var plan = Plans.For(Device(new[] { Scope.Read }, Scope.Write, Scope.Admin), "2026.2.21",
            ownDeviceId: TestDevices.CliDeviceId, extraScopes: new[] { Scope.Write });

        Assert.Equal(RepairMethod.RequestApproveAndRotate, plan.Method);
        Assert.Null(plan.RequestToApprove);
    }

    [Theory]
    [InlineData("operator.read operator.admin", false)]
    [InlineData("operator.read operator.approvals", false)]
    [InlineData("operator.read operator.pairing", false)]
    [InlineData("operator.read", true)]
    public void On_an_unidentified_2x_release_a_write_only_device_uses_only_a_request_within_what_write_entitles(string requested, bool used)
    {
        var plan = Plans.For(Device(new[] { Scope.Write }, Scope.List(requested)), TestReleases.DevProtocol3WithRemove);

        Assert.Equal(RepairMethod.RotateOrApprove, plan.Method);
        Assert.Equal(used, plan.RequestToApprove != null);
        Assert.Equal(new[] { Scope.Read, Scope.Write }, plan.TargetScopes);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData(TestReleases.DevProtocol3WithRemove)]
    public void A_write_only_device_is_never_planned_more_than_read_and_write(string release)
    {
        var plan = Plans.For(Device(new[] { Scope.Write }, Scope.Read, Scope.Admin), release);

        Assert.Subset(new HashSet<string> { Scope.Read, Scope.Write }, new HashSet<string>(plan.TargetScopes));
    }
}
