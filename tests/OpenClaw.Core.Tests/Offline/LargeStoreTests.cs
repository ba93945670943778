using System.Diagnostics;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores;
using Xunit.Abstractions;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>
/// 10,000 devices: the whole offline repair (read, judge, plan, one write with backup, re-read to verify) in
/// reasonable time and memory. The numbers are printed; the bounds are generous so slow CI machines pass.
/// </summary>
public sealed class LargeStoreTests
{
    private const int Devices = 10_000;
    private readonly ITestOutputHelper _log;

    public LargeStoreTests(ITestOutputHelper log)
    {
        _log = log;
    }

    [Fact]
    public void TenThousandDevicesAreReadJudgedRepairedAndVerified()
    {
        using var state = new StoreState(null);
        state.WritePaired(LargeStore.Text(Devices));
        var size = new FileInfo(state.PairedPath).Length;
        var tokens = StoreState.TokenValues(state.Paired);
        GC.Collect();
        var memoryBefore = GC.GetTotalMemory(true);

        var watch = Stopwatch.StartNew();
        var offline = OfflineState.Open(state.StateDirectory, null);
        var read = watch.Elapsed;
        var plans = offline.Snapshot.Paired.Select(d => OfflineRepairPlanner.Plan(d, offline.Release, offline.Store.Location, "operator", Array.Empty<string>())).ToList();
        var planned = watch.Elapsed;
        var needed = plans.Where(p => p.NeedsChange).ToList();
        var outcomes = new OfflineScopeRepairer(offline).Commit(needed, new StoreWriteOptions());
        var written = watch.Elapsed;
        var peak = GC.GetTotalMemory(false) - memoryBefore;
        GC.KeepAlive(outcomes);
        var retained = GC.GetTotalMemory(true) - memoryBefore;

        _log.WriteLine($"{Devices} devices, paired.json {size / 1024} KB: open+read {read.TotalMilliseconds:F0} ms, judge+plan {(planned - read).TotalMilliseconds:F0} ms, "
                       + $"write {needed.Count} devices + backup + re-read + verify {(written - planned).TotalMilliseconds:F0} ms, total {written.TotalMilliseconds:F0} ms; managed heap growth {peak / (1024 * 1024)} MB before and {retained / (1024 * 1024)} MB after a full collection (snapshot and outcomes still held)");
        Assert.Equal(Devices * 4 / 5, needed.Count);
        Assert.All(outcomes, o => Assert.True(o.Verified, o.Error?.Message));
        Assert.All(plans.Where(p => !p.NeedsChange), p => Assert.Equal(new[] { "operator.read" }, p.Device.Scopes));
        Assert.Equal(tokens, StoreState.TokenValues(state.Paired));
        Assert.Equal(state.PairedText, StoreState.Stringify(state.Paired));
        Assert.Single(state.Backups());
        Assert.True(written < TimeSpan.FromSeconds(60), $"took {written}");
    }
}
