using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace OpenClaw.Core.Stores.Files
{
    /// <summary>
    /// A cross-process lock that keeps two runs of the module from changing one store at the same time. It is an
    /// exclusive open of a lock file beside the store (FileShare.None: on Unix .NET takes flock(LOCK_EX), on
    /// Windows it is a sharing lock), so the operating system drops it when the process ends, even when it is
    /// killed: a crashed run can never leave a stale lock behind, only a lock file that the next run opens and
    /// takes over. The holder's pid, host and start time are written into the file for the busy message.
    /// The file is deleted on release on Windows (delete-on-close, race-free there). On Unix it is left, empty:
    /// deleting a flock'ed file lets a waiting process lock the unlinked file while a third creates a new one, and
    /// both would then think they hold the lock.
    /// </summary>
    public sealed class StoreLock : IDisposable
    {
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
        private FileStream? _stream;

        private StoreLock(string path, FileStream stream)
        {
            Path = path;
            _stream = stream;
        }

        public string Path { get; }

        /// <summary>The lock file of a store file: a hidden file in the same folder.</summary>
        public static string PathFor(string storeFile) =>
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(storeFile))!, ".openclaw-powershell.lock");

        /// <summary>Takes the lock, waiting up to <paramref name="wait"/>; throws OpenClaw.StateLocked when it stays busy.</summary>
        public static StoreLock Acquire(string storeFile, TimeSpan wait, CancellationToken cancellation = default)
        {
            var path = PathFor(storeFile);
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                var stream = TryOpen(path);
                if (stream != null)
                {
                    WriteHolder(stream);
                    return new StoreLock(path, stream);
                }
                if (DateTime.UtcNow >= deadline) throw StoreErrors.Locked(storeFile, "it holds " + path);
                Thread.Sleep(Poll);
            }
        }

        private static FileStream? TryOpen(string path)
        {
            var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096,
                    windows ? FileOptions.DeleteOnClose : FileOptions.None);
                if (!windows) UnixFileModes.Apply(path, UnixFileModes.OwnerReadWrite);
                return stream;
            }
            catch (IOException)
            {
                // Held by another process (or another run in this one): the sharing check or flock refused it.
                return null;
            }
            catch (UnauthorizedAccessException) when (windows)
            {
                // Windows reports a file pending deletion by its last holder as access denied; it is gone a moment later.
                return null;
            }
        }

        private static void WriteHolder(FileStream stream)
        {
            using var process = Process.GetCurrentProcess();
            var text = $"OpenClaw.PowerShell pid {process.Id} on {Environment.MachineName} since {DateTimeOffset.UtcNow:O}\n";
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.SetLength(0);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(true);
        }

        public void Dispose()
        {
            var stream = Interlocked.Exchange(ref _stream, null);
            if (stream == null) return;
            try
            {
                stream.SetLength(0);
            }
            catch (IOException)
            {
            }
            stream.Dispose();
        }
    }
}
