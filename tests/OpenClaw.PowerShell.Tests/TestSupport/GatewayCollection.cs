using Xunit;

namespace OpenClaw.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// Tests that talk to a fake gateway set OPENCLAW_POWERSHELL_HOME, which belongs to the process, so they run
    /// one at a time. Tests that touch no environment variable (ModuleImportTests) stay outside and run in parallel.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class GatewayCollection
    {
        public const string Name = "Fake gateway (process environment)";
    }
}
