using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Tests.Stores;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>Offline plans use the online verdicts and targets; only the method differs (an in-place edit).</summary>
public sealed class OfflineRepairPlannerTests
{
    private static OfflineRepairPlan PlanFor(string fixture, string? release, params string[] extra)
    {
        using var state = new StoreState(fixture);
        var offline = OfflineState.Open(state.StateDirectory, release == null ? null : GatewayRelease.FromUser(release));
        return OfflineRepairPlanner.Plan(offline.Snapshot, offline.Release, offline.Store.Location, StoreState.CliDevice, "operator", extra);
    }

    [Fact]
    public void AnUnrecordedJsonStoreIsJudgedByTheStrictestRule()
    {
        var plan = PlanFor(StoreState.Legacy, null);
        Assert.Equal("2026.2-2026.7 (not recorded)", plan.Before.Release.Name);
        Assert.Equal(ScopeCheckRule.LiteralMembership, plan.Before.Release.ScopeCheck);
        Assert.Null(plan.Before.Release.Version);
        Assert.Contains("does not record which release wrote it", plan.Before.Release.Evidence);
        Assert.Equal(new[] { "operator.read", "operator.write" }, plan.AddedToDevice);
        Assert.Equal(new[] { "operator.read", "operator.write" }, plan.AddedToToken);
        Assert.Contains("keeping the token value", plan.Description);
    }

    [Fact]
    public void On2221OnlyWriteIsMissingButReadIsSpelledOutToo()
    {
        var plan = PlanFor(StoreState.Legacy, "2026.2.21");
        Assert.Equal(new[] { "operator.write" }, plan.Before.MissingApprovedScopes);
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing", "operator.read", "operator.write" }, plan.TargetScopes);
    }

    [Fact]
    public void FromTheAdminImplicationOnALegacyDeviceIsCompliant()
    {
        var plan = PlanFor(StoreState.Legacy, "2026.2.22");
        Assert.False(plan.NeedsChange);
        Assert.Equal("nothing to change", plan.Description);
    }

    [Fact]
    public void ExtraScopesAreAddedOnTopOfWhatIsMissing()
    {
        var plan = PlanFor(StoreState.AfterApprove2221, "2026.2.21", "operator.talk.secrets");
        Assert.True(plan.NeedsChange);
        Assert.Equal(new[] { "operator.talk.secrets" }, plan.AddedToDevice);
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing", "operator.talk.secrets" }, plan.AddedToToken);
    }

    [Fact]
    public void ARevokedTokenIsNotRepaired()
    {
        using var state = new StoreState();
        var doc = state.Paired;
        doc[StoreState.CliDevice]!["tokens"]!["operator"]!["revokedAtMs"] = 1795555999999;
        state.WritePaired(StoreState.Stringify(doc));
        var offline = OfflineState.Open(state.StateDirectory, null);
        var plan = OfflineRepairPlanner.Plan(offline.Snapshot, offline.Release, offline.Store.Location, StoreState.CliDevice, "operator", Array.Empty<string>());
        Assert.False(plan.IsPossible);
        Assert.Contains("revoked", plan.NotPossibleReason);
    }

    [Fact]
    public void AnUnknownDeviceOrRoleIsReported()
    {
        using var state = new StoreState();
        var offline = OfflineState.Open(state.StateDirectory, null);
        Assert.Equal(ErrorIds.DeviceNotFound, Assert.Throws<OpenClawException>(() =>
            OfflineRepairPlanner.Plan(offline.Snapshot, offline.Release, offline.Store.Location, "nope", "operator", Array.Empty<string>())).ErrorId);
        Assert.Equal(ErrorIds.RoleNotFound, Assert.Throws<OpenClawException>(() =>
            OfflineRepairPlanner.Plan(offline.Snapshot, offline.Release, offline.Store.Location, StoreState.CliDevice, "node", Array.Empty<string>())).ErrorId);
    }
}
