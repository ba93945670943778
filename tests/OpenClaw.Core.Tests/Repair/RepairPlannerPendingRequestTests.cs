using OpenClaw.Core.Errors;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>
/// From 2.21 only approving the device's own pending repair request widens its scopes (facts §3.2); requests live
/// 5 minutes (§1.2), 2.21 merges a device's requests (observed ["operator.write","operator.read"]), and approving merges
/// the request's scopes into the device's, so a request asking for more than the device is entitled to is never used.
/// </summary>
public sealed class RepairPlannerPendingRequestTests
{
    private const string RequestId = "0f50fcc8-f963-4086-a514-0078ccf40aa4";
    private const long Ts = 1795555243275;

    [Theory]
    [InlineData("operator.write")]
    [InlineData("operator.write operator.read")]
    public void On_2_21_a_pending_request_that_supplies_write_is_approved_then_the_token_rotated(string requested)
    {
        var request = PairingSnapshots.PendingRequest(RequestId, TestDevices.CliDeviceId, Ts, Scope.List(requested));
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy, null, request);

        var plan = Plans.For(snapshot, "2026.2.21");

        Assert.Equal(RepairMethod.ApproveAndRotate, plan.Method);
        Assert.Equal(RequestId, plan.RequestToApprove?.RequestId);
        AssertTargetKeepsLegacyAndAddsWrite(plan);
        Assert.True(plan.IsPossible);
    }

    /// <summary>
    /// On 2.21 admin already grants read at connect, so the target must hold the legacy set plus write; literal read
    /// is allowed (the device is entitled to it) but nothing beyond the five.
    /// </summary>
    private static void AssertTargetKeepsLegacyAndAddsWrite(RepairPlan plan)
    {
        Assert.Subset(new HashSet<string>(Scope.FebruaryFive), new HashSet<string>(plan.TargetScopes));
        Assert.Superset(new HashSet<string>(Scope.Legacy.Append(Scope.Write)), new HashSet<string>(plan.TargetScopes));
    }

    [Fact]
    public void On_2_21_without_a_pending_request_no_online_repair_is_possible()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy), "2026.2.21");

        Assert.False(plan.IsPossible);
        Assert.Equal(RepairMethod.None, plan.Method);
        Assert.Null(plan.RequestToApprove);
        Assert.Contains("pending repair request", plan.NotPossibleReason);
        Assert.Contains(Scope.Write, plan.NotPossibleReason);
        Assert.Equal(RemedyKind.RepairOffline, ScopeRepairer.NotPossible(plan).Remedy?.Kind);
    }

    [Fact]
    public void On_2_21_a_pending_request_for_read_alone_does_not_supply_write()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, TestDevices.PendingScopeUpgrade), "2026.2.21");

        Assert.False(plan.IsPossible);
        Assert.Null(plan.RequestToApprove);
        Assert.Contains("[operator.read]", plan.NotPossibleReason);
        Assert.Equal(RemedyKind.RepairOffline, ScopeRepairer.NotPossible(plan).Remedy?.Kind);
    }

    [Fact]
    public void On_2_21_our_own_device_files_its_own_request_when_it_has_none()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy), "2026.2.21", ownDeviceId: TestDevices.CliDeviceId);

        Assert.Equal(RepairMethod.RequestApproveAndRotate, plan.Method);
        Assert.True(plan.IsOwnDevice);
        Assert.True(plan.IsPossible);
        AssertTargetKeepsLegacyAndAddsWrite(plan);
    }

    [Fact]
    public void Our_own_device_is_recognised_whatever_the_case_of_its_id()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy), "2026.2.21",
            ownDeviceId: TestDevices.CliDeviceId.ToUpperInvariant());

        Assert.True(plan.IsOwnDevice);
        Assert.Equal(RepairMethod.RequestApproveAndRotate, plan.Method);
    }

    [Fact]
    public void A_usable_request_is_preferred_even_for_our_own_device()
    {
        var request = PairingSnapshots.PendingRequest(RequestId, TestDevices.CliDeviceId, Ts, new[] { Scope.Write });

        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, null, request), "2026.2.21",
            ownDeviceId: TestDevices.CliDeviceId);

        Assert.Equal(RepairMethod.ApproveAndRotate, plan.Method);
        Assert.Equal(RequestId, plan.RequestToApprove?.RequestId);
    }

    [Theory]
    [InlineData(TestDevices.OtherDeviceId, "operator")]
    [InlineData(TestDevices.CliDeviceId, "node")]
    public void A_request_of_another_device_or_role_is_not_used(string requestDevice, string requestRole)
    {
        var request = PairingSnapshots.PendingRequest(RequestId, requestDevice, Ts, new[] { Scope.Write }, requestRole);

        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, null, request), "2026.2.21");

        Assert.Null(plan.RequestToApprove);
        Assert.False(plan.IsPossible);
    }

    [Fact]
    public void Of_several_usable_requests_the_newest_is_used()
    {
        var older = PairingSnapshots.PendingRequest("older", TestDevices.CliDeviceId, Ts, new[] { Scope.Write });
        var newer = PairingSnapshots.PendingRequest("newer", TestDevices.CliDeviceId, Ts + 1000, new[] { Scope.Write, Scope.Read });

        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, null, older, newer), "2026.2.21");

        Assert.Equal("newer", plan.RequestToApprove?.RequestId);
    }

    [Fact]
    public void On_an_unidentified_2x_release_a_request_that_supplies_every_missing_scope_is_named()
    {
        var request = PairingSnapshots.PendingRequest(RequestId, TestDevices.CliDeviceId, Ts, new[] { Scope.Read, Scope.Write });

        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, null, request), TestReleases.DevProtocol3WithRemove);

        Assert.Equal(RepairMethod.RotateOrApprove, plan.Method);
        Assert.Equal(RequestId, plan.RequestToApprove?.RequestId);
    }

    [Fact]
    public void On_an_unidentified_2x_release_a_request_short_of_a_missing_scope_is_not_named()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, TestDevices.PendingScopeUpgrade), TestReleases.DevProtocol3WithRemove);

        Assert.Equal(RepairMethod.RotateOrApprove, plan.Method);
        Assert.Null(plan.RequestToApprove);
    }
}
