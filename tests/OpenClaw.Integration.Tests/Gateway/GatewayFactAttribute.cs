using System.Linq;
using Xunit;

namespace OpenClaw.Integration.Tests.Gateway
{
    /// <summary>
    /// A test that needs real gateways. Where the releases are not installed it is skipped with the command that
    /// installs them, except when OPENCLAW_PS_REQUIRE_GATEWAYS=1 (CI), where it runs and fails loudly.
    /// </summary>
    public sealed class GatewayFactAttribute : FactAttribute
    {
        public GatewayFactAttribute(params string[] versions)
        {
            var missing = versions.Where(v => !GatewayInstalls.IsInstalled(v)).ToList();
            if (missing.Count > 0 && !GatewayInstalls.Required)
            {
                Skip = $"OpenClaw {string.Join(", ", missing)} not installed; run tests/gateway/provision.sh first.";
            }
        }
    }
}
