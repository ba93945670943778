using System;
using System.Globalization;
using System.IO;

namespace OpenClaw.Core.Stores.Files
{
    /// <summary>
    /// The file writes of an offline change: temp files and backups beside the store file, created owner-only
    /// before a byte is written (they hold plaintext tokens), flushed to disk, then given the store file's own
    /// mode and owner.
    /// </summary>
    internal static class StoreFileWrites
    {
        /// <summary>A new temp file in the store file's folder (a rename is atomic only within one filesystem).</summary>
        public static string WriteTemp(string storeFile, byte[] content, int? mode)
        {
            var temp = storeFile + ".openclaw-powershell-" + Guid.NewGuid().ToString("N") + ".tmp";
            WriteNew(temp, content, mode, storeFile);
            return temp;
        }

        /// <summary>
        /// A timestamped copy beside the store file, with the same mode: paired.json.openclaw-powershell-20261124T212043123Z.bak.
        /// The name does not match OpenClaw's own openclaw.json.bak rotation, so neither side ever deletes the other's.
        /// </summary>
        public static string WriteBackup(string storeFile, byte[] content, int? mode, DateTimeOffset now)
        {
            var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
            var path = storeFile + ".openclaw-powershell-" + stamp + ".bak";
            for (var n = 2; File.Exists(path); n++) path = storeFile + ".openclaw-powershell-" + stamp + "-" + n + ".bak";
            WriteNew(path, content, mode, storeFile);
            return path;
        }

        /// <summary>
        /// Temp files of an earlier run that was killed between writing and swapping (they hold tokens, 0600).
        /// Called only under the store lock, so no other run of the module is still writing one.
        /// </summary>
        public static void RemoveStaleTemps(string storeFile)
        {
            foreach (var temp in StaleTemps(storeFile)) TryDelete(temp);
        }

        /// <summary>The temp files of <paramref name="storeFile"/> that exist now (<see cref="WriteTemp"/> names them).</summary>
        public static string[] StaleTemps(string storeFile)
        {
            var dir = Path.GetDirectoryName(storeFile);
            if (dir == null || !Directory.Exists(dir)) return Array.Empty<string>();
            return Directory.GetFiles(dir, Path.GetFileName(storeFile) + ".openclaw-powershell-*.tmp");
        }

        public static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static void WriteNew(string path, byte[] content, int? mode, string ownerOf)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    UnixFileModes.Apply(path, UnixFileModes.OwnerReadWrite);
                    stream.Write(content, 0, content.Length);
                    stream.Flush(true);
                }
                if (mode.HasValue && mode.Value != UnixFileModes.OwnerReadWrite) UnixFileModes.Apply(path, mode.Value);
                FileOwner.CopyFrom(ownerOf, path);
            }
            catch
            {
                TryDelete(path);
                throw;
            }
        }
    }
}
