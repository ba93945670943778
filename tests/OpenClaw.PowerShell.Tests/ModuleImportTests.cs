using OpenClaw.Tests.Shared;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    public sealed class ModuleImportTests
    {
        [Fact]
        public void TheBuiltModuleExportsExactlyTheManifestCmdlets()
        {
            using var host = new PowerShellHost();
            var result = host.Invoke("(Get-Module OpenClaw.PowerShell).ExportedCmdlets.Keys | Sort-Object");
            result.ThrowIfFailed();
            Assert.Equal(new[] { "Get-OpenClawDevice", "Test-OpenClawDeviceScope", "Update-OpenClawDeviceScope" },
                result.Output.Select(o => o.ToString()).ToArray());
        }
    }
}
