using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Requests;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// The offline lifecycle edits of the SQLite store (core level, through the module's OpenClaw.Core in the hosted
    /// engine, no cmdlets) against a real 2026.9.6 gateway: requests filed by real remote devices are approved with
    /// the gateway stopped, and the restarted gateway lets the devices in with what was approved, refuses a revoked
    /// token, has forgotten a removed device and its leftover request, and lists the new label.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineLifecycleSqliteStoreTests
    {
        private static readonly string[] Read = { "operator.read" };
        private static readonly string[] ReadWrite = { "operator.read", "operator.write" };
        private readonly ITestOutputHelper _log;

        public OfflineLifecycleSqliteStoreTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.9.6")]
        public void Offline_approve_revoke_remove_and_rename_are_what_the_restarted_gateway_enforces()
        {
            using var gateway = new LocalGateway();
            RequestDevice.TrustLoopbackProxy(gateway);
            gateway.Start("2026.9.6");
            // Local devices are paired silently on 9.6; the same devices seen through the trusted proxy file requests.
            foreach (var name in new[] { "backend", "tablet", "phone" }) Assert.True(Connect(gateway, name, Read).Ok, name);
            var newcomer = Refused(Connect(gateway, "laptop", Read, remote: true));
            var upgrade = Refused(Connect(gateway, "backend", ReadWrite, remote: true));
            var leftover = Refused(Connect(gateway, "phone", ReadWrite, remote: true));
            var backendToken = RequestDevice.CachedToken(gateway, "backend");
            var tabletToken = RequestDevice.CachedToken(gateway, "tablet");
            var tablet = Connect(gateway, "tablet", Read, withDeviceToken: true);
            Assert.True(tablet.Ok, tablet.ToString());
            gateway.Stop();

            using var shell = new ModuleShell(gateway);
            var applied = shell.Run(SqliteOffline.Prelude + $@"
                $edits = [OpenClaw.Core.Stores.PairingStoreEdit[]]@(
                    [OpenClaw.Core.Stores.PairingStoreEdit]::Approve('{newcomer.RequestId}', [string[]]@('operator.read')),
                    [OpenClaw.Core.Stores.PairingStoreEdit]::Approve('{upgrade.RequestId}', [string[]]@('operator.read', 'operator.write')),
                    [OpenClaw.Core.Stores.PairingStoreEdit]::Revoke('{tablet.DeviceId}', 'operator'),
                    [OpenClaw.Core.Stores.PairingStoreEdit]::Remove('{leftover.DeviceId}'),
                    [OpenClaw.Core.Stores.PairingStoreEdit]::Rename('{upgrade.DeviceId}', 'Build server'))
                $result = [OpenClaw.Core.Stores.PairingStoreLocator]::Open('{gateway.StateDirectory}').Apply($edits, [OpenClaw.Core.Stores.StoreWriteOptions]@{{ LockTimeout = [TimeSpan]::FromSeconds(1) }})
                $result.Backups.Count
                foreach ($o in $result.Outcomes) {{ '{{0}}|{{1}}|{{2}}|{{3}}|{{4}}|{{5}}' -f $o.Edit, $o.Applied, $o.DeviceCreated, $o.TokenMinted, ($o.RemovedRequestIds -join ','), $o.Error }}");
            applied.ThrowIfFailed();
            _log.WriteLine(string.Join("\n", applied.Output));
            Assert.Equal(1, applied.Output[0].BaseObject);
            Assert.Equal(new[]
            {
                $"approve request {newcomer.RequestId}|True|True|True|{newcomer.RequestId}|",
                $"approve request {upgrade.RequestId}|True|False|False|{upgrade.RequestId}|",
                $"revoke the operator token of {tablet.DeviceId}|True|False|False||",
                $"remove device {leftover.DeviceId}|True|False|False|{leftover.RequestId}|",
                $"rename device {upgrade.DeviceId}|True|False|False||",
            }, applied.Output.Skip(1).Select(o => (string)o.BaseObject));
            Assert.DoesNotContain(backendToken, applied.Output.Select(o => o.ToString()));

            gateway.Start("2026.9.6");
            var laptop = Connect(gateway, "laptop", Read, remote: true);
            Assert.True(laptop.Ok, "the newly approved laptop: " + laptop);
            // The upgraded device still signs in with the token it had cached before the approval, with the new scope.
            Assert.Equal(backendToken, RequestDevice.CachedToken(gateway, "backend"));
            var backend = Connect(gateway, "backend", ReadWrite, remote: true, withDeviceToken: true);
            Assert.True(backend.Ok, "the upgraded backend with its old device token: " + backend);
            var revoked = Connect(gateway, "tablet", Read, withDeviceToken: true);
            _log.WriteLine("tablet with its revoked token: " + revoked);
            Assert.False(revoked.Ok);
            Assert.Equal(tabletToken, RequestDevice.CachedToken(gateway, "tablet"));

            var list = PairList(gateway);
            var paired = list["paired"]!.OfType<JObject>().ToList();
            Assert.DoesNotContain(paired, d => (string?)d["deviceId"] == leftover.DeviceId);
            Assert.DoesNotContain(list["pending"]!.OfType<JObject>(), r => (string?)r["deviceId"] == leftover.DeviceId);
            Assert.Equal("Build server", (string?)paired.Single(d => (string?)d["deviceId"] == upgrade.DeviceId)["operatorLabel"]);
            Assert.Contains(paired, d => (string?)d["deviceId"] == laptop.DeviceId);
        }

        /// <summary>As the openclaw CLI connects: a local cli/cli device is paired silently and given a device token on 9.6 (a local gateway-client/backend gets none).</summary>
        private static DeviceConnect Connect(LocalGateway gateway, string name, string[] scopes, bool remote = false, bool withDeviceToken = false) =>
            RequestDevice.Connect(gateway, name, scopes, remote, withDeviceToken, clientId: "cli", clientMode: "cli");

        private static DeviceConnect Refused(DeviceConnect connect)
        {
            Assert.False(connect.Ok, connect.ToString());
            Assert.NotNull(connect.RequestId);
            return connect;
        }

        /// <summary>device.pair.list from a local cli/cli admin device (paired silently on 9.6), through the shared benchmark client.</summary>
        private static JObject PairList(LocalGateway gateway)
        {
            var script = Path.Combine(gateway.Root, "pair-list.mjs");
            var client = new Uri(Path.Combine(GatewayInstalls.ScriptsDirectory, "bench-client.mjs")).AbsoluteUri;
            File.WriteAllText(script, $@"import {{ connect, fileIdentity }} from '{client}';
const [file, url, token] = process.argv.slice(2);
const admin = await connect(url, token, fileIdentity(file), {{ scopes: ['operator.admin', 'operator.pairing'] }});
console.log(JSON.stringify(await admin.request('device.pair.list', {{}})));
await admin.close();
process.exit(0);
");
            var result = ProcessRunner.Run(GatewayInstalls.Node, new[] { script, Path.Combine(gateway.Root, "devices", "admin.json"), gateway.Url, gateway.Token },
                new Dictionary<string, string>(), TimeSpan.FromSeconds(40));
            var line = result.Output.Split('\n').LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException("device.pair.list printed nothing: " + result.All);
            return JObject.Parse(line);
        }
    }
}
