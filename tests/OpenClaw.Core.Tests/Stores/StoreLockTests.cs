using System.Diagnostics;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Stores.Files;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// Two runs of the module never change one store at the same time: the second waits for the lock, and gives up
/// with OpenClaw.StateLocked when it stays held. The lock is the operating system's, so a killed holder frees it.
/// </summary>
public sealed class StoreLockTests
{
    [Fact]
    public void ASecondRunWaitsThenFailsWithStateLocked()
    {
        using var state = new StoreState();
        using (StoreLock.Acquire(state.PairedPath, TimeSpan.Zero))
        {
            var watch = Stopwatch.StartNew();
            var e = Assert.Throws<OpenClawException>(() =>
                new JsonPairingStore(state.StateDirectory).AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.read" }) },
                    new StoreWriteOptions { LockTimeout = TimeSpan.FromMilliseconds(500) }));
            Assert.Equal(ErrorIds.StateLocked, e.ErrorId);
            Assert.Contains(state.PairedPath, e.Message);
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(5));
        }
        Assert.DoesNotContain("operator.read", state.PairedText);
        using (StoreLock.Acquire(state.PairedPath, TimeSpan.Zero))
        {
        }
    }

    [Fact]
    public void ConcurrentRunsNeverLoseEachOthersScopes()
    {
        using var state = new StoreState(StoreState.AfterRotate);
        var ids = new JsonPairingStore(state.StateDirectory).Read().Paired.Select(d => d.DeviceId).ToList();
        Parallel.For(0, 8, i =>
        {
            var store = new JsonPairingStore(state.StateDirectory);
            store.AddScopes(ids.Select(id => new OfflineScopeGrant(id, "operator", new[] { "operator.run" + i })).ToList(),
                new StoreWriteOptions { NoBackup = true, LockTimeout = TimeSpan.FromSeconds(30) });
        });
        foreach (var id in ids)
        {
            var scopes = state.Paired[id]!["scopes"]!.ToObject<string[]>()!;
            Assert.All(Enumerable.Range(0, 8), i => Assert.Contains("operator.run" + i, scopes));
        }
    }

    [Fact]
    public void ALockFileLeftByAKilledRunIsTakenOver()
    {
        using var state = new StoreState();
        File.WriteAllText(StoreLock.PathFor(state.PairedPath), "OpenClaw.PowerShell pid 999999 on elsewhere since 2026-01-01\n");
        using var held = StoreLock.Acquire(state.PairedPath, TimeSpan.Zero);
        Assert.Equal(Path.Combine(state.Devices, ".openclaw-powershell.lock"), held.Path);
    }

    /// <summary>Another process holding the lock (flock(1), the same flock(2) lock .NET takes) blocks this one until it exits.</summary>
    [UnixFact]
    public void ALockHeldByAnotherProcessBlocksUntilThatProcessEnds()
    {
        if (!File.Exists("/usr/bin/flock")) return;
        using var state = new StoreState();
        var lockPath = StoreLock.PathFor(state.PairedPath);
        File.WriteAllText(lockPath, "");
        // The holder's shell writes a marker as its last act while flock still holds the lock, so the marker proves
        // the wait lasted until the holder was done, however loaded the machine is (a timed bound was flaky).
        var marker = lockPath + ".done";
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", new[] { "-x", lockPath, "-c", $"echo held; sleep 2; echo done > '{marker}'" }) { RedirectStandardOutput = true })!;
        Assert.Equal("held", holder.StandardOutput.ReadLine());

        Assert.Equal(ErrorIds.StateLocked, Assert.Throws<OpenClawException>(() => StoreLock.Acquire(state.PairedPath, TimeSpan.FromMilliseconds(300))).ErrorId);
        using (StoreLock.Acquire(state.PairedPath, TimeSpan.FromSeconds(30)))
        {
            Assert.True(File.Exists(marker), "the lock was granted before the process holding it was done");
        }
        Assert.True(holder.WaitForExit(10_000));
    }
}
