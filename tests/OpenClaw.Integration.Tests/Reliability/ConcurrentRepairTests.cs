using System.Diagnostics;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// Two repair pipelines, in two runspaces, started together against one real 2026.2.19 gateway with 200 legacy
    /// devices. Both plan from their own list, so most devices are rotated twice; on 2.19 a rotate sets the device's
    /// scopes to what was sent, and both send the same union, so the end state must be consistent: no errors, every
    /// device compliant, none with fewer scopes than before, paired.json valid.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class ConcurrentRepairTests
    {
        private readonly ITestOutputHelper _log;

        public ConcurrentRepairTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact(LegacyFleet.PairedOn, LegacyFleet.Repaired)]
        public void TwoPipelinesRepairingTheSameGatewayEndConsistent()
        {
            var fleet = LegacyFleet.Instance;
            using var gateway = fleet.Start(LegacyFleet.Repaired);
            using var shell = new ModuleShell(gateway);
            shell.Run("$null = Get-OpenClawDevice @c").ThrowIfFailed(); // the module's own device, paired once, before both start
            var before = LegacyFleet.ScopesIn(gateway.PairedJson());

            var clock = Stopwatch.StartNew();
            PowerShellResult first, second;
            using (var a = new BackgroundPipeline(gateway, LegacyFleet.RepairPipeline + " -PassThru"))
            using (var b = new BackgroundPipeline(gateway, LegacyFleet.RepairPipeline + " -PassThru"))
            {
                first = a.Wait(TimeSpan.FromMinutes(3));
                second = b.Wait(TimeSpan.FromMinutes(3));
            }
            _log.WriteLine($"both pipelines ended after {clock.Elapsed.TotalSeconds:0.0} s: {first.Output.Count} and {second.Output.Count} records, "
                           + $"{gateway.PairedJson().Properties().Count()} devices paired, "
                           + $"{File.ReadLines(gateway.LogFile).Count(l => l.Contains("device token rotated", StringComparison.Ordinal))} rotates logged");

            foreach (var result in new[] { first, second })
            {
                Assert.True(result.Terminating == null && result.Errors.Count == 0,
                    "a pipeline failed: " + string.Join(" | ", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)) + result.Terminating?.Message);
                Assert.All(result.Output, change =>
                {
                    Assert.Equal("Repaired", change.Properties["Status"].Value);
                    Assert.Equal(true, change.Properties["Verified"].Value);
                });
                Assert.DoesNotContain(gateway.Token, result.AllText);
            }
            var repaired = first.Output.Concat(second.Output).Select(o => (string)o.Properties["DeviceId"].Value).ToHashSet();
            Assert.True(fleet.DeviceIds.All(repaired.Contains), "every fleet device was repaired by one pipeline or the other");

            var after = LegacyFleet.ScopesIn(gateway.PairedJson()); // parses: paired.json is valid JSON
            Assert.Equal(before.Keys.OrderBy(k => k), after.Keys.OrderBy(k => k));
            foreach (var (id, (scopes, tokenScopes)) in after)
            {
                Assert.True(before[id].Scopes.All(scopes.Contains), $"{id} lost scopes: [{string.Join(", ", before[id].Scopes)}] -> [{string.Join(", ", scopes)}]");
                Assert.True(scopes.All(tokenScopes.Contains), $"{id}: token [{string.Join(", ", tokenScopes)}] does not cover [{string.Join(", ", scopes)}]");
            }
            var report = shell.Run("Test-OpenClawDeviceScope @c");
            report.ThrowIfFailed();
            Assert.Equal(LegacyFleet.Size + 1, report.Output.Count);
            Assert.All(report.Output, r => Assert.Equal(true, r.Properties["IsCompliant"].Value));
        }
    }
}
