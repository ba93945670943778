using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>
/// The orchestration of the offline lifecycle changes on a JSON store: the approval's token target is the online
/// one, rename is refused before 2026.7, and each change is judged from the store read back and turned into the
/// online result types.
/// </summary>
public sealed class OfflineLifecycleTests : IDisposable
{
    private const string Admin = "operator.admin", Approvals = "operator.approvals", Pairing = "operator.pairing", Read = "operator.read", Write = "operator.write";
    private readonly StoreState _store = new(StoreState.Legacy);

    public OfflineLifecycleTests()
    {
        // The recorded repair request of the CLI device for [operator.read], made current (requests expire after 5 minutes).
        var pending = StoreState.Parse(Fixtures.Text(StoreState.Pending));
        foreach (var request in pending.Properties()) request.Value["ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _store.WriteStoreFile(_store.PendingPath, StoreState.Stringify(pending));
    }

    private OfflineState Open(string? release = null) => OfflineState.Open(_store.StateDirectory, release == null ? null : GatewayRelease.FromUser(release));

    /// <summary>The CLI device's token gains operator.write, which its approved (legacy) scopes grant only where admin implies it.</summary>
    private void TokenAlsoHoldsWrite()
    {
        var paired = _store.Paired;
        ((JArray)paired[StoreState.CliDevice]!["tokens"]!["operator"]!["scopes"]!).Add(Write);
        _store.WritePaired(StoreState.Stringify(paired));
    }

    [Theory]
    [InlineData(null, new[] { Admin, Approvals, Pairing, Read })]              // 2.19's literal rule drops the ungranted write
    [InlineData("2026.9.6", new[] { Admin, Approvals, Pairing, Read, Write })] // admin implies write: the token keeps it
    public void TheApprovalTargetIsTheOnlineTargetOfTheUnitedScopes(string? release, string[] expected)
    {
        TokenAlsoHoldsWrite();
        var state = Open(release);
        var lifecycle = new OfflineLifecycle(state);
        var request = lifecycle.Describe(Assert.Single(state.Snapshot.Pending));

        var item = lifecycle.Approve(request);

        Assert.Equal(PairingEditKind.ApproveRequest, item.Edit.Kind);
        Assert.Equal(expected, item.Edit.TokenScopes);
        Assert.Equal(TokenCoverage.Target(new[] { Admin, Approvals, Pairing, Read }, request.TokenScopes, state.Release), item.Edit.TokenScopes);
        Assert.False(item.IsLocalIdentity);
    }

    [Fact]
    public void RenameIsRefusedOnEveryJsonStoreWhateverReleaseItRecords()
    {
        foreach (var release in new[] { null, "2026.2.21", "2026.7.35" })
        {
            var refused = Assert.Throws<OpenClawException>(() => new OfflineLifecycle(Open(release)).RequireLabels());
            Assert.Equal(LifecycleErrors.NotSupportedByRelease, refused.ErrorId);
            Assert.Equal(_store.PairedPath, refused.Target);
            Assert.Contains("need OpenClaw 2026.8.1 or later", refused.Message);
        }
    }

    [Fact]
    public void EachChangeIsJudgedFromTheStoreReadBackAndBecomesTheOnlineResult()
    {
        var state = Open("2026.7.35");
        var lifecycle = new OfflineLifecycle(state);
        var cli = Assert.Single(state.Snapshot.Paired);
        var items = new[] { lifecycle.Approve(lifecycle.Describe(state.Snapshot.Pending[0])) };

        var outcomes = lifecycle.Commit(items, new StoreWriteOptions { Release = state.Release, NoBackup = true }).Outcomes;

        Assert.All(outcomes, o => Assert.True(o.Verified, o.Error?.Message));
        var decision = outcomes[0].ToDecision();
        Assert.True(decision.Applied);
        Assert.Equal(RequestVerdict.Approved, decision.Verdict);
        Assert.Equal(true, decision.Verified);
        Assert.False(decision.TokenRotated);
        Assert.Equal(new[] { Admin, Approvals, Pairing, Read }, decision.DeviceAfter!.TokenFor("operator")!.Scopes.OrderBy(s => s, StringComparer.Ordinal));
        Assert.NotEmpty(decision.Steps);
        Assert.Equal(cli.DeviceId, decision.DeviceAfter.DeviceId);
        Assert.Empty(state.Snapshot.Pending);

        var removal = lifecycle.Commit(new[] { lifecycle.Remove(decision.DeviceAfter) }, new StoreWriteOptions { Release = state.Release }).Outcomes.Single().ToRemoval();
        Assert.True(removal.Removed && removal.Verified);
        Assert.Empty(removal.Errors);
        Assert.Empty(state.Snapshot.Paired);
    }

    [Fact]
    public void AnEditTheStoreCouldNotApplyKeepsItsOwnErrorAndIsNotVerified()
    {
        var state = Open();
        var lifecycle = new OfflineLifecycle(state);
        var cli = Assert.Single(state.Snapshot.Paired);

        var outcome = lifecycle.Commit(new[] { lifecycle.Revoke(cli, "node") }, new StoreWriteOptions { Release = state.Release }).Outcomes.Single();

        Assert.False(outcome.Verified);
        Assert.Equal(ErrorIds.RoleNotFound, outcome.Error!.ErrorId);
        var revocation = outcome.ToRevocation();
        Assert.False(revocation.Revoked);
        Assert.Same(outcome.Error, revocation.Error);
    }

    [Fact]
    public void ARunningGatewayIsRefusedWithTheOnlineChangeAsTheWayOut()
    {
        var lifecycle = new OfflineLifecycle(Open());
        var presence = new GatewayPresence(new[] { new GatewaySignal(GatewaySignalKind.LockFile, true, "gateway lock /tmp/x names pid 1") });

        var refusal = lifecycle.GatewayRunning(presence);

        Assert.Equal(ErrorIds.GatewayRunning, refusal.ErrorId);
        Assert.Contains("gateway lock /tmp/x", refusal.Message);
        Assert.Equal(RemedyKind.ChangeOnline, refusal.Remedy!.Value.Kind);
        Assert.False(refusal.Remedy.Value.ForceWriteAllowed);
    }

    public void Dispose() => _store.Dispose();
}
