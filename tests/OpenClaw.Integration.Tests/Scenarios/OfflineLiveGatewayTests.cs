using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// The offline repair next to a running 2026.2.19 gateway: refused (lock file and process found) with nothing
    /// written; -WhatIf only warns; with -Force it writes while the gateway pairs new devices at the same time, and
    /// neither side's write is lost; the gateway picks the edit up live (it re-reads paired.json on every connect).
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineLiveGatewayTests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private readonly ITestOutputHelper _log;

        public OfflineLiveGatewayTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.17", "2026.2.19")]
        public async Task ARunningGatewayIsDetectedAndForceNeverLosesItsWrites()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            Assert.Equal(0, gateway.Cli("2026.2.17", "devices", "list", "--json").ExitCode);
            var backend = gateway.Device("backend", "gateway-client", "backend", Legacy);
            Assert.True(backend.Ok, backend.ToString());
            gateway.Start("2026.2.19");
            var tokens = OfflineFolder.TokenValues(gateway.PairedJson());
            using var shell = new ModuleShell(gateway);
            var before = OfflineGateway.Files(gateway);

            var refused = OfflineGateway.Run(shell, gateway, $"Update-OpenClawDeviceScope -Offline -StateDirectory $s -DeviceId {backend.DeviceId} -Verbose");
            Assert.Equal(new[] { "OpenClaw.GatewayRunning" }, refused.ErrorIds);
            var error = Assert.Single(refused.Errors);
            _log.WriteLine(error.Exception.Message);
            Assert.Contains("gateway lock", error.Exception.Message);            // the lock file, alive with its start time
            Assert.Contains("is a gateway whose state folder is", error.Exception.Message); // and the process, from /proc
            Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
            OfflineFolder.AssertSame(before, OfflineGateway.Files(gateway)); // nothing written: no lock file, no backup

            var whatIf = OfflineGateway.Run(shell, gateway, $"Update-OpenClawDeviceScope -Offline -StateDirectory $s -DeviceId {backend.DeviceId} -WhatIf");
            whatIf.ThrowIfFailed();
            Assert.Contains(whatIf.Warnings, w => w.Contains("is running", StringComparison.Ordinal));
            OfflineFolder.AssertSame(before, OfflineGateway.Files(gateway));

            // The gateway pairs new devices (each connect writes paired.json) while the module writes with -Force.
            var newcomers = Enumerable.Range(1, 8).Select(i => "new" + i).ToList();
            var pairing = Task.Run(() => newcomers.Select(n => gateway.Device(n, "gateway-client", "backend", "operator.read")).ToList());
            var forced = new List<OpenClaw.Tests.Shared.PowerShellResult>();
            foreach (var id in new[] { backend.DeviceId!, OfflineGateway.CliDeviceId(gateway) })
            {
                forced.Add(OfflineGateway.Run(shell, gateway, $"Update-OpenClawDeviceScope -Offline -StateDirectory $s -DeviceId {id} -Force -NoBackup -PassThru -Verbose"));
            }
            var paired = await pairing;
            Assert.All(paired, p => Assert.True(p.Ok, p.ToString()));
            foreach (var run in forced)
            {
                _log.WriteLine(string.Join("\n", run.Verbose.Where(v => v.Contains("merging", StringComparison.Ordinal) || v.Contains("concurrent", StringComparison.Ordinal))));
                run.ThrowIfFailed();
                Assert.Contains(run.Warnings, w => w.Contains("-Force", StringComparison.Ordinal));
                Assert.Equal("Repaired", Assert.Single(run.Output).Properties["Status"].Value);
            }

            var store = gateway.PairedJson();
            Assert.All(paired, p => Assert.NotNull(store[p.DeviceId!]));                  // the gateway's writes survived
            foreach (var id in new[] { backend.DeviceId!, OfflineGateway.CliDeviceId(gateway) })
            {
                Assert.Contains("operator.write", store[id]!["scopes"]!.ToObject<string[]>()!); // and so did the module's
            }
            Assert.All(tokens, t => Assert.Equal(t.Value, OfflineFolder.TokenValues(store)[t.Key]));

            // No restart: 2026.2.19 reads the edited file on the next connect, and the old token covers the new scopes.
            Assert.True(OfflineGateway.WithDeviceToken(gateway, "backend", tokens[backend.DeviceId + "/operator"], "gateway-client", "backend", "operator.read", "operator.write").Ok);
            Assert.StartsWith("OK", gateway.ToolCall("sessions.list", "operator.read").Output);
            Assert.All(tokens, t => Assert.Equal(t.Value, OfflineFolder.TokenValues(gateway.PairedJson())[t.Key]));
        }
    }
}
