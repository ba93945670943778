using System.Collections;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests.Pester
{
    /// <summary>
    /// The whole Pester suite through the shim against a REAL gateway: tests/pester/Start-TestGateway.ps1 pairs the
    /// OpenClaw CLI on 2026.2.17 and restarts the same state on 2026.2.19, where the CLI's device is under-scoped.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class RealGatewaySuiteTests
    {
        private readonly ITestOutputHelper _output;

        public RealGatewaySuiteTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [RealGatewayFact("2026.2.17", "2026.2.19")]
        public void TheSuitePassesAgainstARealGatewayUpgradedFrom2217To2219()
        {
            const string script = @"param($shim, $starter, $files)
                . $shim
                $gateway = & $starter -Release 2026.2.19 -PairedOn 2026.2.17
                try {
                    $c = @{ Url = $env:OPENCLAW_PS_TEST_URL; Token = $env:OPENCLAW_PS_TEST_TOKEN; StateDirectory = $env:OPENCLAW_PS_TEST_STATE_DIR }
                    [pscustomobject]@{ UnderScoped = @(Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant }).Count }
                    Invoke-PesterShim -Path $files
                } finally { $gateway.Stop() }";
            var output = PesterShimRunner.Invoke(script, new Hashtable
            {
                ["shim"] = PesterShimRunner.ShimPath,
                ["starter"] = Path.Combine(PesterShimRunner.SuiteFolder, "Start-TestGateway.ps1"),
                ["files"] = PesterShimRunner.SuiteFiles.ToArray(),
            });
            var results = output.Where(o => o.Properties["Result"] != null).Select(PesterShimRunner.ToResult).ToList();
            foreach (var result in results) _output.WriteLine(result.ToString());

            // The upgrade left the CLI's legacy device under-scoped, so the pipeline tests had something to repair.
            Assert.True((int)output[0].Properties["UnderScoped"].Value > 0, "Nothing was under-scoped after the upgrade.");
            Assert.True(results.Count(r => r.Result == "Passed") > 50, $"only {results.Count(r => r.Result == "Passed")} passed");
            Assert.True(results.All(r => r.Result != "Failed"), "Failed:\n" + string.Join("\n", results.Where(r => r.Result == "Failed")));
            Assert.True(results.All(r => r.Result != "Skipped" || r.Path.Contains("(needs ", StringComparison.Ordinal)),
                "Skipped:\n" + string.Join("\n", results.Where(r => r.Result == "Skipped")));
        }
    }
}
