using Xunit;

namespace OpenClaw.Integration.Tests.Gateway
{
    /// <summary>Gateway tests run one at a time: each starts Node processes that want both cores.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class GatewayCollection
    {
        public const string Name = "Real gateways";
    }
}
