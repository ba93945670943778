using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Stores.Files
{
    /// <summary>
    /// Reads and sets Unix permission bits, so a replaced store file and its backup keep the gateway's mode (0600:
    /// the files hold plaintext tokens, facts §1.6). netstandard2.0 has no File.GetUnixFileMode; PowerShell 7.4+
    /// runs on .NET 8, which has it, so it is reached by reflection, with chmod from libc as the fallback for
    /// setting. On Windows both do nothing: a file created in the same folder inherits the folder's ACL, and
    /// File.Replace keeps the replaced file's own ACL.
    /// </summary>
    internal static class UnixFileModes
    {
        public const int OwnerReadWrite = 0x180; // 0600

        private static readonly MethodInfo? Get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly MethodInfo? Set = FindSet();

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>The file's mode bits, or null where they cannot be read (Windows, older runtimes).</summary>
        public static int? Of(string path)
        {
            if (IsWindows || Get == null) return null;
            try
            {
                return Convert.ToInt32(Get.Invoke(null, new object[] { path }));
            }
            catch (TargetInvocationException e) when (e.InnerException is IOException || e.InnerException is UnauthorizedAccessException)
            {
                return null;
            }
        }

        public static void Apply(string path, int mode)
        {
            if (IsWindows) return;
            if (Set != null)
            {
                var type = Set.GetParameters()[1].ParameterType;
                Set.Invoke(null, new[] { path, Enum.ToObject(type, mode) });
                return;
            }
            if (chmod(path, (uint)mode) != 0)
            {
                throw new IOException($"Cannot set the mode of '{path}' (chmod failed, errno {Marshal.GetLastWin32Error()}).");
            }
        }

        private static MethodInfo? FindSet()
        {
            foreach (var m in typeof(File).GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                if (m.Name != "SetUnixFileMode") continue;
                var p = m.GetParameters();
                if (p.Length == 2 && p[0].ParameterType == typeof(string)) return m;
            }
            return null;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, uint mode);
    }
}
