using System.IO;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Integration.Tests.Gateway
{
    /// <summary>Where tests/gateway/provision.sh put Node 24 and the OpenClaw releases (<see cref="TestInstalls"/>).</summary>
    public static class GatewayInstalls
    {
        public static string CacheDirectory => TestInstalls.CacheDirectory;

        public static string Node => TestInstalls.Node;

        public static string ReleaseDirectory(string version) => Path.Combine(CacheDirectory, "openclaw-" + version);

        public static string OpenClawEntry(string version) =>
            Path.Combine(ReleaseDirectory(version), "node_modules", "openclaw", "openclaw.mjs");

        /// <summary>provision.sh writes .installed last, so a half-finished install does not count.</summary>
        public static bool IsInstalled(string version) =>
            File.Exists(Node) && File.Exists(Path.Combine(ReleaseDirectory(version), ".installed"));

        /// <summary>CI sets this so a missing install fails the run instead of skipping tests.</summary>
        public static bool Required => TestInstalls.Required;

        public static string ScriptsDirectory => TestInstalls.ScriptsDirectory;

        public static string RepositoryRoot => TestInstalls.RepositoryRoot;
    }
}
