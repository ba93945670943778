using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenClaw.Core.Storage
{
    /// <summary>
    /// Replaces a file so that a reader (or a crash) sees either the old or the new content, never a torn one:
    /// write a temp file in the same folder, restrict it, flush it to disk, then rename it over the target.
    /// Secret-bearing files are created owner-only from the start (0600 on Unix), never widened afterwards.
    /// </summary>
    public static class AtomicFile
    {
        public static void WriteAllText(string path, string content, bool ownerOnly = true)
        {
            var full = Path.GetFullPath(path);
            var temp = WriteTemp(full, content, ownerOnly);
            try
            {
                Replace(temp, full);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>
        /// Creates the file with this content unless it exists; false when it exists, or another process or runspace
        /// created it first, so that the first writer's content is the one everybody reads. A move that refuses an
        /// existing target is not enough: .NET on Unix checks and then renames, and rename() replaces, so two creators
        /// can both "win" (measured: 8 runspaces, up to 4 keys). The creators therefore take turns on an exclusive lock
        /// file beside the target (FileShare.None is an flock on Unix), and check again once they hold it.
        /// </summary>
        public static bool TryCreate(string path, string content, bool ownerOnly = true)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full)) return false;
            using (CreationLock(full))
            {
                if (File.Exists(full)) return false;
                var temp = WriteTemp(full, content, ownerOnly);
                try
                {
                    File.Move(temp, full);
                    return true;
                }
                catch
                {
                    TryDelete(temp);
                    throw;
                }
            }
        }

        /// <summary>
        /// The lock creators of <paramref name="full"/> take turns on, waited for up to 10 seconds. The lock file
        /// stays: deleting it on release would let a waiter that already opened it and a newcomer that creates a new
        /// one both hold "the" lock.
        /// </summary>
        private static FileStream CreationLock(string full)
        {
            var dir = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no folder.", nameof(full));
            Directory.CreateDirectory(dir);
            var lockPath = Path.Combine(dir, "." + Path.GetFileName(full) + ".lock");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    System.Threading.Thread.Sleep(10);
                }
            }
        }

        private static string WriteTemp(string full, string content, bool ownerOnly)
        {
            var dir = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no folder.", nameof(full));
            Directory.CreateDirectory(dir);
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    // Restrict before any byte is written, so a secret is never readable by others, even briefly.
                    if (ownerOnly) FilePermissions.RestrictToOwner(temp);
                    var bytes = new UTF8Encoding(false).GetBytes(content);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                return temp;
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        private static void Replace(string temp, string target)
        {
            if (!File.Exists(target))
            {
                File.Move(temp, target);
                return;
            }
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // File.Replace is the atomic swap on NTFS; File.Move cannot overwrite on .NET Framework.
                File.Replace(temp, target, null, ignoreMetadataErrors: true);
                return;
            }
            if (FilePermissions.Rename(temp, target) != 0)
            {
                throw new IOException($"Cannot replace '{target}' (rename failed, errno {Marshal.GetLastWin32Error()}).");
            }
        }

        private static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
