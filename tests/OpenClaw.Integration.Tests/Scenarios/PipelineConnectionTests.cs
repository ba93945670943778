using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Reliability;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Online commands of one pipeline with the same settings share one socket, counted in a real 2026.2.19
    /// gateway's own log: the README's repair pipeline over 200 devices connects once and closes that socket when
    /// it ends; an Update nested in ForEach-Object reuses the outer Get's; other settings connect on their own.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class PipelineConnectionTests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private readonly ITestOutputHelper _log;

        public PipelineConnectionTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact(LegacyFleet.PairedOn, LegacyFleet.Repaired)]
        public void TheRepairPipelineOver200DevicesConnectsOnceAndRepairsEveryDevice()
        {
            var fleet = LegacyFleet.Instance;
            using var gateway = fleet.Start(LegacyFleet.Repaired);
            using var shell = new ModuleShell(gateway);
            // The module's first connect pairs its own device; counted from after it.
            ConnectionTests.Succeeded(shell.Run("$null = Get-OpenClawDevice @c"));
            var connects = ConnectionTests.ModuleConnects(gateway);
            var closes = ConnectionTests.ModuleCloses(gateway);

            var repaired = ConnectionTests.Succeeded(shell.Run(LegacyFleet.RepairPipeline + " -PassThru -Verbose"));

            Assert.Equal(LegacyFleet.Size, repaired.Output.Count);
            Assert.All(repaired.Output, c => Assert.Equal(new object[] { "Repaired", true }, new[] { c.Properties["Status"].Value, c.Properties["Verified"].Value }));
            var scopes = LegacyFleet.ScopesIn(gateway.PairedJson());
            Assert.All(fleet.DeviceIds, id => Assert.Equal(LegacyFleet.FullScopes, scopes[id].Scopes));
            Assert.Equal(connects + 1, ConnectionTests.ModuleConnects(gateway, connects + 1));
            Assert.Single(repaired.Verbose, v => v.StartsWith("Reusing the connection to ", StringComparison.Ordinal) && v.Contains("that Get-OpenClawDevice opened", StringComparison.Ordinal));
            // ModuleShell keeps its runspace open: the socket was closed by the pipeline's end, not by the runspace's.
            Assert.Equal(closes + 1, ConnectionTests.ModuleCloses(gateway, closes + 1));
            Assert.DoesNotContain(gateway.Token, repaired.AllText);
        }

        [GatewayFact("2026.2.19")]
        public void ANestedUpdateReusesTheOuterConnectionAndOtherSettingsConnectOnTheirOwn()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            var devices = new[] { "first", "second", "third" }.Select(name => gateway.Device(name, "gateway-client", "backend", Legacy)).ToList();
            Assert.All(devices, d => Assert.True(d.Ok, d.ToString()));
            using var shell = new ModuleShell(gateway);
            ConnectionTests.Succeeded(shell.Run("$null = Get-OpenClawDevice @c"));
            var connects = ConnectionTests.ModuleConnects(gateway);
            var closes = ConnectionTests.ModuleCloses(gateway);

            // Another timeout is another session: Get and Update each connect, and each socket is closed.
            var other = ConnectionTests.Succeeded(shell.Run(
                $"$d = $c.Clone(); $d.TimeoutSec = 29; Get-OpenClawDevice @c -DeviceId {devices[0].DeviceId} | Test-OpenClawDeviceScope | "
                + "Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @d -PassThru -Verbose"));
            Assert.Equal(devices[0].DeviceId, Assert.Single(other.Output).Properties["DeviceId"].Value);
            Assert.DoesNotContain(other.Verbose, v => v.StartsWith("Reusing the connection", StringComparison.Ordinal));
            Assert.Equal(connects + 2, ConnectionTests.ModuleConnects(gateway, connects + 2));
            Assert.Equal(closes + 2, ConnectionTests.ModuleCloses(gateway, closes + 2));

            var nested = ConnectionTests.Succeeded(shell.Run(
                "Get-OpenClawDevice @c | ForEach-Object { $_ | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru -Verbose }"));
            Assert.Equal(devices.Skip(1).Select(d => d.DeviceId).OrderBy(i => i), nested.Output.Select(c => (string)c.Properties["DeviceId"].Value).OrderBy(i => i));
            Assert.Equal(2, nested.Verbose.Count(v => v.StartsWith("Reusing the connection to ", StringComparison.Ordinal)));
            Assert.Equal(connects + 3, ConnectionTests.ModuleConnects(gateway, connects + 3));
            Assert.Equal(closes + 3, ConnectionTests.ModuleCloses(gateway, closes + 3));
            var scopes = LegacyFleet.ScopesIn(gateway.PairedJson());
            Assert.All(devices, d => Assert.Equal(LegacyFleet.FullScopes, scopes[d.DeviceId!].Scopes));
            _log.WriteLine($"module connects {connects} -> {connects + 3}, closes {closes} -> {closes + 3}");
        }
    }
}
