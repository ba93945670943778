using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Requests;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// The lifecycle cmdlets' -Offline modes end to end against real gateways: requests filed while the gateway
    /// ran are approved with it stopped (Get-OpenClawDeviceRequest -Offline | Approve-OpenClawDeviceRequest
    /// -Offline), tokens revoked and devices removed offline, and the restarted gateway lets the approved devices
    /// in (with the token value they already had), refuses the revoked token and no longer lists the removed
    /// device. 2026.2.19 (JSON store) and 2026.9.6 (SQLite store). The store-level edits themselves are tested in
    /// OfflineLifecycleJsonStoreTests and OfflineLifecycleSqliteStoreTests.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineLifecycleCmdletTests
    {
        private const string ApprovePipeline =
            "Get-OpenClawDeviceRequest -Offline -StateDirectory $s | Approve-OpenClawDeviceRequest -Offline -StateDirectory $s -Confirm:$false -PassThru";

        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private static readonly string[] Read = { "operator.read" };
        private static readonly string[] Write = { "operator.write" };
        private readonly ITestOutputHelper _log;

        public OfflineLifecycleCmdletTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.19")]
        public void On2026_2_19_RequestsApprovedOfflineLetTheDevicesInAndRevokedAndRemovedDevicesStayOut()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            Assert.True(gateway.Device("backend", "gateway-client", "backend", Legacy).Ok);
            var phone = Paired(gateway.Device("phone", "gateway-client", "backend", Read));
            var old = Paired(gateway.Device("old", "gateway-client", "backend", Read));
            var upgrade = Refused(gateway.Device("backend", "gateway-client", "backend", Write));
            var newcomer = Refused(RequestDevice.Connect(gateway, "laptop", Read, remote: true));
            OfflineGateway.StopAndWait(gateway);
            var tokens = OfflineFolder.TokenValues(gateway.PairedJson());
            using var shell = new ModuleShell(gateway);

            var approved = Succeeded(OfflineGateway.Run(shell, gateway, ApprovePipeline));
            Assert.Equal(new[] { newcomer.RequestId, upgrade.RequestId }.Order(), approved.Output.Select(r => (string)r.Properties["RequestId"].Value).Order());
            Assert.All(approved.Output, r => Assert.Equal(true, r.Properties["Verified"].Value));
            Assert.All(approved.Output, r => Assert.Equal(false, r.Properties["TokenRotated"].Value));
            Assert.All(approved.Output, r => Assert.StartsWith("file://", r.Properties["GatewayUrl"].Value.ToString()));
            Assert.Equal(tokens[upgrade.DeviceId + "/operator"], OfflineFolder.TokenValues(gateway.PairedJson())[upgrade.DeviceId + "/operator"]);
            Assert.Empty(gateway.PendingJson().Properties());

            Succeeded(OfflineGateway.Run(shell, gateway, $"Revoke-OpenClawDeviceToken -Offline -StateDirectory $s -DeviceId {phone} -Confirm:$false"));
            Succeeded(OfflineGateway.Run(shell, gateway, $"Remove-OpenClawDevice -Offline -StateDirectory $s -DeviceId {old} -Confirm:$false"));
            OfflineGateway.AssertGatewayFormat(gateway);

            gateway.Start("2026.2.19");
            // The backend's token kept its value and now covers what it asked for as well as what it had.
            Assert.True(OfflineGateway.WithDeviceToken(gateway, "backend", tokens[upgrade.DeviceId + "/operator"], "gateway-client", "backend", Legacy.Concat(Write).ToArray()).Ok);
            Assert.True(RequestDevice.Connect(gateway, "laptop", Read, remote: true).Ok);
            Assert.False(OfflineGateway.WithDeviceToken(gateway, "phone", tokens[phone + "/operator"], "gateway-client", "backend", Read).Ok);
            var listed = Succeeded(shell.Run("Get-OpenClawDevice @c"));
            Assert.DoesNotContain(old, listed.Output.Select(d => (string)d.Properties["DeviceId"].Value));
            Assert.DoesNotContain(tokens.Values, v => approved.AllText.Contains(v, StringComparison.Ordinal));
        }

        [GatewayFact("2026.9.6")]
        public void On2026_9_6_RequestsApprovedOfflineLetTheDevicesInAndRevokedAndRemovedDevicesStayOut()
        {
            using var gateway = new LocalGateway();
            RequestDevice.TrustLoopbackProxy(gateway);
            gateway.Start("2026.9.6");
            var alpha = Paired(gateway.Device("alpha", "cli", "cli", "operator.pairing")); // cli/cli devices pair silently on 9.6
            var beta = Paired(gateway.Device("beta", "cli", "cli", "operator.pairing"));
            var tablet = Refused(RequestDevice.Connect(gateway, "tablet", Read, remote: true));
            using var shell = new ModuleShell(gateway);
            var db = SqliteOffline.DatabasePath(gateway.StateDirectory);
            OfflineGateway.StopAndWait(gateway);
            var alphaToken = SqliteOffline.Token(shell, db, alpha);

            var approved = Succeeded(OfflineGateway.Run(shell, gateway, ApprovePipeline));
            var decision = Assert.Single(approved.Output);
            Assert.Equal(tablet.RequestId, decision.Properties["RequestId"].Value);
            Assert.Equal(true, decision.Properties["Verified"].Value);
            Assert.Equal("2026.9.6", decision.Properties["GatewayRelease"].Value);
            Succeeded(OfflineGateway.Run(shell, gateway, $"Revoke-OpenClawDeviceToken -Offline -StateDirectory $s -DeviceId {alpha} -Confirm:$false"));
            Succeeded(OfflineGateway.Run(shell, gateway, $"Remove-OpenClawDevice -Offline -StateDirectory $s -DeviceId {beta} -Confirm:$false"));
            Succeeded(OfflineGateway.Run(shell, gateway, $"Rename-OpenClawDevice -Offline -StateDirectory $s -DeviceId {tablet.DeviceId} -NewName 'front desk' -Confirm:$false"));

            gateway.Start("2026.9.6");
            Assert.True(RequestDevice.Connect(gateway, "tablet", Read, remote: true).Ok);
            var refused = SqliteOffline.ConnectWithDeviceToken(gateway, "alpha", alphaToken, "operator.pairing");
            _log.WriteLine("alpha's revoked token: " + refused.Output.Trim());
            Assert.DoesNotContain("\"ok\":true", refused.Output);
            var listed = Succeeded(shell.Run("Get-OpenClawDevice @c")).Output;
            Assert.DoesNotContain(beta, listed.Select(d => (string)d.Properties["DeviceId"].Value));
            Assert.Equal("front desk", listed.Single(d => (string)d.Properties["DeviceId"].Value == tablet.DeviceId).Properties["Name"].Value);
        }

        private static string Paired(DeviceConnect connect)
        {
            Assert.True(connect.Ok, connect.ToString());
            return connect.DeviceId!;
        }

        private DeviceConnect Refused(DeviceConnect connect)
        {
            _log.WriteLine(connect.ToString());
            Assert.Equal("NOT_PAIRED", connect.Code);
            Assert.NotNull(connect.RequestId);
            return connect;
        }

        private PowerShellResult Succeeded(PowerShellResult result)
        {
            _log.WriteLine(string.Join("\n", result.Verbose.Concat(result.Warnings)));
            result.ThrowIfFailed();
            return result;
        }
    }
}
