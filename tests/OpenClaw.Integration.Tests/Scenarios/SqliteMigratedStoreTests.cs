using System.IO;
using System.Linq;
using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// The 2026.2.19 bug state (paired on 2.17, upgraded to 2.19) migrated to SQLite by 2026.9.6's doctor --fix,
    /// which deletes identity/device.json and device-auth.json (facts §6.2). The module then acts online as the
    /// CLI identity it reads from device_identities / device_auth_tokens (authenticating with the cached device
    /// token when no shared token is given), and repairs the migrated store offline with every token intact.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class SqliteMigratedStoreTests
    {
        private const string Legacy = "operator.admin,operator.approvals,operator.pairing";
        private readonly ITestOutputHelper _log;

        public SqliteMigratedStoreTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.17", "2026.2.19", "2026.9.6")]
        public void A_2_19_state_migrated_by_2026_9_6_is_used_online_as_the_cli_identity_and_repaired_offline()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            Assert.Equal(0, gateway.Cli("2026.2.17", "devices", "list", "--json").ExitCode); // the local CLI pairs itself
            var backend = gateway.Device("backend", "gateway-client", "backend", Legacy.Split(','));
            Assert.True(backend.Ok, backend.ToString());
            var cliId = (string)Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(gateway.StateDirectory, "identity", "device.json")))["deviceId"]!;
            gateway.Start("2026.2.19");
            Assert.Contains("pairing required", gateway.ToolCall("sessions.list", "operator.read").All);
            gateway.Stop();

            var doctor = gateway.Cli("2026.9.6", "doctor", "--fix", "--non-interactive", "--yes");
            _log.WriteLine("doctor --fix: exit " + doctor.ExitCode);
            Assert.Equal(0, doctor.ExitCode);
            Assert.False(File.Exists(Path.Combine(gateway.StateDirectory, "identity", "device.json")));
            Assert.False(File.Exists(Path.Combine(gateway.StateDirectory, "identity", "device-auth.json")));
            Assert.True(File.Exists(Path.Combine(gateway.StateDirectory, "devices", "paired.json.migrated")));
            gateway.Start("2026.9.6");

            using var shell = new ModuleShell(gateway);
            var db = SqliteOffline.DatabasePath(gateway.StateDirectory);
            var online = shell.Run("Get-OpenClawDevice @c -Verbose");
            online.ThrowIfFailed();
            _log.WriteLine(string.Join("\n", online.Verbose));
            var current = Assert.Single(online.Output, d => (bool)d.Properties["IsCurrentIdentity"].Value);
            Assert.Equal(cliId, current.Properties["DeviceId"].Value);
            Assert.Contains(online.Verbose, v => v.Contains("OpenClaw CLI identity") && v.Contains(db));
            Assert.False(Directory.Exists(Path.Combine(gateway.Root, "powershell-home", "identity")));
            var onlineIds = online.Output.Select(d => (string)d.Properties["DeviceId"].Value).OrderBy(i => i).ToList();

            // No shared token: the session authenticates with the CLI's device token cached in device_auth_tokens.
            var tokenless = shell.Run("Get-OpenClawDevice -Url $c.Url -StateDirectory $c.StateDirectory -Verbose");
            tokenless.ThrowIfFailed();
            _log.WriteLine(string.Join("\n", tokenless.Verbose));
            Assert.Contains(tokenless.Output, d => (bool)d.Properties["IsCurrentIdentity"].Value);

            Assert.Contains(tokenless.Verbose, v => v.Contains("DeviceToken from " + db));
            gateway.Stop();
            Assert.Equal(SqliteOffline.Scalar(shell, db, $"SELECT token FROM device_auth_tokens WHERE device_id = '{cliId}' AND role = 'operator'"), SqliteOffline.Token(shell, db, cliId));

            var offline = shell.Run($"Get-OpenClawDevice -Offline -StateDirectory '{gateway.StateDirectory}'");
            offline.ThrowIfFailed();
            Assert.Equal(onlineIds, offline.Output.Select(d => (string)d.Properties["DeviceId"].Value).OrderBy(i => i));
            var backendToken = SqliteOffline.Token(shell, db, backend.DeviceId!);
            Assert.Null(SqliteOffline.Scalar(shell, db, $"SELECT approved_scopes_json FROM device_pairing_paired WHERE device_id = '{backend.DeviceId}'"));

            var repair = shell.Run(SqliteOffline.Prelude + SqliteOffline.AddScopes(gateway.StateDirectory, backend.DeviceId!, "operator.read", "operator.write"));
            repair.ThrowIfFailed();
            Assert.Single((System.Collections.Generic.IEnumerable<object>)repair.Output[0].Properties["Backups"].Value);
            Assert.Equal(backendToken, SqliteOffline.Token(shell, db, backend.DeviceId!));
            Assert.Null(SqliteOffline.Scalar(shell, db, $"SELECT approved_scopes_json FROM device_pairing_paired WHERE device_id = '{backend.DeviceId}'"));

            gateway.Start("2026.9.6");
            var withToken = SqliteOffline.ConnectWithDeviceToken(gateway, "backend", backendToken, "gateway-client", "backend", "operator.read", "operator.write");
            _log.WriteLine("backend with its unchanged device token: " + withToken.Output.Trim());
            Assert.Contains("\"ok\":true", withToken.Output);
            var after = shell.Run($"Get-OpenClawDevice @c -DeviceId {backend.DeviceId}");
            after.ThrowIfFailed();
            Assert.Equal(Legacy.Split(',').Concat(new[] { "operator.read", "operator.write" }), (string[])Assert.Single(after.Output).Properties["Scopes"].Value);

            // Rotating the module's own (the CLI's) device online must put the new token where the CLI keeps it now:
            // SQLite's device_auth_tokens. Judging by 2026.2.19's rules forces a rotate of the legacy CLI device;
            // 9.6 keeps its approved scopes on rotate, so the read-back reports it unverified, which is expected.
            // 9.6 returns the new token only to a caller that authenticated as that device (with the shared token
            // it answers "withheld-cross-device"), so this run authenticates with the CLI's cached device token.
            var own = shell.Run($"Update-OpenClawDeviceScope -Url $($c.Url) -StateDirectory '{gateway.StateDirectory}' -DeviceId {cliId} -Release 2026.2.19 -PassThru -ErrorAction SilentlyContinue");
            var change = Assert.Single(own.Output);
            _log.WriteLine("own rotate: " + string.Join("; ", (string[])change.Properties["Steps"].Value));
            Assert.Equal(true, change.Properties["TokenCacheUpdated"].Value);
            Assert.DoesNotContain(gateway.Token, own.AllText);
            gateway.Stop();
            var cached = SqliteOffline.Scalar(shell, db, $"SELECT token FROM device_auth_tokens WHERE device_id = '{cliId}' AND role = 'operator'");
            Assert.Equal(SqliteOffline.Token(shell, db, cliId), cached);
            Assert.DoesNotContain(cached!.ToString()!, own.AllText);
        }
    }
}
