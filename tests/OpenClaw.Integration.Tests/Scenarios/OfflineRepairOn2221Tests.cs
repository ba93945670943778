using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// On 2026.2.21 legacy devices fail on operator.write and an online repair needs each device's own pending
    /// request, and re-issues its token. Offline, every device is repaired at once, with -Release 2026.2.21 (the
    /// store does not record its release), gaining approvedScopes too, and keeps its token: after the restart
    /// write connects succeed with the old device tokens.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineRepairOn2221Tests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private readonly ITestOutputHelper _log;

        public OfflineRepairOn2221Tests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.17", "2026.2.21")]
        public void WriteIsRepairedOfflineWithoutANewToken()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            Assert.Equal(0, gateway.Cli("2026.2.17", "devices", "list", "--json").ExitCode);
            var backend = gateway.Device("backend", "gateway-client", "backend", Legacy);
            var quiet = gateway.Device("quiet", "gateway-client", "backend", Legacy);
            Assert.True(backend.Ok && quiet.Ok, $"{backend} / {quiet}");

            gateway.Start("2026.2.21");
            Assert.Equal("NOT_PAIRED", gateway.AsCliDevice("operator.write").Code);
            Assert.Equal("NOT_PAIRED", gateway.Device("backend", "gateway-client", "backend", "operator.write").Code);
            var tokens = OfflineFolder.TokenValues(gateway.PairedJson());
            var cliToken = tokens[OfflineGateway.CliDeviceId(gateway) + "/operator"];

            using var shell = new ModuleShell(gateway);
            // The online repair cannot fix the device without a pending request; its error names the offline command.
            var online = shell.Run($"Update-OpenClawDeviceScope @c -DeviceId {quiet.DeviceId} -Release 2026.2.21 -ErrorAction SilentlyContinue -ErrorVariable e; $e");
            var hint = Assert.IsType<System.Management.Automation.ErrorRecord>(Assert.Single(online.Output).BaseObject).ErrorDetails.RecommendedAction;
            _log.WriteLine(hint);
            Assert.Contains($"Update-OpenClawDeviceScope -Offline -StateDirectory '{gateway.StateDirectory}' -DeviceId {quiet.DeviceId} -Release 2026.2.21 -Force", hint);

            OfflineGateway.StopAndWait(gateway);
            var repair = OfflineGateway.Run(shell, gateway,
                "Test-OpenClawDeviceScope -Offline -StateDirectory $s -Release 2026.2.21 | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Offline -StateDirectory $s -Release 2026.2.21 -PassThru");
            repair.ThrowIfFailed();
            Assert.Equal(3, repair.Output.Count);
            Assert.All(repair.Output, c =>
            {
                Assert.Equal("Repaired", c.Properties["Status"].Value);
                Assert.Equal(false, c.Properties["TokenReissued"].Value);
                Assert.Equal("2026.2.21", c.Properties["GatewayRelease"].Value);
            });
            var paired = gateway.PairedJson();
            Assert.Equal(tokens, OfflineFolder.TokenValues(paired));
            var five = Legacy.Concat(new[] { "operator.read", "operator.write" }).ToArray();
            Assert.Equal(five, paired[backend.DeviceId!]!["approvedScopes"]!.ToObject<string[]>()); // 2.21's rotate baseline, created
            OfflineGateway.AssertGatewayFormat(gateway);

            gateway.Start("2026.2.21");
            Assert.True(gateway.AsCliDevice("operator.write").Ok);
            Assert.True(OfflineGateway.WithCliToken(gateway, cliToken, "operator.write").Ok);
            Assert.True(OfflineGateway.WithDeviceToken(gateway, "backend", tokens[backend.DeviceId + "/operator"], "gateway-client", "backend", "operator.write").Ok);
            Assert.True(OfflineGateway.WithDeviceToken(gateway, "quiet", tokens[quiet.DeviceId + "/operator"], "gateway-client", "backend", "operator.read", "operator.write").Ok);
            Assert.Equal(tokens, OfflineFolder.TokenValues(gateway.PairedJson()));
            var after = shell.Run("Test-OpenClawDeviceScope @c -Release 2026.2.21");
            after.ThrowIfFailed();
            Assert.All(after.Output, r => Assert.Equal(true, r.Properties["IsCompliant"].Value));
        }
    }
}
