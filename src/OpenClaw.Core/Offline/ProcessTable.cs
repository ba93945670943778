using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Offline
{
    /// <summary>A process as /proc shows it: its arguments and, when readable (same user), its environment.</summary>
    internal sealed class ProcessEntry
    {
        public ProcessEntry(int pid, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
        {
            Pid = pid;
            Args = args;
            Environment = environment;
        }

        public int Pid { get; }
        public IReadOnlyList<string> Args { get; }
        public IReadOnlyDictionary<string, string>? Environment { get; }
    }

    /// <summary>
    /// Process facts the running-gateway check needs. Linux answers from /proc; elsewhere only "is this pid
    /// alive" is known. A 2026.2.x gateway renames its process to "openclaw-gateway" (process.title; its
    /// launcher becomes "openclaw"), so both that title and the gateway's own argv test (gateway-lock.ts
    /// isGatewayArgv: "gateway" plus an openclaw entry script) identify one.
    /// </summary>
    internal static class ProcessTable
    {
        private static readonly string[] EntryScripts = { "dist/index.js", "dist/entry.js", "openclaw.mjs", "scripts/run-node.mjs", "src/index.ts" };

        public static bool HasProc => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Directory.Exists("/proc/self");

        public static bool IsGateway(IReadOnlyList<string> args)
        {
            if (args.Count == 0) return false;
            if (args.Count == 1 && args[0].Trim() == "openclaw-gateway") return true;
            var normalized = args.Select(a => a.Replace('\\', '/').ToLowerInvariant()).ToList();
            if (!normalized.Contains("gateway")) return false;
            if (normalized.Any(a => EntryScripts.Any(a.EndsWith))) return true;
            return normalized[0].EndsWith("/openclaw", StringComparison.Ordinal) || normalized[0] == "openclaw";
        }

        /// <summary>Every process with a gateway's arguments or title (Linux only; empty elsewhere).</summary>
        public static IEnumerable<ProcessEntry> Gateways()
        {
            if (!HasProc) yield break;
            foreach (var dir in SafeDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                var args = ReadNulSeparated(Path.Combine(dir, "cmdline"));
                if (args == null || !IsGateway(args) || State(pid) is 'Z' or 'X') continue;
                var environment = ReadNulSeparated(Path.Combine(dir, "environ"));
                yield return new ProcessEntry(pid, args, environment?
                    .Select(e => e.Split(new[] { '=' }, 2))
                    .Where(kv => kv.Length == 2)
                    .GroupBy(kv => kv[0], StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal));
            }
        }

        /// <summary>Alive, dead, or unknown (null) for a pid, with the start time check on Linux.</summary>
        /// <param name="startTime">The start time (clock ticks since boot, /proc/pid/stat field 22) the lock recorded.</param>
        public static bool? IsAlive(int pid, long? startTime)
        {
            if (pid <= 0) return false;
            if (HasProc)
            {
                var dir = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
                if (!Directory.Exists(dir)) return false;
                // A killed gateway stays a zombie until its parent (or init) reaps it, with its pid and start time
                // intact; where init does not reap (containers), that can last: a zombie runs nothing.
                if (State(pid) is 'Z' or 'X') return false;
                // The gateway's own stale-lock test: a reused pid has another start time.
                if (startTime.HasValue) return StartTime(pid) is { } now ? now == startTime.Value : (bool?)null;
                var args = ReadNulSeparated(Path.Combine(dir, "cmdline"));
                return args == null ? (bool?)null : IsGateway(args);
            }
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>The state letter of /proc/pid/stat (R, S, D, Z for a zombie, X dead), or null.</summary>
        internal static char? State(int pid)
        {
            var fields = StatFields(pid);
            return fields != null && fields.Length > 0 && fields[0].Length == 1 ? fields[0][0] : (char?)null;
        }

        internal static long? StartTime(int pid)
        {
            var fields = StatFields(pid);
            return fields != null && fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : (long?)null;
        }

        /// <summary>The fields of /proc/pid/stat after the command name: [0] is field 3 (state), [19] field 22 (start time).</summary>
        private static string[]? StatFields(int pid)
        {
            try
            {
                var stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
                // The command name (field 2) may hold spaces and parentheses; fields resume after the last ')'.
                return stat.Substring(stat.LastIndexOf(')') + 1).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static List<string>? ReadNulSeparated(string path)
        {
            try
            {
                return File.ReadAllText(path).Split('\0').Where(s => s.Length > 0).ToList();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's process (its environ is not readable).
                return null;
            }
        }

        private static IEnumerable<string> SafeDirectories(string path)
        {
            try
            {
                return Directory.GetDirectories(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
