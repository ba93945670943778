using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// Decides whether the gateway that owns a state folder is running, from independent signals, any one
    /// of which is enough:
    /// <list type="number">
    /// <item>its lock file (GatewayLockFiles), held by a live pid with the recorded start time;</item>
    /// <item>on Linux, a gateway process whose environment points at the folder (GatewayProcesses);</item>
    /// <item>for 2026.8.1+ SQLite stores, the coordinator locks the gateway holds (SqliteGatewayLock);</item>
    /// <item>a gateway answering on the port openclaw.json names (or the default 18789) whose hello-ok reports
    /// this folder as its stateDir (GatewayPortProbe), or, on the configured port, any listener that refuses to say.</item>
    /// </list>
    /// False positives: a reused pid with no start time recorded (non-Linux), or an unrelated listener on the port
    /// the config names: both make the command refuse, and -Force (JSON) or stopping that process helps.
    /// False negatives: a gateway in a container or on another machine sharing the folder, run by another user,
    /// with OPENCLAW_ALLOW_MULTI_GATEWAY=1 on macOS/Windows, or listening on a port neither the config nor the
    /// default names, without a credential for the probe: no signal can see it. The docs say so.
    /// </summary>
    public static class GatewayPresenceDetector
    {
        public const int DefaultPort = 18789;

        public static async Task<GatewayPresence> DetectAsync(string stateDirectory, StateConfig config, CancellationToken cancellation,
            TimeSpan? probeTimeout = null)
        {
            var signals = new List<GatewaySignal>();
            signals.AddRange(GatewayLockFiles.Find(stateDirectory));
            signals.AddRange(GatewayProcesses.Find(stateDirectory));
            if (System.IO.File.Exists(PairingStoreLocator.SqlitePath(stateDirectory))) signals.Add(SqliteCoordinators(stateDirectory));
            var ports = new List<(int Port, bool Configured)>();
            if (config.Port is { } configured) ports.Add((configured, true));
            if (config.Port != DefaultPort) ports.Add((DefaultPort, false));
            foreach (var (port, isConfigured) in ports)
            {
                var probe = await GatewayPortProbe.ProbeAsync(port, config.Token, config.Password, probeTimeout ?? TimeSpan.FromSeconds(3), cancellation).ConfigureAwait(false);
                var signal = Judge(stateDirectory, config, port, isConfigured, probe);
                if (signal != null) signals.Add(signal);
            }
            return new GatewayPresence(signals);
        }

        /// <summary>
        /// 2026.8.1+ holds SQLite exclusive transactions on coordinator files for its whole life (SqliteGatewayLock,
        /// measured on 2026.9.6): OS locks, gone when the process dies, so no stale-lock guessing is needed there.
        /// </summary>
        private static GatewaySignal SqliteCoordinators(string stateDirectory)
        {
            try
            {
                var running = SqliteGatewayLock.FindRunningGateway(stateDirectory);
                return running != null
                    ? new GatewaySignal(GatewaySignalKind.LockFile, true, running)
                    : new GatewaySignal(GatewaySignalKind.LockFile, false, "no gateway holds the SQLite coordinator locks of this state folder");
            }
            catch (Errors.OpenClawException e)
            {
                // Without SQLite the locks cannot be tested; the other signals still apply, and the SQLite store
                // itself could not be written either.
                return new GatewaySignal(GatewaySignalKind.LockFile, false, "the SQLite coordinator locks could not be checked: " + e.Message);
            }
        }

        private static GatewaySignal? Judge(string stateDirectory, StateConfig config, int port, bool configured, PortProbeResult probe)
        {
            var where = $"ws://127.0.0.1:{port}" + (configured ? $" (gateway.port in {config.Path})" : " (the default port)");
            if (!probe.Listening) return configured ? new GatewaySignal(GatewaySignalKind.Listener, false, $"nothing listens on {where}") : null;
            if (probe.StateDirectory != null)
            {
                return PathIdentity.SameDirectory(probe.StateDirectory, stateDirectory)
                    ? new GatewaySignal(GatewaySignalKind.Listener, true, $"the gateway on {where} reports this state folder ({probe.StateDirectory}) in its hello")
                    : new GatewaySignal(GatewaySignalKind.Listener, false, $"the gateway on {where} serves another state folder ({probe.StateDirectory})");
            }
            // A listener that will not say which folder it serves counts only on the port this folder's own config
            // names: that is where this folder's gateway listens, and refusing is the safe mistake there.
            return new GatewaySignal(GatewaySignalKind.Listener, configured,
                $"something listens on {where} but did not say which state folder it serves ({probe.Problem})");
        }
    }
}
