using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Diagnostics;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// The lock file a gateway takes while it runs (src/infra/gateway-lock.ts, read in the 2.17/2.19/2.21 dist and
    /// observed on 2.19): <c>&lt;os.tmpdir()&gt;/openclaw-&lt;uid&gt;/gateway.&lt;sha1(configPath)[0..8]&gt;.lock</c>
    /// (Windows: <c>%TEMP%\openclaw</c>), holding <c>{pid, createdAt, configPath, startTime}</c>. 2026.9 moves it to
    /// <c>&lt;state&gt;/tmp/openclaw-&lt;uid&gt;/</c> and adds stateDir and port. The file outlives a killed gateway (observed
    /// after SIGTERM and SIGKILL alike), so a lock counts only when its pid is alive and, on Linux, still has
    /// the start time the lock recorded; the gateway itself judges its locks the same way.
    /// </summary>
    internal static class GatewayLockFiles
    {
        public static IEnumerable<GatewaySignal> Find(string stateDirectory)
        {
            foreach (var file in Directories(stateDirectory).Where(Directory.Exists).SelectMany(Locks).Distinct(StringComparer.Ordinal))
            {
                var payload = Read(file);
                if (payload == null) continue;
                var configPath = (string?)payload["configPath"];
                var lockState = (string?)payload["stateDir"];
                var configDir = configPath == null ? null : Path.GetDirectoryName(configPath);
                if (!PathIdentity.SameDirectory(lockState, stateDirectory) && !PathIdentity.SameDirectory(configDir, stateDirectory)) continue;
                var pid = payload["pid"]?.Type == JTokenType.Integer ? (int)payload["pid"]! : 0;
                var startTime = payload["startTime"]?.Type == JTokenType.Integer ? (long?)payload["startTime"] : null;
                var created = (string?)payload["createdAt"];
                var alive = ProcessTable.IsAlive(pid, startTime);
                if (alive == false)
                {
                    yield return new GatewaySignal(GatewaySignalKind.LockFile, false, $"stale gateway lock {file} (pid {pid}, {created}): that process no longer runs");
                    continue;
                }
                var how = alive == null ? "a process with that pid exists (its identity could not be checked)"
                    : ProcessTable.HasProc && startTime.HasValue ? "that process runs with the start time the lock recorded"
                    : "that process runs";
                yield return new GatewaySignal(GatewaySignalKind.LockFile, true, $"gateway lock {file} names pid {pid}, and {how}");
            }
        }

        /// <summary>
        /// Where gateways of this user put locks. os.tmpdir() follows TMPDIR, which the gateway's environment may
        /// set differently from ours, so the usual /tmp is searched as well.
        /// </summary>
        internal static IEnumerable<string> Directories(string stateDirectory)
        {
            var uid = UnixUser.Id();
            var suffix = uid == null ? "openclaw" : "openclaw-" + uid;
            yield return Path.Combine(Path.GetTempPath(), suffix);
            if (uid != null) yield return Path.Combine("/tmp", suffix);
            yield return Path.Combine(stateDirectory, "tmp", suffix);
        }

        private static IEnumerable<string> Locks(string directory)
        {
            try
            {
                return Directory.GetFiles(directory, "gateway.*.lock");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }

        private static JObject? Read(string file)
        {
            try
            {
                using var reader = new JsonTextReader(new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)))
                {
                    DateParseHandling = DateParseHandling.None, // createdAt is shown as the gateway wrote it
                };
                return JToken.ReadFrom(reader) as JObject;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException)
            {
                return null;
            }
        }
    }
}
