using OpenClaw.Core.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>-Scope adds scopes beyond what the device is missing; they join the target and count as widening.</summary>
public sealed class RepairPlannerExtraScopesTests
{
    [Fact]
    public void On_2_19_extra_scopes_join_the_rotate_target()
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy);

        var plan = Plans.For(snapshot, "2026.2.19", extraScopes: new[] { Scope.Questions });

        Assert.Equal(RepairMethod.Rotate, plan.Method);
        Assert.Equal(new[] { Scope.Admin, Scope.Approvals, Scope.Pairing, Scope.Questions, Scope.Read, Scope.Write }, plan.TargetScopes);
    }

    [Fact]
    public void An_extra_scope_already_missing_is_not_doubled()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy), "2026.2.19", extraScopes: new[] { Scope.Write, Scope.Read });

        Assert.Equal(Scope.FebruaryFive, plan.TargetScopes);
    }

    [Fact]
    public void An_extra_scope_makes_a_compliant_device_need_a_change()
    {
        var device = TestDevices.ListEntry(TestDevices.CliDeviceId, new[] { Scope.Read }, new[] { Scope.Read });

        var plan = Plans.For(PairingSnapshots.Snapshot(device), "2026.2.19", extraScopes: new[] { Scope.Write });

        Assert.Equal(RepairMethod.Rotate, plan.Method);
        Assert.Equal(new[] { Scope.Read, Scope.Write }, plan.TargetScopes);
    }

    [Fact]
    public void An_extra_scope_the_device_already_holds_changes_nothing()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedAfterRotate219), "2026.2.19", extraScopes: new[] { Scope.Read });

        Assert.Equal(RepairMethod.None, plan.Method);
        Assert.True(plan.IsPossible);
    }

    [Theory]
    [InlineData(TestDevices.CliDeviceId, RepairMethod.RequestApproveAndRotate, true)]
    [InlineData(TestDevices.OtherDeviceId, RepairMethod.None, false)]
    public void On_9_6_an_extra_scope_needs_an_approval_like_any_widening(string ownDeviceId, RepairMethod method, bool possible)
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy), "2026.9.6", ownDeviceId: ownDeviceId,
            extraScopes: new[] { Scope.Questions });

        Assert.Equal(method, plan.Method);
        Assert.Equal(possible, plan.IsPossible);
        Assert.Contains(Scope.Questions, plan.TargetScopes);
        Assert.Subset(new HashSet<string>(plan.TargetScopes), new HashSet<string>(Scope.Legacy));
    }

    [Fact]
    public void On_9_6_a_pending_request_for_the_extra_scope_is_approved()
    {
        var request = PairingSnapshots.PendingRequest("rq-questions", TestDevices.CliDeviceId, 1795555243275, new[] { Scope.Questions });

        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, null, request), "2026.9.6",
            extraScopes: new[] { Scope.Questions });

        Assert.Equal(RepairMethod.ApproveAndRotate, plan.Method);
        Assert.Equal("rq-questions", plan.RequestToApprove?.RequestId);
    }
}
