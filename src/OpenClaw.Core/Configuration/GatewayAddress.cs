using System;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Configuration
{
    /// <summary>
    /// When two gateway URLs, or two state folders, name the same gateway. Objects carry where they were read, and
    /// an action on them must reach that same gateway, so the comparison is on what the address means rather than
    /// how it was typed: the scheme and host ignore case, every loopback alias (localhost, 127.0.0.0/8, ::1) is one
    /// host, a missing port is the scheme's default, and a trailing slash does not count. Folders compare by their
    /// full path, ignoring case where the platform's default file system does (Windows, macOS).
    /// </summary>
    public static class GatewayAddress
    {
        private static readonly StringComparison FolderComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

        public static bool SameGateway(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port
            && SameHost(a, b)
            && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

        /// <summary>A gateway on this computer: reached from another computer, the same URL would name a different one.</summary>
        public static bool IsLoopback(Uri url) =>
            url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

        public static bool SameFolder(string a, string b) => string.Equals(NormalizeFolder(a), NormalizeFolder(b), FolderComparison);

        /// <summary>The full path without trailing separators (a root keeps its own).</summary>
        public static string NormalizeFolder(string path)
        {
            var full = Path.GetFullPath(path);
            var root = Path.GetPathRoot(full) ?? "";
            var trimmed = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return trimmed.Length < root.Length ? root : trimmed;
        }

        private static bool SameHost(Uri a, Uri b) =>
            (IsLoopback(a) && IsLoopback(b)) || string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);
    }
}
