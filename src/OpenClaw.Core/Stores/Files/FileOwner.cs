using System;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Stores.Files
{
    /// <summary>
    /// Gives a new temp file or backup the owner of the store file it replaces or copies. A run as root (sudo) on
    /// a gateway's folder would otherwise leave paired.json owned by root with mode 0600, which the gateway, running
    /// as its own user, could no longer read: every device would fail to connect. Linux only, through statx, whose
    /// struct layout is the same on every architecture (stat's is not); elsewhere, and when the owners already
    /// match, nothing is done. Only root can give a file away, which is also the only case where they differ.
    /// </summary>
    internal static class FileOwner
    {
        private const int AtFdCwd = -100;
        private const uint StatxUid = 0x8, StatxGid = 0x10;
        private const int StatxSize = 256, UidOffset = 20, GidOffset = 24;

        public static void CopyFrom(string source, string target)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
            var from = Owner(source);
            var to = Owner(target);
            if (from == null || to == null || from.Value == to.Value) return;
            if (chown(target, from.Value.Uid, from.Value.Gid) != 0)
            {
                throw new System.IO.IOException($"Cannot give '{target}' the owner of '{source}' ({from.Value.Uid}:{from.Value.Gid}; chown failed, errno {Marshal.GetLastWin32Error()}).");
            }
        }

        internal static (uint Uid, uint Gid)? Owner(string path)
        {
            var buffer = Marshal.AllocHGlobal(StatxSize);
            try
            {
                if (statx(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) != 0) return null;
                return ((uint)Marshal.ReadInt32(buffer, UidOffset), (uint)Marshal.ReadInt32(buffer, GidOffset));
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                return null;
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(int dirfd, string path, int flags, uint mask, IntPtr buffer);

        [DllImport("libc", SetLastError = true)]
        private static extern int chown(string path, uint owner, uint group);
    }
}
