using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Stores.Files
{
    /// <summary>
    /// Puts a fully written temp file in place of a store file in one atomic step. Where the system can exchange
    /// two names atomically (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP), it does, and the temp
    /// name then holds exactly what the store file held at that instant: the caller compares it with what it
    /// verified, which closes the gap between "check the file is unchanged" and "replace it", so a gateway write in
    /// that gap is seen and merged instead of lost. Elsewhere (Windows, filesystems without exchange) it is a
    /// plain atomic rename, and the gap is the few microseconds between the check and the rename.
    /// </summary>
    internal static class FileSwap
    {
        private const int AtFdCwd = -100;
        private const uint RenameExchange = 2; // RENAME_EXCHANGE (Linux) and RENAME_SWAP (macOS) share the value
        private static bool _exchangeUnavailable;

        /// <returns>True when the names were exchanged: <paramref name="source"/> now holds the old target.</returns>
        public static bool ExchangeOrReplace(string source, string target)
        {
            if (!File.Exists(target))
            {
                File.Move(source, target);
                return false;
            }
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // ReplaceFile keeps the replaced file's ACL and attributes; File.Move cannot overwrite on .NET Framework.
                File.Replace(source, target, null, ignoreMetadataErrors: true);
                return false;
            }
            if (!_exchangeUnavailable && TryExchange(source, target)) return true;
            if (rename(source, target) != 0)
            {
                throw new IOException($"Cannot replace '{target}' (rename failed, errno {Marshal.GetLastWin32Error()}).");
            }
            return false;
        }

        private static bool TryExchange(string source, string target)
        {
            try
            {
                var result = RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                    ? renamex_np(source, target, RenameExchange)
                    : renameat2(AtFdCwd, source, AtFdCwd, target, RenameExchange);
                if (result == 0) return true;
                // EINVAL/ENOSYS/ENOTSUP: this filesystem or kernel cannot exchange; fall back to rename from now on.
                _exchangeUnavailable = true;
                return false;
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                _exchangeUnavailable = true;
                return false;
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int renamex_np(string from, string to, uint flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int rename(string oldpath, string newpath);
    }
}
