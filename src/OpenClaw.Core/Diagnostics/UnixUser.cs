using System;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>The numeric user id, which names the gateway's fallback log folder (openclaw-&lt;uid&gt;) on Unix.</summary>
    internal static class UnixUser
    {
        [DllImport("libc", EntryPoint = "getuid")]
        private static extern uint GetUid();

        /// <summary>The uid as text; null on Windows or where libc cannot be called.</summary>
        public static string? Id()
        {
            if (Environment.OSVersion.Platform != PlatformID.Unix && Environment.OSVersion.Platform != PlatformID.MacOSX) return null;
            try
            {
                return GetUid().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return null;
            }
        }
    }
}
