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
            var exported = host.Invoke("(Get-Module OpenClaw.PowerShell).ExportedCmdlets.Keys | Sort-Object");
            var manifest = host.Invoke("param($p) (Test-ModuleManifest -Path $p).ExportedCmdlets.Keys | Sort-Object",
                new Dictionary<string, object?> { ["p"] = PowerShellHost.ModulePath });
            exported.ThrowIfFailed();
            manifest.ThrowIfFailed();

            var names = exported.Output.Select(o => o.ToString()).ToArray();
            Assert.Equal(manifest.Output.Select(o => o.ToString()), names);
            Assert.Subset(names.ToHashSet(), new HashSet<string> { "Get-OpenClawDevice", "Test-OpenClawDeviceScope", "Update-OpenClawDeviceScope" });
        }
    }
}
