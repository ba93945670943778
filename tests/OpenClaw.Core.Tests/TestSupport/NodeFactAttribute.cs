using OpenClaw.Tests.Shared;

namespace OpenClaw.Core.Tests.TestSupport;

/// <summary>
/// A test that runs Node 24, the gateway's runtime. The convention of Integration.Tests' GatewayFact: where
/// tests/gateway/provision.sh has not installed it the test is skipped, and says so with the command that installs
/// it, except with OPENCLAW_PS_REQUIRE_GATEWAYS=1 (CI; build.ps1 -Task Test provisions Node first), where it runs and
/// fails with that message instead.
/// </summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!File.Exists(TestInstalls.Node) && !TestInstalls.Required) Skip = NodeOracleMissing;
    }

    public static string NodeOracleMissing => $"Node 24 is not installed at {TestInstalls.Node}; run tests/gateway/provision.sh first.";
}
