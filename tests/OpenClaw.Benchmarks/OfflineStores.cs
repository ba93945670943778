using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// The two stores the offline benchmark reads: a 2026.2.x state folder (devices/paired.json as the gateway
    /// writes it, JSON.stringify(x, null, 2)) and a 2026.9.6 one (state/openclaw.sqlite with the device tables of
    /// the real schema dump, schema_meta 18, WAL, checkpointed as a stopped gateway leaves it). Each device is
    /// shaped like a real backend device with one operator token; four in five hold the legacy scopes.
    /// </summary>
    public static class OfflineStores
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };

        public static string Id(int i) => i.ToString("x8") + new string('0', 56);

        private static string[] Scopes(int i) => i % 5 == 4 ? new[] { "operator.read" } : Legacy;

        public static string CreateJson(string folder, int devices)
        {
            var doc = new JObject();
            for (var i = 0; i < devices; i++)
            {
                doc[Id(i)] = new JObject
                {
                    ["deviceId"] = Id(i),
                    ["publicKey"] = "TA-8TV-ecVAX46uY0BA-u0HWRzufq6B42Pw6Mdrt" + i.ToString("x5"),
                    ["displayName"] = "device " + i,
                    ["platform"] = "linux",
                    ["clientId"] = "gateway-client",
                    ["clientMode"] = "backend",
                    ["role"] = "operator",
                    ["roles"] = new JArray("operator"),
                    ["scopes"] = new JArray(Scopes(i)),
                    ["remoteIp"] = "10.0." + (i / 250) + "." + (i % 250),
                    ["tokens"] = new JObject
                    {
                        ["operator"] = new JObject
                        {
                            ["token"] = "tok-" + i.ToString("x8") + "-" + new string('x', 30),
                            ["role"] = "operator",
                            ["scopes"] = new JArray(Scopes(i)),
                            ["createdAtMs"] = 1795555186757L + i,
                            ["lastUsedAtMs"] = 1795555321701L + i,
                        },
                    },
                    ["createdAtMs"] = 1795555186756L + i,
                    ["approvedAtMs"] = 1795555186756L + i,
                };
            }
            Directory.CreateDirectory(Path.Combine(folder, "devices"));
            var text = new StringWriter { NewLine = "\n" };
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' }) doc.WriteTo(writer);
            var path = Path.Combine(folder, "devices", "paired.json");
            File.WriteAllText(path, text.ToString());
            return path;
        }

        public static string CreateSqlite(string folder, int devices)
        {
            var path = Path.Combine(folder, "state", "openclaw.sqlite");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var schema = Path.Combine(GatewayInstalls.RepositoryRoot, "tests", "OpenClaw.Core.Tests", "Stores", "Sqlite", "Fixtures", "sqlite-schema-2026.9.6-devices.sql");
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                Execute(connection, "PRAGMA journal_mode = WAL");
                Execute(connection, File.ReadAllText(schema));
                Execute(connection, "INSERT INTO schema_meta (meta_key, role, schema_version, agent_id, app_version, created_at, updated_at) VALUES ('primary', 'global', 18, NULL, '2026.9.6', 1795560614378, 1795560614378)");
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO device_pairing_paired (device_id, public_key, display_name, platform, client_id, client_mode, role, roles_json, scopes_json, "
                                     + "approved_scopes_json, remote_ip, tokens_json, approved_via, created_at_ms, approved_at_ms, last_seen_at_ms, last_seen_reason) "
                                     + "VALUES ($id, $pk, $name, 'linux', 'gateway-client', 'backend', 'operator', '[\"operator\"]', $scopes, $scopes, $ip, $tokens, 'silent', $at, $at, $seen, 'connect')";
                var parameters = new[] { "$id", "$pk", "$name", "$scopes", "$ip", "$tokens", "$at", "$seen" }.ToDictionary(n => n, n => insert.Parameters.Add(n, SqliteType.Text));
                for (var i = 0; i < devices; i++)
                {
                    var scopes = new JArray(Scopes(i)).ToString(Formatting.None);
                    parameters["$id"].Value = Id(i);
                    parameters["$pk"].Value = "TA-8TV-ecVAX46uY0BA-u0HWRzufq6B42Pw6Mdrt" + i.ToString("x5");
                    parameters["$name"].Value = "device " + i;
                    parameters["$scopes"].Value = scopes;
                    parameters["$ip"].Value = "10.0." + (i / 250) + "." + (i % 250);
                    parameters["$tokens"].Value = "{\"operator\":{\"token\":\"tok-" + i.ToString("x8") + "-" + new string('x', 30) + "\",\"role\":\"operator\",\"scopes\":" + scopes
                                                  + ",\"createdAtMs\":" + (1795560641626L + i) + ",\"lastUsedAtMs\":" + (1795560721701L + i) + "}}";
                    parameters["$at"].Value = 1795560641626L + i;
                    parameters["$seen"].Value = 1795560721701L + i;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return path;
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
