using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// Whether two paths name the same folder. The gateway reports its state folder as it resolved it: 2.x as
    /// given in OPENCLAW_STATE_DIR (possibly through a symlink), 9.x with symlinks resolved; the user may type
    /// either. So paths are compared as given and, on Unix, once more with symlinks resolved (realpath).
    /// </summary>
    internal static class PathIdentity
    {
        private static bool IgnoreCase =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        public static bool SameDirectory(string? a, string? b)
        {
            if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b)) return false;
            var left = Normalize(a!);
            var right = Normalize(b!);
            if (left == null || right == null) return false;
            if (Equal(left, right)) return true;
            var realLeft = RealPath(left);
            var realRight = RealPath(right);
            return realLeft != null && realRight != null && Equal(realLeft, realRight);
        }

        private static bool Equal(string a, string b) =>
            string.Equals(a, b, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        private static string? Normalize(string path)
        {
            try
            {
                return Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                return null;
            }
        }

        /// <summary>The path with every symlink resolved; null on Windows or when it does not exist.</summary>
        internal static string? RealPath(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            try
            {
                var resolved = realpath(path, IntPtr.Zero);
                if (resolved == IntPtr.Zero) return null;
                try
                {
                    return Marshal.PtrToStringAnsi(resolved)?.TrimEnd('/');
                }
                finally
                {
                    free(resolved);
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException || e is DllNotFoundException)
            {
                return null;
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr realpath(string path, IntPtr resolved);

        [DllImport("libc")]
        private static extern void free(IntPtr pointer);
    }
}
