using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// Tells whether the gateway (or <c>openclaw doctor</c>) that owns a 2026.8.1+ state directory is running, and
    /// keeps one from starting while the module writes. A running 2026.9.6 gateway holds SQLite exclusive
    /// transactions on empty coordinator files for its whole life (measured; dist gateway-lock / sqlite-coordinator):
    /// <list type="bullet">
    /// <item><c>&lt;state&gt;/tmp/openclaw-&lt;uid&gt;/gateway.state.lock.sqlite</c> and <c>gateway.&lt;hash&gt;.lock.sqlite</c>
    /// (<c>tmp/openclaw/</c> on Windows), beside the JSON <c>gateway.state.lock</c> payload;</item>
    /// <item><c>/tmp/openclaw-state-locks-&lt;uid&gt;/gateway-lifecycle.&lt;sha256(database path)[..8]&gt;.lock.sqlite</c>
    /// (<c>%USERPROFILE%\AppData\Local\OpenClaw\locks\openclaw-state-locks\</c> on Windows).</item>
    /// </list>
    /// These are OS file locks, so they vanish when the process dies, even on SIGKILL; the JSON lock files a killed
    /// gateway leaves behind (seen by the hundred in /tmp/openclaw-0) are therefore only used to name the pid. The
    /// probe opens existing coordinator files only and never creates one. While the module writes it holds the
    /// same exclusive transactions, so a gateway started meanwhile waits (it retries its lifecycle lock for 5 min).
    /// </summary>
    public sealed class SqliteGatewayLock : IDisposable
    {
        private readonly List<SqliteConnection> _held;

        private SqliteGatewayLock(List<SqliteConnection> held)
        {
            _held = held;
        }

        /// <summary>The coordinator files a gateway of this state directory holds while it runs (existing ones only).</summary>
        public static IReadOnlyList<string> CoordinatorFiles(string stateDirectory)
        {
            var files = new List<string>();
            var tmp = Path.Combine(stateDirectory, "tmp");
            if (Directory.Exists(tmp))
            {
                // Every openclaw-<uid> folder: the gateway may run as another user than PowerShell (a service account).
                foreach (var dir in Directory.GetDirectories(tmp, "openclaw*"))
                {
                    files.AddRange(Directory.GetFiles(dir, "gateway*.lock.sqlite").OrderBy(f => f, StringComparer.Ordinal));
                }
            }
            var lifecycle = LifecycleCoordinator(SqliteStateDatabase.PathIn(stateDirectory));
            if (lifecycle != null && File.Exists(lifecycle)) files.Add(lifecycle);
            return files;
        }

        /// <summary>
        /// Null when no gateway holds the state directory; otherwise what shows it does (the file, and the pid from
        /// the JSON lock payload when there is one). Creates no file and holds nothing afterwards.
        /// </summary>
        public static string? FindRunningGateway(string stateDirectory)
        {
            foreach (var file in CoordinatorFiles(stateDirectory))
            {
                var connection = TryHold(file);
                if (connection == null) return Evidence(stateDirectory, file);
                Release(connection);
            }
            return null;
        }

        /// <summary>Holds every coordinator the gateway would take; throws OpenClaw.GatewayRunning when one is taken.</summary>
        public static SqliteGatewayLock Acquire(string stateDirectory)
        {
            var held = new List<SqliteConnection>();
            foreach (var file in CoordinatorFiles(stateDirectory))
            {
                var connection = TryHold(file);
                if (connection == null)
                {
                    held.ForEach(Release);
                    throw Running(stateDirectory, Evidence(stateDirectory, file));
                }
                held.Add(connection);
            }
            return new SqliteGatewayLock(held);
        }

        public static OpenClawException Running(string stateDirectory, string evidence) =>
            StoreErrors.GatewayRunning(SqliteStateDatabase.PathIn(stateDirectory), evidence, forceAllowed: false);

        /// <summary>The global lifecycle coordinator of a database, named the way 2026.9.6 names it.</summary>
        internal static string? LifecycleCoordinator(string databasePath)
        {
            var canonical = Canonical(databasePath);
            using var sha = SHA256.Create();
            var hash = string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(canonical)).Take(4).Select(b => b.ToString("x2")));
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                return Path.Combine(home, "AppData", "Local", "OpenClaw", "locks", "openclaw-state-locks", $"gateway-lifecycle.{hash}.lock.sqlite");
            }
            var uid = Diagnostics.UnixUser.Id();
            return uid == null ? null : Path.Combine("/tmp", "openclaw-state-locks-" + uid, $"gateway-lifecycle.{hash}.lock.sqlite");
        }

        /// <summary>
        /// Begins the exclusive transaction OpenClaw's own coordinators use, without waiting: null when another
        /// process holds the file (SQLITE_BUSY). The files are empty, so nothing is ever written to them.
        /// </summary>
        private static SqliteConnection? TryHold(string file)
        {
            SqliteNativeLoader.EnsureInitialized();
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = file,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 1,
            }.ToString());
            try
            {
                connection.Open();
                // One statement per command: Microsoft.Data.Sqlite lets a busy statement in a multi-statement text
                // pass silently. No journal_mode change is needed, as nothing is ever written.
                SqliteStateDatabase.Execute(connection, "PRAGMA busy_timeout = 0");
                SqliteStateDatabase.Execute(connection, "BEGIN EXCLUSIVE");
                return connection;
            }
            catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) == 5 || (e.SqliteErrorCode & 0xFF) == 6)
            {
                connection.Dispose();
                return null;
            }
            catch (SqliteException)
            {
                // Unreadable or removed meanwhile: it is not a lock anyone holds.
                connection.Dispose();
                return new SqliteConnection();
            }
        }

        private static void Release(SqliteConnection connection)
        {
            try
            {
                if (connection.State == System.Data.ConnectionState.Open) SqliteStateDatabase.Execute(connection, "ROLLBACK");
            }
            catch (SqliteException)
            {
            }
            connection.Dispose();
        }

        private static string Evidence(string stateDirectory, string coordinator)
        {
            var tmp = Path.Combine(stateDirectory, "tmp");
            var pid = LockPayloadPid(Path.Combine(Path.GetDirectoryName(coordinator)!, "gateway.state.lock"))
                      ?? (Directory.Exists(tmp) ? Directory.GetDirectories(tmp, "openclaw*") : new string[0])
                          .Select(d => LockPayloadPid(Path.Combine(d, "gateway.state.lock"))).FirstOrDefault(p => p != null);
            return $"'{coordinator}' is locked" + (pid != null ? $"; gateway.state.lock names pid {pid}" : "");
        }

        private static string? LockPayloadPid(string file)
        {
            try
            {
                return File.Exists(file) ? (string?)(JToken.Parse(File.ReadAllText(file)) as JObject)?["pid"] : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is Newtonsoft.Json.JsonException)
            {
                return null;
            }
        }

        /// <summary>realpath(3) on Unix, as Node's realpathSync.native; the full path on Windows.</summary>
        private static string Canonical(string path)
        {
            var full = Path.GetFullPath(path);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return full;
            try
            {
                var resolved = realpath(full, IntPtr.Zero);
                if (resolved == IntPtr.Zero) return full;
                try
                {
                    return Marshal.PtrToStringAnsi(resolved) ?? full;
                }
                finally
                {
                    free(resolved);
                }
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return full;
            }
        }

        public void Dispose() => _held.ForEach(Release);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr realpath(string path, IntPtr resolved);

        [DllImport("libc")]
        private static extern void free(IntPtr pointer);
    }
}
