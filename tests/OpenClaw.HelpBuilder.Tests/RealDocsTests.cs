using System.Reflection;
using System.Text.RegularExpressions;
using OpenClaw.Core.Errors;
using static OpenClaw.HelpBuilder.Tests.Compile;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>Every real page in docs/en-US compiles, and its MAML is complete enough to be useful in Get-Help.</summary>
    public sealed class RealDocsTests
    {
        private const string RepairPipeline =
            "Get-OpenClawDevice | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -WhatIf";

        private static readonly HelpCompilation Real = RealDocs();

        public static TheoryData<string> CommandPages()
        {
            var data = new TheoryData<string>();
            foreach (var page in RepoPaths.CommandPages) data.Add(Path.GetFileName(page));
            return data;
        }

        [Fact]
        public void TheDocsCompileIntoOneHelpFileAndTheAboutTopics()
        {
            Assert.True(Real.Succeeded, string.Join("\n", Real.Errors));
            Assert.Equal(
                new[] { "OpenClaw.PowerShell.dll-Help.xml", "about_OpenClaw_Connections.help.txt", "about_OpenClaw_DeviceScopes.help.txt", "about_OpenClaw_OfflineRepair.help.txt" },
                Real.Files.Keys.OrderBy(k => k, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(CommandPages))]
        public void EachPageBecomesACompleteMamlCommand(string file)
        {
            var page = Real.Commands.Single(c => Path.GetFileName(c.SourcePath) == file);
            var command = CommandElement(MamlOf(Real), page.Name);
            var details = command.Element(CommandNs + "details")!;
            Assert.Equal(page.Name.Split('-')[0], details.Element(CommandNs + "verb")!.Value);
            Assert.Equal(page.Name.Split('-')[1], details.Element(CommandNs + "noun")!.Value);
            Assert.Contains(Paras(details.Element(MamlNs + "description")), p => p.Length > 20);
            Assert.NotEmpty(Paras(command.Element(MamlNs + "description")));

            var items = command.Element(CommandNs + "syntax")!.Elements(CommandNs + "syntaxItem").ToList();
            Assert.Equal(page.Syntax.Count, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                Assert.Equal(page.Syntax[i].Parameters.Select(p => p.Name), items[i].Elements(CommandNs + "parameter").Select(p => p.Element(MamlNs + "name")!.Value));
            }

            var parameters = command.Element(CommandNs + "parameters")!.Elements(CommandNs + "parameter").ToList();
            Assert.Equal(page.Parameters.Select(p => p.Name), parameters.Select(p => p.Element(MamlNs + "name")!.Value));
            Assert.All(parameters, p => Assert.NotEmpty(Paras(p.Element(MamlNs + "description"))));

            var examples = command.Element(CommandNs + "examples")!.Elements(CommandNs + "example").ToList();
            Assert.True(examples.Count >= 2, $"{file} has {examples.Count} example(s); at least two are expected.");
            Assert.All(examples, e =>
            {
                Assert.StartsWith("PS> ", e.Element(DevNs + "code")!.Value);
                Assert.NotEmpty(Paras(e.Element(DevNs + "remarks")));
            });

            Assert.NotEmpty(command.Element(CommandNs + "inputTypes")!.Elements());
            Assert.NotEmpty(command.Element(CommandNs + "returnValues")!.Elements());
            Assert.NotEmpty(Paras(command.Element(MamlNs + "alertSet")!.Element(MamlNs + "alert")));
            Assert.NotEmpty(command.Element(CommandNs + "relatedLinks")!.Elements());
        }

        [Theory]
        [InlineData("Get-OpenClawDevice.md")]
        [InlineData("Test-OpenClawDeviceScope.md")]
        [InlineData("Update-OpenClawDeviceScope.md")]
        [InlineData("Connect-OpenClawGateway.md")]
        public void TheDeviceAndConnectPagesShowTheRepairPipeline(string file)
        {
            var page = Real.Commands.Single(c => Path.GetFileName(c.SourcePath) == file);
            Assert.Contains(page.Examples, e => e.Code.Contains(RepairPipeline, StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("Get-OpenClawDevice.md", "OpenClaw.DeviceNotFound", "OpenClaw.PairingRequired", "OpenClaw.GatewayUnreachable", "OpenClaw.AuthenticationFailed")]
        [InlineData("Test-OpenClawDeviceScope.md", "OpenClaw.InvalidRelease", "OpenClaw.RoleNotFound", "OpenClaw.DeviceNotFound", "OpenClaw.PairingRequired")]
        [InlineData("Update-OpenClawDeviceScope.md", "OpenClaw.RepairNotPossible", "OpenClaw.RepairNotVerified", "OpenClaw.InvalidScope", "OpenClaw.PairingRequired")]
        [InlineData("Disconnect-OpenClawGateway.md", "OpenClaw.ConnectionNotFound")]
        public void NotesExplainTheErrorsUsersSee(string file, params string[] ids)
        {
            var notes = string.Join("\n", Real.Commands.Single(c => Path.GetFileName(c.SourcePath) == file).Notes);
            Assert.All(ids, id => Assert.Contains("`" + id + "`", notes));
        }

        /// <summary>An id in the docs that the code never raises would send users looking for the wrong thing.</summary>
        [Fact]
        public void EveryErrorIdInTheDocsIsOneTheCodeRaises()
        {
            var raised = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
            // The cmdlet layer and the TLS code also raise ids as literals (OpenClaw.ConflictingConnection, ...).
            foreach (var source in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match m in Regex.Matches(File.ReadAllText(source), "\"(OpenClaw\\.[A-Z][A-Za-z]+)\"")) raised.Add(m.Groups[1].Value);
            }
            var unknown = RepoPaths.Pages()
                .SelectMany(p => Regex.Matches(File.ReadAllText(p), "`(OpenClaw\\.[A-Z][A-Za-z]+)`").Select(m => (Page: Path.GetFileName(p), Id: m.Groups[1].Value)))
                .Where(x => x.Id != "OpenClaw.PowerShell" && !raised.Contains(x.Id))
                .Distinct()
                .ToList();
            Assert.True(unknown.Count == 0, "ids the code does not raise: " + string.Join(", ", unknown.Select(u => $"{u.Id} in {u.Page}")));
        }

        [Theory]
        [MemberData(nameof(CommandPages))]
        public void RelatedLinksPointAtPagesThatExist(string file)
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.Docs, file));
            var links = text.Substring(text.IndexOf("## RELATED LINKS", StringComparison.Ordinal));
            foreach (Match m in Regex.Matches(links, @"\]\(([^)]+)\)"))
            {
                var target = m.Groups[1].Value;
                if (target.StartsWith("http", StringComparison.Ordinal)) continue;
                Assert.True(File.Exists(Path.Combine(RepoPaths.Docs, target)), $"{file} links to {target}, which does not exist.");
            }
        }
    }
}
