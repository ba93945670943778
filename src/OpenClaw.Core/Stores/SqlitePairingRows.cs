using System;
using System.Collections.Generic;
using System.Data;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The rows of <c>device_pairing_paired</c> / <c>device_pairing_pending</c> (2026.9.6, facts §6.1) as the objects
    /// the online list gives. A row is turned into the JSON store's record shape and parsed by the same code, so
    /// online, JSON and SQLite devices cannot drift apart. tokens_json holds plaintext tokens: they stay inside
    /// this class and <see cref="SqlitePairingStore"/>; <see cref="DeviceTokenInfo"/> has no place for a value.
    /// </summary>
    internal static class SqlitePairingRows
    {
        public const string PairedColumns =
            "device_id, public_key, display_name, operator_label, platform, client_id, client_mode, role, roles_json, scopes_json, "
            + "approved_scopes_json, remote_ip, tokens_json, created_at_ms, approved_at_ms, last_seen_at_ms";

        public const string PendingColumns =
            "request_id, device_id, public_key, display_name, platform, client_id, client_mode, role, roles_json, scopes_json, "
            + "remote_ip, silent, is_repair, ts, refreshed_at_ms";

        public static PairedDevice Paired(IDataRecord row, string path)
        {
            var id = Text(row, "device_id") ?? "";
            var json = Described(row, path, id);
            json["deviceId"] = id;
            json["operatorLabel"] = Text(row, "operator_label");
            json["approvedScopes"] = Json<JArray>(row, "approved_scopes_json", path, id);
            json["tokens"] = CheckTokens(Json<JObject>(row, "tokens_json", path, id), path, id);
            json["createdAtMs"] = Integer(row, "created_at_ms");
            json["approvedAtMs"] = Integer(row, "approved_at_ms");
            json["lastSeenAtMs"] = Integer(row, "last_seen_at_ms");
            return PairedDevice.FromJson(json);
        }

        public static PendingDeviceRequest Pending(IDataRecord row, string path)
        {
            var id = Text(row, "request_id") ?? "";
            var json = Described(row, path, id);
            json["requestId"] = id;
            json["deviceId"] = Text(row, "device_id");
            json["silent"] = Integer(row, "silent") is long silent ? silent != 0 : (bool?)null;
            json["isRepair"] = Integer(row, "is_repair") is long repair ? repair != 0 : (bool?)null;
            json["ts"] = Integer(row, "ts");
            return PendingDeviceRequest.FromJson(json);
        }

        /// <summary>The columns a paired row and a request share: how the device described itself and what it asked for.</summary>
        private static JObject Described(IDataRecord row, string path, string id) => new JObject
        {
            ["publicKey"] = Text(row, "public_key"),
            ["displayName"] = Text(row, "display_name"),
            ["platform"] = Text(row, "platform"),
            ["clientId"] = Text(row, "client_id"),
            ["clientMode"] = Text(row, "client_mode"),
            ["role"] = Text(row, "role"),
            ["roles"] = Json<JArray>(row, "roles_json", path, id),
            ["scopes"] = Json<JArray>(row, "scopes_json", path, id),
            ["remoteIp"] = Text(row, "remote_ip"),
        };

        /// <summary>When the gateway would prune a request: its TTL counts from the later of ts and refreshed_at_ms.</summary>
        public static DateTimeOffset? PendingSince(IDataRecord row) => PendingSince(Integer(row, "ts"), Integer(row, "refreshed_at_ms"));

        public static DateTimeOffset? PendingSince(long? ts, long? refreshedAtMs)
        {
            var latest = new[] { ts, refreshedAtMs }.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(-1).Max();
            return latest < 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(latest);
        }

        /// <summary>Parses a JSON column exactly (dates stay strings, numbers keep their form); null for SQL NULL.</summary>
        public static T? Json<T>(IDataRecord row, string column, string path, string rowId) where T : JToken =>
            Json<T>(Text(row, column), column, path, rowId);

        public static T? Json<T>(string? text, string column, string path, string rowId) where T : JToken
        {
            if (text == null) return null;
            try
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
                var token = JToken.ReadFrom(reader);
                if (reader.Read()) throw new JsonReaderException("text after the JSON value");
                return token as T ?? throw BadColumn(path, column, rowId, $"it holds {token.Type}, not {(typeof(T) == typeof(JArray) ? "an array" : "an object")}");
            }
            catch (JsonException e)
            {
                throw BadColumn(path, column, rowId, "it is not valid JSON (" + e.Message + ")");
            }
        }

        /// <summary>Compact, as the gateway's JSON.stringify writes these columns.</summary>
        public static string Serialize(JToken token) => token.ToString(Formatting.None);

        /// <summary>
        /// Appends the scopes an array lacks, keeping the existing entries and their order. Returns false (and
        /// leaves the array alone) when there is nothing to add.
        /// </summary>
        public static bool AddMissing(JArray array, IEnumerable<string> scopes, string path, string column, string rowId)
        {
            if (array.Any(t => t.Type != JTokenType.String)) throw BadColumn(path, column, rowId, "it holds a value that is not a scope string");
            var present = new HashSet<string>(array.Select(t => (string)t!), StringComparer.Ordinal);
            var missing = scopes.Where(s => !present.Contains(s)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var scope in missing) array.Add(scope);
            return missing.Count > 0;
        }

        /// <summary>A token's scope list, to add to in place; a token without one gets an empty list.</summary>
        public static JArray TokenScopes(JObject token, string role, string path, string rowId)
        {
            if (token["scopes"] is JArray scopes) return scopes;
            if (token["scopes"] != null) throw BadColumn(path, "tokens_json", rowId, $"its {role} scopes are not an array");
            scopes = new JArray();
            token["scopes"] = scopes;
            return scopes;
        }

        public static string? Text(IDataRecord row, string column)
        {
            var ordinal = row.GetOrdinal(column);
            return row.IsDBNull(ordinal) ? null : row.GetValue(ordinal) as string;
        }

        public static long? Integer(IDataRecord row, string column)
        {
            var ordinal = row.GetOrdinal(column);
            return row.IsDBNull(ordinal) ? null : row.GetValue(ordinal) as long?;
        }

        /// <summary>
        /// Each role's entry must be an object whose token and role are strings and whose scopes are strings, as
        /// the JSON store's records are checked (JsonRecords), so a damaged row is refused by name instead of
        /// being read as a device without that token.
        /// </summary>
        private static JObject? CheckTokens(JObject? tokens, string path, string rowId)
        {
            if (tokens == null) return null;
            foreach (var entry in tokens.Properties())
            {
                var problem = entry.Value switch
                {
                    JObject body when body["token"] is JToken t && t.Type != JTokenType.String && t.Type != JTokenType.Null => "its 'token' is not a string",
                    JObject body when body["role"] is JToken r && r.Type != JTokenType.String && r.Type != JTokenType.Null => "its 'role' is not a string",
                    JObject body when body["scopes"] is JToken sc && sc.Type != JTokenType.Null && !(sc is JArray a && a.All(i => i.Type == JTokenType.String)) => "its 'scopes' is not an array of strings",
                    JObject => null,
                    var other => $"it is {other.Type}, not an object",
                };
                if (problem != null) throw BadColumn(path, "tokens_json", rowId, $"the token of role '{entry.Name}': {problem}");
            }
            return tokens;
        }

        public static Errors.OpenClawException BadColumn(string path, string column, string rowId, string problem) =>
            SqliteStateDatabase.Invalid(path, $"the {column} of '{rowId}' cannot be used: {problem}.");
    }
}
