using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Storage
{
    /// <summary>
    /// Owner-only file permissions. netstandard2.0 has no <c>File.SetUnixFileMode</c>, so Unix goes through libc;
    /// on Windows the per-user folders the module writes to (%LOCALAPPDATA%, the user's .openclaw) already inherit
    /// an ACL that admits only the user, SYSTEM and Administrators, which is the Windows equivalent of 0600.
    /// </summary>
    internal static class FilePermissions
    {
        private const uint OwnerReadWrite = 0x180; // 0600
        private const uint OwnerAll = 0x1C0;       // 0700

        public static void RestrictToOwner(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            if (chmod(path, OwnerReadWrite) != 0)
            {
                throw new IOException($"Cannot restrict '{path}' to its owner (chmod failed, errno {Marshal.GetLastWin32Error()}).");
            }
        }

        public static void CreatePrivateDirectory(string path)
        {
            if (Directory.Exists(path)) return;
            Directory.CreateDirectory(path);
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) chmod(path, OwnerAll);
        }

        internal static int Rename(string from, string to) => rename(from, to);

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, uint mode);

        [DllImport("libc", SetLastError = true)]
        private static extern int rename(string oldpath, string newpath);
    }
}
