using Newtonsoft.Json.Linq;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// The write itself: optimistic concurrency against a gateway writing the same file (-Force), backups, modes,
/// and atomicity (a failure between writing the temp file and swapping it leaves the old file; a reader never
/// sees a torn one).
/// </summary>
public sealed class JsonStoreWriterTests
{
    private static readonly OfflineScopeGrant ReadWrite = new(StoreState.CliDevice, "operator", new[] { "operator.read", "operator.write" });

    /// <summary>Writes paired.json the way 2026.2.19's writeJsonAtomic does: temp file in the folder, then rename.</summary>
    private static void GatewayWrite(StoreState state, Action<JObject> change)
    {
        var doc = StoreState.Parse(File.ReadAllText(state.PairedPath));
        change(doc);
        var temp = state.PairedPath + "." + Guid.NewGuid() + ".tmp";
        File.WriteAllText(temp, StoreState.Stringify(doc));
        File.Move(temp, state.PairedPath, overwrite: true);
    }

    private static void AddDevice(JObject doc, string id) =>
        doc[id] = new JObject { ["deviceId"] = id, ["role"] = "operator", ["scopes"] = new JArray("operator.read"), ["createdAtMs"] = 1 };

    [Fact]
    public void AGatewayWriteBetweenReadAndReplaceIsMergedNotLost()
    {
        using var state = new StoreState();
        var store = new JsonPairingStore(state.StateDirectory);
        var newcomer = new string('a', 64);
        var raced = false;
        store.Writer.BeforeVerify = _ =>
        {
            if (raced) return;
            raced = true;
            GatewayWrite(state, doc => AddDevice(doc, newcomer));
        };
        var log = new List<string>();

        store.AddScopes(new[] { ReadWrite }, new StoreWriteOptions { Force = true, RunningGateway = "test", Log = log.Add });

        var after = state.Paired;
        Assert.NotNull(after[newcomer]);
        Assert.Contains("operator.write", after[StoreState.CliDevice]!["scopes"]!.ToObject<string[]>()!);
        Assert.Contains(log, l => l.Contains("changed since it was read"));
        // The backup is of what the swap replaced: the gateway's write included.
        Assert.NotNull(StoreState.Parse(File.ReadAllText(Assert.Single(state.Backups())))[newcomer]);
    }

    [UnixFact]
    public void AGatewayWriteInTheGapBeforeTheSwapIsMergedToo()
    {
        using var state = new StoreState();
        var store = new JsonPairingStore(state.StateDirectory);
        var newcomer = new string('b', 64);
        var raced = false;
        store.Writer.BeforeSwap = _ =>
        {
            if (raced) return;
            raced = true;
            GatewayWrite(state, doc => AddDevice(doc, newcomer));
        };
        var log = new List<string>();

        store.AddScopes(new[] { ReadWrite }, new StoreWriteOptions { Force = true, RunningGateway = "test", NoBackup = true, Log = log.Add });

        // renameat2(RENAME_EXCHANGE) hands back what it displaced, so the write that landed in the gap is seen.
        var after = state.Paired;
        Assert.NotNull(after[newcomer]);
        Assert.Contains("operator.write", after[StoreState.CliDevice]!["scopes"]!.ToObject<string[]>()!);
        Assert.Contains(log, l => l.Contains("between the check and the swap"));
        Assert.Equal(state.PairedText, StoreState.Stringify(after));
    }

    [Fact]
    public void WithoutForceARunningGatewayStopsTheWriteBeforeAnythingIsTouched()
    {
        using var state = new StoreState();
        var before = state.Files();
        var e = Assert.Throws<OpenClaw.Core.Errors.OpenClawException>(() =>
            new JsonPairingStore(state.StateDirectory).AddScopes(new[] { ReadWrite }, new StoreWriteOptions { RunningGateway = "gateway lock /tmp/x names pid 1" }));
        Assert.Equal("OpenClaw.GatewayRunning", e.ErrorId);
        Assert.Equal(OpenClaw.Core.Errors.RemedyKind.StopGateway, e.Remedy?.Kind);
        Assert.True(e.Remedy!.Value.ForceWriteAllowed);
        Assert.Equal(before.Keys, state.Files().Keys);
    }

    [Fact]
    public void AFailureBetweenTheTempFileAndTheSwapLeavesTheOldFileAndNoTempFile()
    {
        using var state = new StoreState();
        var original = state.PairedBytes;
        var store = new JsonPairingStore(state.StateDirectory);
        string? temp = null;
        store.Writer.BeforeSwap = t =>
        {
            temp = t;
            Assert.True(File.Exists(t));
            throw new IOException("simulated crash between the temp write and the rename");
        };

        Assert.Throws<IOException>(() => store.AddScopes(new[] { ReadWrite }, new StoreWriteOptions { NoBackup = true }));

        Assert.Equal(original, state.PairedBytes);
        Assert.False(File.Exists(temp));
        Assert.Empty(Directory.GetFiles(state.Devices, "*.tmp"));
    }

    [Fact]
    public void TempFilesLeftByAKilledRunAreRemovedByTheNextWrite()
    {
        using var state = new StoreState();
        var leftover = state.PairedPath + ".openclaw-powershell-" + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(leftover, "{\"half\": ");
        new JsonPairingStore(state.StateDirectory).AddScopes(new[] { ReadWrite }, new StoreWriteOptions { NoBackup = true });
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task AReaderNeverSeesATornFile()
    {
        using var state = new StoreState(StoreState.AfterRotate);
        var store = new JsonPairingStore(state.StateDirectory);
        var ids = store.Read().Paired.Select(d => d.DeviceId).ToList();
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = File.ReadAllText(state.PairedPath);
                StoreState.Parse(text); // throws on a torn file
                Interlocked.Increment(ref reads);
            }
        });
        SpinWait.SpinUntil(() => Volatile.Read(ref reads) > 0, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 60; i++)
        {
            var scope = "operator.custom" + i;
            store.AddScopes(ids.Select(id => new OfflineScopeGrant(id, "operator", new[] { scope })).ToList(), new StoreWriteOptions { NoBackup = true });
        }
        var readsDuringWrites = Volatile.Read(ref reads);
        stop.Cancel();
        await reader;
        Assert.True(readsDuringWrites > 1, $"only {readsDuringWrites} reads overlapped the writes");
        Assert.Equal(60 + 5, state.Paired[ids[0]]!["scopes"]!.Count());
    }

    [Fact]
    public void TheBackupHoldsTheOldBytesBesideTheStoreAndIsNamedInTheResult()
    {
        using var state = new StoreState();
        var original = state.PairedBytes;
        var now = new DateTimeOffset(2026, 11, 24, 21, 20, 43, 123, TimeSpan.Zero);

        var result = new JsonPairingStore(state.StateDirectory).AddScopes(new[] { ReadWrite }, new StoreWriteOptions { Now = now });

        var backup = Assert.Single(result.Backups);
        Assert.Equal(state.PairedPath + ".openclaw-powershell-20261124T212043123Z.bak", backup);
        Assert.Equal(original, File.ReadAllBytes(backup));
        Assert.Equal(new[] { state.PairedPath }, result.ChangedFiles);
        // A second run in the same millisecond gets its own name.
        var second = new JsonPairingStore(state.StateDirectory).AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.talk" }) }, new StoreWriteOptions { Now = now });
        Assert.EndsWith("-2.bak", Assert.Single(second.Backups));
    }

    [UnixFact]
    public void TheStoreAndItsBackupKeepMode0600()
    {
        using var state = new StoreState();
        var result = new JsonPairingStore(state.StateDirectory).AddScopes(new[] { ReadWrite }, new StoreWriteOptions());
        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(state.PairedPath));
        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(Assert.Single(result.Backups)));
    }

    [UnixFact]
    public void AnotherModeTheFileWasGivenIsKept()
    {
        using var state = new StoreState();
        UnixMode.Set(state.PairedPath, UnixMode.OwnerReadWrite | UnixFileMode.GroupRead);
        var result = new JsonPairingStore(state.StateDirectory).AddScopes(new[] { ReadWrite }, new StoreWriteOptions());
        Assert.Equal(UnixMode.OwnerReadWrite | UnixFileMode.GroupRead, UnixMode.Of(state.PairedPath));
        Assert.Equal(UnixMode.OwnerReadWrite | UnixFileMode.GroupRead, UnixMode.Of(Assert.Single(result.Backups)));
    }

    /// <summary>Run as root on a folder a service user owns: the store and its backup stay that user's.</summary>
    [UnixFact]
    public void TheStoreAndItsBackupKeepTheirOwnerWhenRootWritesThem()
    {
        if (!OperatingSystem.IsLinux() || OpenClaw.Core.Diagnostics.UnixUser.Id() != "0") return;
        using var state = new StoreState();
        using (var chown = System.Diagnostics.Process.Start("chown", new[] { "1234:2345", state.PairedPath })!) chown.WaitForExit();
        var result = new JsonPairingStore(state.StateDirectory).AddScopes(new[] { ReadWrite }, new StoreWriteOptions());
        Assert.Equal((1234u, 2345u), OpenClaw.Core.Stores.Files.FileOwner.Owner(state.PairedPath));
        Assert.Equal((1234u, 2345u), OpenClaw.Core.Stores.Files.FileOwner.Owner(Assert.Single(result.Backups)));
    }

    [Fact]
    public void NoBackupMakesNone()
    {
        using var state = new StoreState();
        var result = new JsonPairingStore(state.StateDirectory).AddScopes(new[] { ReadWrite }, new StoreWriteOptions { NoBackup = true });
        Assert.Empty(result.Backups);
        Assert.Empty(state.Backups());
    }
}
