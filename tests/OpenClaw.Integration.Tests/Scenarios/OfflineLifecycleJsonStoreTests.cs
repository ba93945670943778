using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Requests;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// The offline lifecycle edits of the JSON store (JsonPairingStore.Apply, below the cmdlets) on stores real
    /// gateways wrote, judged by the same gateway started again: an approved new device and an approved repair
    /// connect with their scopes (the repaired one still with the device token it had before), while a rejected
    /// request, a removed device and a revoked token get the device nowhere without a new request.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineLifecycleJsonStoreTests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private static readonly string[] Read = { "operator.read" };
        private static readonly string[] Write = { "operator.write" };
        private readonly ITestOutputHelper _log;

        public OfflineLifecycleJsonStoreTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.19")]
        public void ApproveRejectRemoveAndRevokeOfflineOn2219() => Scenario("2026.2.19");

        [GatewayFact("2026.2.21")]
        public void ApproveRejectRemoveAndRevokeOfflineOn2221() => Scenario("2026.2.21");

        private void Scenario(string version)
        {
            using var gateway = new LocalGateway();
            gateway.Start(version);
            // Local connects pair silently; --remote ones file a request, as a device on another machine would.
            foreach (var name in new[] { "backend", "victim", "revokee" }) Assert.True(RequestDevice.Connect(gateway, name, Legacy).Ok, name);
            var repair = Refused(RequestDevice.Connect(gateway, "backend", Write));
            var laptop = Refused(RequestDevice.Connect(gateway, "laptop", Read, remote: true));
            var stranger = Refused(RequestDevice.Connect(gateway, "stranger", Read, remote: true));
            var backendToken = RequestDevice.CachedToken(gateway, "backend");
            var victim = RequestDevice.Connect(gateway, "victim", Legacy).DeviceId!;
            var revokee = RequestDevice.Connect(gateway, "revokee", Legacy).DeviceId!;

            OfflineGateway.StopAndWait(gateway);
            var full = Legacy.Concat(Write).ToArray();
            var outcomes = Apply(gateway, version,
                $"Approve('{repair.RequestId}', {Strings(full)})",
                $"Approve('{laptop.RequestId}', {Strings(Read)})",
                $"Reject('{stranger.RequestId}')",
                $"Remove('{victim}')",
                $"Revoke('{revokee}', 'operator')");
            Assert.All(outcomes, o => Assert.StartsWith("True|", o, StringComparison.Ordinal));
            Assert.StartsWith("True|False|False|", outcomes[0], StringComparison.Ordinal); // a repair: the token is widened, not re-minted
            Assert.StartsWith("True|True|True|", outcomes[1], StringComparison.Ordinal); // a new device with a new token
            OfflineGateway.AssertGatewayFormat(gateway);
            var paired = gateway.PairedJson();
            Assert.Equal(backendToken, (string?)paired[repair.DeviceId!]!["tokens"]!["operator"]!["token"]);
            Assert.Equal(version == "2026.2.21", paired[laptop.DeviceId!]!["approvedScopes"] != null);
            Assert.Empty(gateway.PendingJson().Properties());

            gateway.Start(version);
            // The new device connects from "another machine" with the scopes approved for it.
            Assert.True(RequestDevice.Connect(gateway, "laptop", Read, remote: true).Ok);
            // The repaired device still signs in with its pre-approval device token, for the old scopes and the new one.
            Assert.True(RequestDevice.Connect(gateway, "backend", Write, withDeviceToken: true).Ok);
            Assert.True(RequestDevice.Connect(gateway, "backend", Legacy, withDeviceToken: true).Ok);
            // Rejected and removed: back to square one, a new request.
            var again = Refused(RequestDevice.Connect(gateway, "stranger", Read, remote: true));
            Assert.NotEqual(stranger.RequestId, again.RequestId);
            var removed = RequestDevice.Connect(gateway, "victim", Legacy, remote: true, withDeviceToken: true);
            _log.WriteLine("removed device, with its old token: " + removed);
            Assert.Contains("device token mismatch", removed.Message);
            Refused(RequestDevice.Connect(gateway, "victim", Legacy, remote: true));
            // 2.19 and 2.21 report a revoked device token as a mismatch too (verifyDeviceToken fails on revokedAtMs).
            var revoked = RequestDevice.Connect(gateway, "revokee", Legacy, withDeviceToken: true);
            _log.WriteLine("revoked token: " + revoked);
            Assert.False(revoked.Ok);
            Assert.Contains("device token mismatch", revoked.Message);
        }

        /// <summary>
        /// JsonPairingStore.Apply called through the module's own OpenClaw.Core (loaded in the hosted engine, as
        /// SqliteStoreTests does: referencing the core here would load a second copy beside the module's); one line
        /// per outcome: Applied|DeviceCreated|TokenMinted|ErrorId|steps.
        /// </summary>
        private List<string> Apply(LocalGateway gateway, string version, params string[] edits)
        {
            using var shell = new ModuleShell(gateway);
            var result = shell.Run(SqliteOffline.Prelude + $@"
                $store = [OpenClaw.Core.Stores.JsonPairingStore]::new('{gateway.StateDirectory}')
                $edits = [OpenClaw.Core.Stores.PairingStoreEdit[]]@({string.Join(", ", edits.Select(e => "[OpenClaw.Core.Stores.PairingStoreEdit]::" + e))})
                $release = [OpenClaw.Core.Scopes.GatewayRelease]::FromVersion([OpenClaw.Core.Scopes.ReleaseVersion]::Parse('{version}'), 'test')
                $result = $store.Apply($edits, [OpenClaw.Core.Stores.StoreWriteOptions]@{{ Release = $release }})
                'backups ' + $result.Backups.Count
                foreach ($o in $result.Outcomes) {{ '{{0}}|{{1}}|{{2}}|{{3}}|{{4}}' -f $o.Applied, $o.DeviceCreated, $o.TokenMinted, $o.Error.ErrorId, ($o.Steps -join '; ') }}");
            result.ThrowIfFailed();
            var lines = result.Output.Select(o => (string)o.BaseObject).ToList();
            lines.ForEach(_log.WriteLine);
            Assert.Equal("backups 2", lines[0]);
            return lines.Skip(1).ToList();
        }

        private static string Strings(string[] values) => "[string[]]@('" + string.Join("','", values) + "')";

        private DeviceConnect Refused(DeviceConnect connect)
        {
            _log.WriteLine(connect.ToString());
            Assert.Equal("NOT_PAIRED", connect.Code);
            Assert.NotNull(connect.RequestId);
            return connect;
        }
    }
}
