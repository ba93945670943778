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
            // The hosted engine has only Microsoft.PowerShell.Core (no Sort-Object), so results are ordered in C#.
            var exported = host.Invoke("(Get-Module OpenClaw.PowerShell).ExportedCmdlets.Keys");
            var manifest = host.Invoke("param($p) (Test-ModuleManifest -Path $p).ExportedCmdlets.Keys",
                new Dictionary<string, object?> { ["p"] = PowerShellHost.ModulePath });
            exported.ThrowIfFailed();
            manifest.ThrowIfFailed();

            var names = exported.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(manifest.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal), names);
            Assert.Subset(names.ToHashSet(), new HashSet<string> { "Get-OpenClawDevice", "Test-OpenClawDeviceScope", "Update-OpenClawDeviceScope" });
        }
    }
}
