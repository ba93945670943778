using OpenClaw.Core.Offline;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>Commit and verify: one write for the batch, a backup named in every outcome, tokens untouched.</summary>
public sealed class OfflineScopeRepairerTests
{
    /// <summary>The 3-device fixture with its second and third devices put back to the legacy set.</summary>
    private static StoreState ThreeDevicesTwoLegacy()
    {
        var state = new StoreState(StoreState.AfterRotate, StoreState.Pending);
        var doc = state.Paired;
        foreach (var device in doc.Properties().Skip(1).Select(p => p.Value))
        {
            device["scopes"] = new Newtonsoft.Json.Linq.JArray(LargeStore.Legacy);
            device["tokens"]!["operator"]!["scopes"] = new Newtonsoft.Json.Linq.JArray(LargeStore.Legacy);
        }
        doc[StoreState.CliDevice]!["tokens"]!["operator"]!["scopes"] = new Newtonsoft.Json.Linq.JArray("operator.read");
        state.WritePaired(StoreState.Stringify(doc));
        return state;
    }

    [Fact]
    public void ABatchIsWrittenOnceVerifiedAndKeepsEveryToken()
    {
        using var state = ThreeDevicesTwoLegacy();
        // The fixture's pending request is old; make it fresh so it is still listed.
        var pending = StoreState.Parse(File.ReadAllText(state.PendingPath));
        foreach (var p in pending.Properties()) p.Value["ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        state.WriteStoreFile(state.PendingPath, StoreState.Stringify(pending));
        var tokens = StoreState.TokenValues(state.Paired);
        var offline = OfflineState.Open(state.StateDirectory, null);
        var plans = offline.Snapshot.Paired
            .Select(d => OfflineRepairPlanner.Plan(d, offline.Release, offline.Store.Location, "operator", Array.Empty<string>()))
            .Where(p => p.NeedsChange).ToList();
        Assert.Equal(3, plans.Count); // two legacy devices, and the CLI device whose token was narrowed to read

        var outcomes = new OfflineScopeRepairer(offline).Commit(plans, new StoreWriteOptions());

        var backup = Assert.Single(state.Backups());
        Assert.All(outcomes, o =>
        {
            Assert.True(o.Verified, o.Error?.Message);
            Assert.Equal(new[] { backup }, o.Backups);
            Assert.Equal(new[] { state.PairedPath }, o.ChangedFiles);
            Assert.NotEmpty(o.Steps);
        });
        Assert.Contains(outcomes, o => o.Steps.Any(s => s.Contains("token value is unchanged")));
        Assert.Contains(outcomes, o => o.KeptRequestIds.Count == 1);
        Assert.Equal(tokens, StoreState.TokenValues(state.Paired));
    }

    [Fact]
    public void ADeviceRemovedBeforeTheWriteIsReportedNotRecreated()
    {
        using var state = ThreeDevicesTwoLegacy();
        var offline = OfflineState.Open(state.StateDirectory, null);
        var victim = offline.Snapshot.Paired.Last();
        var plans = offline.Snapshot.Paired.Select(d => OfflineRepairPlanner.Plan(d, offline.Release, offline.Store.Location, "operator", Array.Empty<string>())).Where(p => p.NeedsChange).ToList();
        var doc = state.Paired;
        doc.Remove(victim.DeviceId);
        state.WritePaired(StoreState.Stringify(doc));

        var outcomes = new OfflineScopeRepairer(offline).Commit(plans, new StoreWriteOptions { NoBackup = true });

        Assert.Equal("OpenClaw.DeviceNotFound", outcomes.Single(o => o.Plan.DeviceId == victim.DeviceId).Error!.ErrorId);
        Assert.Null(state.Paired[victim.DeviceId]);
    }
}
