using System.Diagnostics;
using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// The SQLite pairing store of a real, fresh 2026.9.6 gateway, through the built module in the hosted engine:
    /// read offline (the same devices the gateway lists), locked and unknown-schema databases refused with nothing
    /// written, scopes added offline with the device's token intact, and a 10,000-device copy read for scale.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class SqliteStoreTests
    {
        private readonly ITestOutputHelper _log;

        public SqliteStoreTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.9.6")]
        public void A_fresh_2026_9_6_store_is_read_and_repaired_offline_and_the_devices_token_still_works()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.9.6");
            var alpha = gateway.Device("alpha", "cli", "cli", "operator.pairing");
            var beta = gateway.Device("beta", "cli", "cli", "operator.admin", "operator.pairing");
            Assert.True(alpha.Ok && beta.Ok, $"{alpha} / {beta}"); // cli/cli devices are auto-paired on 9.6

            // alpha's own token holds operator.pairing only: asking operator.read with it is refused, pairing is not.
            using var shell = new ModuleShell(gateway);
            var db = SqliteOffline.DatabasePath(gateway.StateDirectory);
            var alphaToken = SqliteOffline.Token(shell, db, alpha.DeviceId!);
            var refused = SqliteOffline.ConnectWithDeviceToken(gateway, "alpha", alphaToken, "operator.read");
            _log.WriteLine("alpha's device token asking operator.read before the repair: " + refused.Output.Trim());
            Assert.DoesNotContain("\"ok\":true", refused.Output);
            Assert.Contains("\"ok\":true", SqliteOffline.ConnectWithDeviceToken(gateway, "alpha", alphaToken, "operator.pairing").Output);

            var online = shell.Run("Get-OpenClawDevice @c");
            online.ThrowIfFailed();
            var onlineIds = online.Output.Select(d => (string)d.Properties["DeviceId"].Value).OrderBy(i => i).ToList();
            Assert.Contains(alpha.DeviceId, onlineIds);
            gateway.Stop();

            var offline = shell.Run(SqliteOffline.Prelude + $"$s = [OpenClaw.Core.Stores.PairingStoreLocator]::Open('{gateway.StateDirectory}'); $s.Kind; $s.Release.Name; $s.Read().Paired");
            offline.ThrowIfFailed();
            Assert.Equal("sqlite", offline.Output[0].BaseObject);
            Assert.Equal("2026.9.6", offline.Output[1].BaseObject);
            Assert.Equal(onlineIds, offline.Output.Skip(2).Select(d => (string)d.Properties["DeviceId"].Value).OrderBy(i => i));
            Assert.Equal(alphaToken, SqliteOffline.Token(shell, db, alpha.DeviceId!));

            // A writer holding the write lock (BEGIN IMMEDIATE, a RESERVED lock): StateLocked, nothing written, no backup.
            var before = SqliteOffline.Scalar(shell, db, $"SELECT scopes_json || tokens_json FROM device_pairing_paired WHERE device_id = '{alpha.DeviceId}'");
            var locked = shell.Run(SqliteOffline.Prelude + $@"
                $holder = [OpenClaw.Core.Stores.SqliteStateDatabase]::Open('{db}', $true, [TimeSpan]::FromSeconds(1))
                $tx = $holder.BeginTransaction($false)
                try {{ {SqliteOffline.AddScopes(gateway.StateDirectory, alpha.DeviceId!, "operator.read", "operator.write")} }}
                catch {{ $_.Exception.InnerException.ErrorId; $_.Exception.InnerException.Message }}
                finally {{ $tx.Rollback(); $holder.Dispose() }}");
            locked.ThrowIfFailed();
            _log.WriteLine(string.Join("\n", locked.Output));
            Assert.Equal("OpenClaw.StateLocked", locked.Output[0].BaseObject);
            Assert.Contains(db, (string)locked.Output[1].BaseObject);
            Assert.Equal(before, SqliteOffline.Scalar(shell, db, $"SELECT scopes_json || tokens_json FROM device_pairing_paired WHERE device_id = '{alpha.DeviceId}'"));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(db)!, "*.bak"));

            // An unknown schema version (a copy of the same store, schema_version set to 19): StateFileInvalid.
            var copy = Path.Combine(gateway.Root, "copy-state");
            var unknown = shell.Run(SqliteOffline.Prelude + $@"
                $null = [System.IO.Directory]::CreateDirectory('{copy}/state')
                $src = [OpenClaw.Core.Stores.SqliteStateDatabase]::Open('{db}', $false, [TimeSpan]::FromSeconds(1))
                $dst = [Microsoft.Data.Sqlite.SqliteConnection]::new('Data Source={copy}/state/openclaw.sqlite;Pooling=False')
                $dst.Open(); $src.BackupDatabase($dst); $src.Dispose()
                $cmd = $dst.CreateCommand(); $cmd.CommandText = ""UPDATE schema_meta SET schema_version = 19 WHERE meta_key = 'primary'""; $null = $cmd.ExecuteNonQuery(); $dst.Dispose()
                try {{ [OpenClaw.Core.Stores.PairingStoreLocator]::Open('{copy}') }} catch {{ $_.Exception.InnerException.ErrorId; $_.Exception.InnerException.Message }}");
            unknown.ThrowIfFailed();
            Assert.Equal("OpenClaw.StateFileInvalid", unknown.Output[0].BaseObject);
            Assert.Contains("schema version 19", (string)unknown.Output[1].BaseObject);
            Assert.Contains(Path.Combine(copy, "state", "openclaw.sqlite"), (string)unknown.Output[1].BaseObject);

            var repair = shell.Run(SqliteOffline.Prelude + SqliteOffline.AddScopes(gateway.StateDirectory, alpha.DeviceId!, "operator.read", "operator.write"));
            repair.ThrowIfFailed();
            var backup = (string)Assert.Single((IEnumerable<object>)repair.Output[0].Properties["Backups"].Value);
            Assert.True(File.Exists(backup));
            if (!OperatingSystem.IsWindows()) Assert.Equal(File.GetUnixFileMode(db), File.GetUnixFileMode(backup));
            Assert.Equal(alphaToken, SqliteOffline.Token(shell, db, alpha.DeviceId!));
            // Still WAL: the header's read and write format versions (bytes 18 and 19) are 2. PRAGMA journal_mode
            // cannot tell here: a read-only connection to a store with no -wal opens it immutable and says "delete".
            Assert.Equal(new byte[] { 2, 2 }, File.ReadAllBytes(db).Skip(18).Take(2));

            gateway.Start("2026.9.6");
            var withToken = SqliteOffline.ConnectWithDeviceToken(gateway, "alpha", alphaToken, "operator.read");
            _log.WriteLine("alpha with its unchanged device token asking operator.read: " + withToken.All);
            Assert.Contains("\"ok\":true", withToken.Output);
            var after = shell.Run($"Get-OpenClawDevice @c -DeviceId {alpha.DeviceId}");
            after.ThrowIfFailed();
            var scopes = (string[])Assert.Single(after.Output).Properties["Scopes"].Value;
            Assert.Contains("operator.read", scopes);
            Assert.Contains("operator.write", scopes);
            gateway.Stop();

            ReadTenThousandDevices(shell, gateway, db);
        }

        /// <summary>The real database with 10,000 generated cli devices added: read time is reported.</summary>
        private void ReadTenThousandDevices(ModuleShell shell, LocalGateway gateway, string db)
        {
            var big = Path.Combine(gateway.Root, "big-state");
            var fill = shell.Run(SqliteOffline.Prelude + $@"
                $null = [System.IO.Directory]::CreateDirectory('{big}/state')
                $src = [OpenClaw.Core.Stores.SqliteStateDatabase]::Open('{db}', $false, [TimeSpan]::FromSeconds(1))
                $dst = [Microsoft.Data.Sqlite.SqliteConnection]::new('Data Source={big}/state/openclaw.sqlite;Pooling=False')
                $dst.Open(); $src.BackupDatabase($dst); $src.Dispose()
                $tx = $dst.BeginTransaction()
                $cmd = $dst.CreateCommand(); $cmd.Transaction = $tx
                $cmd.CommandText = ""INSERT INTO device_pairing_paired (device_id, public_key, platform, client_id, client_mode, role, roles_json, scopes_json, approved_scopes_json, tokens_json, approved_via, created_at_ms, approved_at_ms) VALUES (`$id, 'pk', 'linux', 'cli', 'cli', 'operator', '[""""operator""""]', '[""""operator.read""""]', '[""""operator.read""""]', `$tokens, 'silent', 1795560641626, 1795560641626)""
                $id = $cmd.Parameters.Add('$id', [Microsoft.Data.Sqlite.SqliteType]::Text); $tok = $cmd.Parameters.Add('$tokens', [Microsoft.Data.Sqlite.SqliteType]::Text)
                for ($i = 0; $i -lt 10000; $i++) {{ $id.Value = 'gen{{0:d60}}' -f $i; $tok.Value = '{{""operator"":{{""token"":""t' + $i + '"",""role"":""operator"",""scopes"":[""operator.read""]}}}}'; $null = $cmd.ExecuteNonQuery() }}
                $tx.Commit(); $dst.Dispose()");
            fill.ThrowIfFailed();
            var watch = Stopwatch.StartNew();
            var read = shell.Run($"(Get-OpenClawDevice -Offline -StateDirectory '{big}').Count");
            watch.Stop();
            read.ThrowIfFailed();
            _log.WriteLine($"Get-OpenClawDevice -Offline on a real 2026.9.6 database with {read.Output[0]} paired devices: {watch.ElapsedMilliseconds} ms.");
            Assert.True((int)read.Output[0].BaseObject > 10_000);
        }
    }

    /// <summary>Scripts for the hosted engine that reach the module's SQLite code (and the test's own SQL) directly.</summary>
    internal static class SqliteOffline
    {
        /// <summary>
        /// Loads e_sqlite3 from the module's runtimes folder, as the stores do, so the test's own SQL can run. The
        /// cmdlets' OpenClaw.Core lives in the module's own load context, whose types PowerShell does not resolve by
        /// name; so the script loads a second copy from the Dependencies folder into the default context to name them.
        /// </summary>
        public const string Prelude =
            "$null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine((Get-Module OpenClaw.PowerShell).ModuleBase, 'Dependencies', 'OpenClaw.Core.dll'))\n"
            + "[OpenClaw.Core.Stores.SqliteNativeLoader]::EnsureInitialized()\n"
            // Resolving a signature loads Microsoft.Data.Sqlite the way the core itself gets it, so scripts can name its types.
            + "$null = [OpenClaw.Core.Stores.SqliteStateDatabase].GetMethod('Open').ReturnType\n";

        public static string DatabasePath(string stateDirectory) => Path.Combine(stateDirectory, "state", "openclaw.sqlite");

        public static string AddScopes(string stateDirectory, string deviceId, params string[] scopes) =>
            $"[OpenClaw.Core.Stores.PairingStoreLocator]::Open('{stateDirectory}').AddScopes([OpenClaw.Core.Stores.OfflineScopeGrant[]]@("
            + $"[OpenClaw.Core.Stores.OfflineScopeGrant]::new('{deviceId}', 'operator', [string[]]@('{string.Join("','", scopes)}'))), "
            + "[OpenClaw.Core.Stores.StoreWriteOptions]@{ LockTimeout = [TimeSpan]::FromSeconds(1) })";

        public static object? Scalar(ModuleShell shell, string db, string sql)
        {
            var result = shell.Run(Prelude + $@"
                $cn = [OpenClaw.Core.Stores.SqliteStateDatabase]::Open('{db}', $false, [TimeSpan]::FromSeconds(1))
                try {{ $cmd = $cn.CreateCommand(); $cmd.CommandText = ""{sql.Replace("\"", "`\"")}""; $cmd.ExecuteScalar() }} finally {{ $cn.Dispose() }}");
            result.ThrowIfFailed();
            var value = result.Output.SingleOrDefault()?.BaseObject;
            return value is System.DBNull ? null : value;
        }

        /// <summary>A device's operator token value, read from tokens_json (tests may see secrets; the module never shows them).</summary>
        public static string Token(ModuleShell shell, string db, string deviceId) =>
            Newtonsoft.Json.Linq.JObject.Parse((string)Scalar(shell, db, $"SELECT tokens_json FROM device_pairing_paired WHERE device_id = '{deviceId}'")!)["operator"]!["token"]!.ToString();

        /// <summary>
        /// Connects a test device with its DEVICE token (auth.deviceToken, v2 signature over that token), no shared
        /// token: the proof that the offline edit kept the token valid. device-client.mjs sends only the shared token.
        /// </summary>
        public static ProcessResult ConnectWithDeviceToken(LocalGateway gateway, string name, string deviceToken, params string[] scopes) =>
            ConnectWithDeviceToken(gateway, name, deviceToken, "cli", "cli", scopes);

        public static ProcessResult ConnectWithDeviceToken(LocalGateway gateway, string name, string deviceToken, string clientId, string clientMode, params string[] scopes)
        {
            var script = Path.Combine(gateway.Root, "device-token-client.mjs");
            File.WriteAllText(script, DeviceTokenClient);
            return ProcessRunner.Run(GatewayInstalls.Node,
                new[] { script, Path.Combine(gateway.Root, "devices", name + ".json"), gateway.Url, deviceToken, clientId, clientMode, string.Join(",", scopes) },
                new Dictionary<string, string>(), TimeSpan.FromSeconds(40));
        }

        private const string DeviceTokenClient = @"import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
const [identityFile, url, deviceToken, clientId, clientMode, scopeList] = process.argv.slice(2);
const scopes = scopeList ? scopeList.split(',') : [];
const b64url = (b) => Buffer.from(b).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const privateKey = createPrivateKey(JSON.parse(readFileSync(identityFile, 'utf8')).privateKeyPem);
const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(12);
const deviceId = createHash('sha256').update(raw).digest('hex');
const done = (r) => { console.log(JSON.stringify(r)); process.exit(r.ok ? 0 : 1); };
setTimeout(() => done({ ok: false, code: 'TIMEOUT' }), 20000).unref();
const ws = new WebSocket(url);
ws.onclose = (e) => done({ ok: false, code: 'CLOSED', message: `${e.code} ${e.reason}` });
ws.onmessage = (event) => {
  const frame = JSON.parse(String(event.data));
  if (frame.type === 'event' && frame.event === 'connect.challenge') {
    const { nonce } = frame.payload; const signedAt = Date.now();
    const payload = ['v2', deviceId, clientId, clientMode, 'operator', scopes.join(','), signedAt, deviceToken, nonce].join('|');
    const device = { id: deviceId, publicKey: b64url(raw), signature: b64url(sign(null, Buffer.from(payload, 'utf8'), privateKey)), signedAt, nonce };
    ws.send(JSON.stringify({ type: 'req', id: 'c1', method: 'connect', params: { minProtocol: 3, maxProtocol: 4,
      client: { id: clientId, version: 'test', platform: 'linux', mode: clientMode }, caps: [], role: 'operator', scopes, auth: { deviceToken }, device } }));
  } else if (frame.type === 'res' && frame.id === 'c1') {
    done(frame.ok ? { ok: true, method: frame.payload?.auth?.method, scopes: frame.payload?.auth?.scopes } : { ok: false, code: frame.error?.code, message: frame.error?.message });
  }
};
";
    }
}
