using System.Management.Automation.Language;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests.Pester
{
    /// <summary>
    /// The Pester suite (tests/pester) where Pester cannot be installed: every file must parse, and every
    /// *.Tests.ps1 runs through <c>PesterShim.ps1</c> in the hosted engine against the fake gateway, which its
    /// Common.ps1 finds through OPENCLAW_PS_TEST_URL/_TOKEN/_STATE_DIR, exactly as it finds a real one.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class PesterSuiteTests
    {
        private readonly ITestOutputHelper _output;

        public PesterSuiteTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string> SuiteFiles()
        {
            var data = new TheoryData<string>();
            foreach (var file in PesterShimRunner.SuiteFiles) data.Add(Path.GetFileName(file));
            return data;
        }

        [Fact]
        public void EverySuiteAndShimFileParses()
        {
            var files = Directory.GetFiles(PesterShimRunner.SuiteFolder, "*.ps1")
                .Concat(new[] { PesterShimRunner.ShimPath, PesterShimRunner.SelfCheckPath }).ToList();
            Assert.Contains(files, f => Path.GetFileName(f) == "Common.ps1");
            Assert.NotEmpty(PesterShimRunner.SuiteFiles);
            foreach (var file in files)
            {
                Parser.ParseFile(file, out _, out var errors);
                Assert.True(errors.Length == 0, $"{file}:\n" + string.Join("\n", errors.Select(e => $"  line {e.Extent.StartLineNumber}: {e.Message}")));
            }
        }

        [Theory]
        [MemberData(nameof(SuiteFiles))]
        public void TheSuiteFilePassesInTheHostedEngineAgainstTheFakeGateway(string file)
        {
            using var shell = new FakeGatewayShell();
            TestDevices.SeedInto(shell.Store);
            var results = PesterShimRunner.Run(Path.Combine(PesterShimRunner.SuiteFolder, file), shell);
            foreach (var result in results) _output.WriteLine(result.ToString());

            Assert.Contains(results, r => r.Result == "Passed");
            Assert.True(results.All(r => r.Result != "Failed"), "Failed:\n" + string.Join("\n", results.Where(r => r.Result == "Failed")));
            // The fake gateway is there, so only blocks that say they need more than the engine's core may skip.
            Assert.True(results.All(r => r.Result != "Skipped" || r.Path.Contains("(needs ", StringComparison.Ordinal)),
                "Skipped although the gateway is set:\n" + string.Join("\n", results.Where(r => r.Result == "Skipped")));
            // The pipeline file must have repaired the seeded legacy devices, not passed on an empty list.
            if (file == "Pipeline.Tests.ps1") Assert.NotEmpty(shell.Gateway.Requests("device.token.rotate"));
            // Failure messages and whatever the suite printed must not show the gateway's secrets either.
            var text = string.Join("\n", results) + "\n" + PesterShimRunner.LastHostText;
            foreach (var secret in shell.Gateway.Secrets) Assert.DoesNotContain(secret, text);
        }

        [Fact]
        public void TheShimPassesFailsAndSkipsAsEachSelfCheckTestSays()
        {
            using var shell = new FakeGatewayShell();
            var results = PesterShimRunner.Run(PesterShimRunner.SelfCheckPath, shell);
            foreach (var result in results) _output.WriteLine(result.ToString());

            Assert.Equal(21, results.Count);
            foreach (var result in results)
            {
                var name = result.Path.Split(" > ").Last();
                var expected = name.StartsWith("passes:", StringComparison.Ordinal) ? "Passed"
                    : name.StartsWith("fails:", StringComparison.Ordinal) ? "Failed" : "Skipped";
                Assert.True(expected == result.Result, $"expected {expected}: {result}");
            }
            Assert.Contains(results, r => r.Message.Contains("Expected 2, but got 1.", StringComparison.Ordinal)
                && r.Message.Contains("ShimSelfCheck.Tests.ps1:", StringComparison.Ordinal));
        }
    }
}
