using System.Collections;
using System.Management.Automation.Language;
using OpenClaw.HelpBuilder.Commands;
using OpenClaw.PowerShell.Commands;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>
    /// The pages against the cmdlets they document, read from the built assembly: these fail when a parameter is
    /// added, removed or changed in code without the page following, or when a cmdlet has no page.
    /// </summary>
    public sealed class CmdletConsistencyTests
    {
        private static readonly IReadOnlyList<CommandHelp> RealPages = Compile.RealDocs().Commands;

        public static TheoryData<string> Cmdlets()
        {
            var data = new TheoryData<string>();
            foreach (var type in CmdletSurface.CmdletsIn(typeof(GetOpenClawDeviceCommand).Assembly)) data.Add(type.FullName!);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void EveryParameterIsDocumentedAsItIsDeclared(string typeName)
        {
            var type = typeof(GetOpenClawDeviceCommand).Assembly.GetType(typeName)!;
            var page = RealPages.FirstOrDefault(p => p.Name == CmdletSurface.CommandName(type));
            Assert.True(page != null, $"{CmdletSurface.CommandName(type)} has no page in docs/en-US.");
            var problems = DocConsistency.Problems(type, page!);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void EveryExportedCmdletHasAPageAndEveryPageACmdlet()
        {
            var problems = DocConsistency.PageProblems(ExportedCmdlets(), CmdletSurface.CmdletsIn(typeof(GetOpenClawDeviceCommand).Assembly), RealPages);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.NotEmpty(RealPages);
        }

        [Fact]
        public void TheCheckerAcceptsAMatchingPage() =>
            Assert.Empty(DocConsistency.Problems(typeof(GetSampleCommand), SamplePageHelp()));

        [Fact]
        public void TheCheckerFailsWhenAParameterHasNoEntry()
        {
            var page = SamplePageHelp();
            page = page with { Parameters = page.Parameters.Where(p => p.Name != "Force").ToList() };
            Assert.Contains("Get-Sample: -Force has no '### -Force' entry in Get-Sample.md.", DocConsistency.Problems(typeof(GetSampleCommand), page));
        }

        [Fact]
        public void TheCheckerFailsWhenAPageNamesAParameterThatDoesNotExist()
        {
            var page = SamplePageHelp();
            page = page with { Parameters = page.Parameters.Append(page.Parameters[0] with { Name = "Bogus", Line = 99 }).ToList() };
            Assert.Contains("Get-Sample: Get-Sample.md documents -Bogus (line 99), which the cmdlet does not declare.", DocConsistency.Problems(typeof(GetSampleCommand), page));
        }

        [Fact]
        public void TheCheckerWantsWhatIfAndConfirmForShouldProcessCmdletsAndEveryDeclaredParameter()
        {
            var page = SamplePageHelp() with { Name = "Set-Sample" };
            var problems = DocConsistency.Problems(typeof(SetSampleCommand), page);
            Assert.Contains(problems, p => p.Contains("-WhatIf has no", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("-Confirm has no", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("-Retries has no", StringComparison.Ordinal));
        }

        [Fact]
        public void TheCheckerFailsWhenBindingDetailsDiffer()
        {
            var page = SamplePageHelp();
            var id = page.Parameter("Id") with { Required = true, Position = "Named", PipelineInput = "False", ParameterSets = new[] { "(All)" } };
            page = page with { Parameters = page.Parameters.Select(p => p.Name == "Id" ? id : p).ToList() };
            var problems = DocConsistency.Problems(typeof(GetSampleCommand), page);
            Assert.Equal(4, problems.Count(p => p.StartsWith("Get-Sample: -Id is '", StringComparison.Ordinal)));
        }

        [Fact]
        public void TheCheckerFailsWhenACmdletHasNoPageOrAPageNoCmdlet()
        {
            var problems = DocConsistency.PageProblems(new[] { "Get-Sample", "Set-Sample" }, new[] { typeof(GetSampleCommand), typeof(SetSampleCommand) },
                new[] { SamplePageHelp(), SamplePageHelp() with { Name = "Remove-Sample" } });
            Assert.Equal(new[] { "Set-Sample has no page in docs/en-US (Set-Sample.md).", "Remove-Sample.md documents a cmdlet the module does not define." }, problems);
        }

        /// <summary>CmdletsToExport from the module manifest, read with PowerShell's own parser.</summary>
        private static IEnumerable<string> ExportedCmdlets()
        {
            var ast = Parser.ParseFile(RepoPaths.Manifest, out _, out var errors);
            Assert.Empty(errors);
            var data = (Hashtable)((HashtableAst)ast.Find(a => a is HashtableAst, false)!).SafeGetValue();
            return ((object[])data["CmdletsToExport"]!).Cast<string>().ToList();
        }

        private static CommandHelp SamplePageHelp() => Assert.Single(Compile.Files((SamplePage.FileName, SamplePage.Text)).Commands);
    }
}
