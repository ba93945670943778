using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using OpenClaw.Core.Storage;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// A consistent copy of the state database beside it (<c>openclaw.sqlite.openclaw-powershell-20261124-225015.bak</c>,
    /// the naming of the JSON store's backups), made with
    /// SQLite's online backup API while the caller holds the write lock (BEGIN IMMEDIATE) and has not written yet,
    /// so it is exactly the state the change starts from, WAL content included. It reads through a second,
    /// read-only connection: sqlite3_backup_step answers SQLITE_BUSY when its source connection is itself in a
    /// write transaction, and readers are never blocked by the write lock. Copying the file would miss the -wal,
    /// and VACUUM INTO cannot run inside a transaction. The copy holds plaintext tokens: it is created owner-only
    /// before SQLite writes a page, then given the database's own mode.
    /// </summary>
    internal static class SqliteBackup
    {
        public static string Create(string databasePath, DateTimeOffset now, TimeSpan busyTimeout)
        {
            var backup = FreeName(databasePath, now);
            using (new FileStream(backup, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }
            try
            {
                FilePermissions.RestrictToOwner(backup);
                var builder = new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
                using (var source = SqliteStateDatabase.Open(databasePath, writable: false, busyTimeout))
                using (var destination = new SqliteConnection(builder.ToString()))
                {
                    destination.Open();
                    source.BackupDatabase(destination);
                }
                CopyMode(databasePath, backup);
                return backup;
            }
            catch (SqliteException e)
            {
                TryDelete(backup);
                throw SqliteStateDatabase.Map(databasePath, e, $"back it up to '{backup}'");
            }
            catch
            {
                TryDelete(backup);
                throw;
            }
        }

        private static string FreeName(string databasePath, DateTimeOffset now)
        {
            var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var candidate = $"{databasePath}.openclaw-powershell-{stamp}.bak";
            for (var n = 2; File.Exists(candidate); n++) candidate = $"{databasePath}.openclaw-powershell-{stamp}-{n}.bak";
            return candidate;
        }

        /// <summary>
        /// The database's exact Unix mode, through File.Get/SetUnixFileMode where the runtime has them (.NET 7+, so
        /// PowerShell 7.4+); owner-only otherwise. On Windows the copy inherits the folder's ACL, as the database did.
        /// </summary>
        private static void CopyMode(string from, string to)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            var get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            var set = typeof(File).GetMethods().FirstOrDefault(m => m.Name == "SetUnixFileMode" && m.GetParameters()[0].ParameterType == typeof(string));
            if (get == null || set == null) return;
            set.Invoke(null, new[] { to, get.Invoke(null, new object[] { from }) });
        }

        private static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
