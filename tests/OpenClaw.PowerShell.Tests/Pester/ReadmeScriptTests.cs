using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenClaw.PowerShell.Tests.Pester
{
    /// <summary>The README's PowerShell recipes are copied into scheduled tasks as they are, so each must at least parse.</summary>
    public sealed class ReadmeScriptTests
    {
        [Fact]
        public void EveryPowerShellBlockInTheReadmeParses()
        {
            var readme = File.ReadAllText(Path.Combine(PesterShimRunner.RepositoryRoot, "README.md"));
            var blocks = Regex.Matches(readme, @"```powershell\r?\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

            Assert.True(blocks.Count >= 5, $"only {blocks.Count} powershell blocks found");
            foreach (var block in blocks)
            {
                Parser.ParseInput(block, out _, out var errors);
                Assert.True(errors.Length == 0, block + "\n" + string.Join("\n", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));
            }
        }

        [Fact]
        public void TheBuildScriptParses()
        {
            Parser.ParseFile(Path.Combine(PesterShimRunner.RepositoryRoot, "build.ps1"), out _, out var errors);
            Assert.Empty(errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}"));
        }
    }
}
