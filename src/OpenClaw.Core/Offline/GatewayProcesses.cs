using System;
using System.Collections.Generic;
using System.IO;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// Running gateway processes of this state folder, found in /proc (Linux): a process with a gateway's title or
    /// arguments whose environment resolves to this folder the way OpenClaw resolves it (OPENCLAW_STATE_DIR, the
    /// legacy CLAWDBOT_STATE_DIR, else $HOME/.openclaw). This finds gateways that take no lock (started with
    /// OPENCLAW_ALLOW_MULTI_GATEWAY=1) and those with another TMPDIR. It cannot see other users' processes
    /// (their environment is unreadable) or processes in another pid namespace (containers).
    /// </summary>
    internal static class GatewayProcesses
    {
        public static IEnumerable<GatewaySignal> Find(string stateDirectory)
        {
            foreach (var process in ProcessTable.Gateways())
            {
                if (process.Environment == null) continue;
                var dir = StateDirectoryOf(process.Pid, process.Environment);
                if (dir == null || !PathIdentity.SameDirectory(dir, stateDirectory)) continue;
                yield return new GatewaySignal(GatewaySignalKind.Process, true,
                    $"process {process.Pid} ({string.Join(" ", process.Args).Trim()}) is a gateway whose state folder is {dir}");
            }
        }

        private static string? StateDirectoryOf(int pid, IReadOnlyDictionary<string, string> environment)
        {
            foreach (var name in new[] { "OPENCLAW_STATE_DIR", "CLAWDBOT_STATE_DIR" })
            {
                if (!environment.TryGetValue(name, out var value) || value.Trim().Length == 0) continue;
                var expanded = Expand(value.Trim(), environment);
                // A relative folder is relative to the gateway's working directory, which /proc/<pid>/cwd links to.
                return Path.IsPathRooted(expanded) ? expanded : Path.Combine("/proc/" + pid + "/cwd", expanded);
            }
            return environment.TryGetValue("HOME", out var home) && home.Length > 0 ? Path.Combine(home, ".openclaw") : null;
        }

        /// <summary>OpenClaw expands a leading ~ in these variables against the process's own HOME.</summary>
        private static string Expand(string value, IReadOnlyDictionary<string, string> environment) =>
            value.StartsWith("~", StringComparison.Ordinal) && environment.TryGetValue("HOME", out var home)
                ? home + value.Substring(1)
                : value;
    }
}
