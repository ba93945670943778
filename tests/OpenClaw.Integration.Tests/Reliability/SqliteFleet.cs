using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Scenarios;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// A state folder holding a 2026.9.6 SQLite store (state/openclaw.sqlite: the device tables of the real schema
    /// dump, schema_meta version 18, WAL, mode 0600) with generated devices, made without a gateway so the offline
    /// reliability tests run in CI. The rows are written through the module's own Microsoft.Data.Sqlite in the given
    /// engine (<see cref="SqliteOffline.Prelude"/>), so the test project needs no SQLite package of its own.
    /// Every device is approved for operator.read and operator.write, but its operator token holds only
    /// operator.read (issued before the approval widened), so a client using the device token is refused the write
    /// scope: the module adds it to the token. Every fifth device's token holds both and needs nothing.
    /// </summary>
    internal static class SqliteFleet
    {
        public const int CompliantEvery = 5;

        public static string DatabasePath(string stateDirectory) => SqliteOffline.DatabasePath(stateDirectory);

        public static string Id(int i) => "sq" + i.ToString("x8") + new string('0', 54);

        /// <summary>Creates state/openclaw.sqlite in <paramref name="stateDirectory"/> with <paramref name="devices"/> paired devices.</summary>
        public static void Create(PowerShellHost host, string stateDirectory, int devices)
        {
            var db = DatabasePath(stateDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(db)!);
            var schema = Path.Combine(GatewayInstalls.RepositoryRoot, "tests", "OpenClaw.Core.Tests", "Stores", "Sqlite", "Fixtures", "sqlite-schema-2026.9.6-devices.sql");
            var made = host.Invoke("param($db, $schema, $n) " + SqliteOffline.Prelude + @"
                $cn = [Microsoft.Data.Sqlite.SqliteConnection]::new(""Data Source=$db;Pooling=False"")
                $cn.Open()
                try {
                    $cmd = $cn.CreateCommand()
                    $cmd.CommandText = 'PRAGMA journal_mode = WAL'; $null = $cmd.ExecuteScalar()
                    $cmd.CommandText = [System.IO.File]::ReadAllText($schema); $null = $cmd.ExecuteNonQuery()
                    $cmd.CommandText = ""INSERT INTO schema_meta (meta_key, role, schema_version, agent_id, app_version, created_at, updated_at) VALUES ('primary', 'global', 18, NULL, '2026.9.6', 1795560614378, 1795560614378)""
                    $null = $cmd.ExecuteNonQuery()
                    $tx = $cn.BeginTransaction()
                    $cmd.Transaction = $tx
                    $cmd.CommandText = 'INSERT INTO device_pairing_paired (device_id, public_key, display_name, platform, client_id, client_mode, role, roles_json, scopes_json, approved_scopes_json, tokens_json, approved_via, created_at_ms, approved_at_ms) VALUES ($id, $pk, $name, ''linux'', ''gateway-client'', ''backend'', ''operator'', ''[""operator""]'', $scopes, $scopes, $tokens, ''silent'', $at, $at)'
                    $p = @{}
                    foreach ($name in 'id', 'pk', 'name', 'scopes', 'tokens') { $p[$name] = $cmd.Parameters.Add('$' + $name, [Microsoft.Data.Sqlite.SqliteType]::Text) }
                    $p.at = $cmd.Parameters.Add('$at', [Microsoft.Data.Sqlite.SqliteType]::Integer)
                    $scopes = '[""operator.read"",""operator.write""]'
                    $p.scopes.Value = $scopes
                    for ($i = 0; $i -lt $n; $i++) {
                        $tokenScopes = if ($i % " + CompliantEvery + @" -eq " + (CompliantEvery - 1) + @") { $scopes } else { '[""operator.read""]' }
                        $p.id.Value = 'sq{0:x8}{1}' -f $i, ('0' * 54); $p.pk.Value = 'pk-' + $i; $p.name.Value = 'device ' + $i; 
                        $p.tokens.Value = '{""operator"":{""token"":""tok-' + $i + '"",""role"":""operator"",""scopes"":' + $tokenScopes + ',""createdAtMs"":1795560641626}}'
                        $p.at.Value = 1795560641626 + $i
                        $null = $cmd.ExecuteNonQuery()
                    }
                    $tx.Commit()
                } finally { $cn.Dispose() }",
                new Dictionary<string, object?> { ["db"] = db, ["schema"] = schema, ["n"] = devices });
            made.ThrowIfFailed();
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
