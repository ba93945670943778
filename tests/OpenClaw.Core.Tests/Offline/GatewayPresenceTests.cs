using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenClaw.Core.Diagnostics;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>
/// The running-gateway check, signal by signal, without a real gateway (the integration tests use real ones): a
/// lock file of a live pid counts, a stale one does not, a lock of another state folder is ignored, and a
/// listener on the port the folder's config names counts when it will not say which folder it serves.
/// </summary>
public sealed class GatewayPresenceTests
{
    /// <summary>9.x puts its lock under the state folder, which keeps these tests out of the shared /tmp/openclaw-uid.</summary>
    private static string LockDirectory(StoreState state) =>
        Path.Combine(state.StateDirectory, "tmp", UnixUser.Id() is { } uid ? "openclaw-" + uid : "openclaw");

    private static void WriteLock(StoreState state, int pid, long? startTime, string configDirectory)
    {
        Directory.CreateDirectory(LockDirectory(state));
        var start = startTime is { } t ? ",\"startTime\":" + t : "";
        File.WriteAllText(Path.Combine(LockDirectory(state), "gateway.0badc0de.lock"),
            $"{{\"pid\":{pid},\"createdAt\":\"2026-11-24T22:51:37.396Z\",\"configPath\":\"{Path.Combine(configDirectory, "openclaw.json")}\"{start}}}");
    }

    private static Task<GatewayPresence> Detect(StoreState state) =>
        GatewayPresenceDetector.DetectAsync(state.StateDirectory, StateConfig.Read(state.StateDirectory), CancellationToken.None, TimeSpan.FromSeconds(2));

    [Fact]
    public async Task ALockHeldByALiveProcessCounts()
    {
        using var state = new StoreState();
        using var self = Process.GetCurrentProcess();
        WriteLock(state, self.Id, OperatingSystem.IsLinux() ? ReadStartTime(self.Id) : null, state.StateDirectory);
        var presence = await Detect(state);
        Assert.True(presence.IsRunning);
        Assert.Contains("gateway lock", presence.Evidence);
        Assert.Contains("pid " + self.Id, presence.Evidence);
    }

    [Fact]
    public async Task AStaleLockDoesNotCount()
    {
        using var state = new StoreState();
        WriteLock(state, FinishedPid(), null, state.StateDirectory);
        var presence = await Detect(state);
        Assert.False(presence.IsRunning, presence.Evidence);
        Assert.Contains(presence.Signals, s => s.Description.StartsWith("stale gateway lock", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task ALiveLockWhosePidWasReusedDoesNotCount()
    {
        using var state = new StoreState();
        using var self = Process.GetCurrentProcess();
        // The recorded start time differs from this process's: the pid now belongs to someone else.
        WriteLock(state, self.Id, (ReadStartTime(self.Id) ?? 0) + 12345, state.StateDirectory);
        if (!OperatingSystem.IsLinux()) return;
        Assert.False((await Detect(state)).IsRunning);
    }

    [Fact]
    public async Task ALockOfAnotherStateFolderIsIgnored()
    {
        using var state = new StoreState();
        using var self = Process.GetCurrentProcess();
        WriteLock(state, self.Id, null, Path.Combine(state.StateDirectory, "elsewhere"));
        Assert.DoesNotContain((await Detect(state)).Signals, s => s.Kind == GatewaySignalKind.LockFile);
    }

    [Fact]
    public async Task AListenerOnTheConfiguredPortThatWillNotSayCounts()
    {
        using var state = new StoreState();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            File.WriteAllText(Path.Combine(state.StateDirectory, "openclaw.json"), $"{{\"gateway\": {{\"port\": {port}, \"auth\": {{\"token\": \"t\"}}}}}}");
            var presence = await Detect(state);
            Assert.True(presence.IsRunning);
            Assert.Contains($"ws://127.0.0.1:{port} (gateway.port in", presence.Evidence);
            Assert.Contains("did not say which state folder", presence.Evidence);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task NothingRunningMeansNoEvidence()
    {
        using var state = new StoreState();
        var presence = await Detect(state);
        Assert.False(presence.IsRunning, presence.Evidence);
        Assert.Null(presence.Evidence);
    }

    [Fact]
    public void TheGatewaysOwnArgvTestIsFollowed()
    {
        Assert.True(ProcessTable.IsGateway(new[] { "openclaw-gateway" }));
        Assert.True(ProcessTable.IsGateway(new[] { "/usr/bin/node", "/x/node_modules/openclaw/openclaw.mjs", "gateway", "run" }));
        Assert.True(ProcessTable.IsGateway(new[] { "/usr/local/bin/openclaw", "gateway" }));
        Assert.False(ProcessTable.IsGateway(new[] { "/usr/bin/node", "/x/openclaw.mjs", "devices", "list" }));
        Assert.False(ProcessTable.IsGateway(new[] { "openclaw" }));
    }

    private static long? ReadStartTime(int pid) => ProcessTable.StartTime(pid);

    private static int FinishedPid()
    {
        using var process = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh", OperatingSystem.IsWindows() ? "/c exit 0" : "-c true"))!;
        process.WaitForExit();
        return process.Id;
    }
}
