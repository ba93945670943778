using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Stores.Json;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The rows of <c>device_pairing_paired</c> / <c>device_pairing_pending</c> (2026.9.6, facts §6.1) as the objects
    /// the online list gives. A paired row feeds the same builder as a JSON record (<see cref="PairedDeviceFields"/>);
    /// a request row is turned into the JSON record shape and parsed by the same code; so online, JSON and SQLite
    /// devices cannot drift apart. tokens_json holds plaintext tokens: they stay inside this class and
    /// <see cref="SqlitePairingStore"/> (the builder checks a token's type and skips its value);
    /// <see cref="DeviceTokenInfo"/> has no place for a value.
    /// </summary>
    internal static class SqlitePairingRows
    {
        public const string PairedColumns =
            "device_id, public_key, display_name, operator_label, platform, client_id, client_mode, role, roles_json, scopes_json, "
            + "approved_scopes_json, remote_ip, tokens_json, created_at_ms, approved_at_ms, last_seen_at_ms";

        public const string PendingColumns =
            "request_id, device_id, public_key, display_name, platform, client_id, client_mode, role, roles_json, scopes_json, "
            + "remote_ip, silent, is_repair, ts, refreshed_at_ms";

        /// <summary>The ordinals of <see cref="PairedColumns"/>, the values of a row as <see cref="Paired"/> takes them.</summary>
        private const int DeviceId = 0, PublicKey = 1, DisplayName = 2, OperatorLabel = 3, Platform = 4, ClientId = 5, ClientMode = 6, Role = 7,
            RolesJson = 8, ScopesJson = 9, ApprovedScopesJson = 10, RemoteIp = 11, TokensJson = 12, CreatedAtMs = 13, ApprovedAtMs = 14, LastSeenAtMs = 15;

        /// <summary>
        /// Row <paramref name="row"/> of fetched paired rows (<see cref="PairedColumns"/>, in order) as a device: the
        /// text columns set as the record's fields, the JSON columns read into them (<see cref="SqliteJsonColumns"/>),
        /// each checked.
        /// </summary>
        public static PairedDevice Paired(FetchedRows rows, int row, SqliteJsonColumns json)
        {
            var id = rows.Text(row, DeviceId) ?? "";
            var device = new PairedDeviceFields(json.Strings)
            {
                DeviceId = id,
                PublicKey = rows.Text(row, PublicKey),
                DisplayName = rows.Text(row, DisplayName),
                OperatorLabel = rows.Text(row, OperatorLabel),
                Platform = rows.Text(row, Platform),
                ClientId = rows.Text(row, ClientId),
                ClientMode = rows.Text(row, ClientMode),
                Role = rows.Text(row, Role),
                RemoteIp = rows.Text(row, RemoteIp),
                CreatedAt = DeviceJsonValues.Time(rows.Integer(row, CreatedAtMs)),
                ApprovedAt = DeviceJsonValues.Time(rows.Integer(row, ApprovedAtMs)),
                LastSeenAt = DeviceJsonValues.Time(rows.Integer(row, LastSeenAtMs)),
            };
            json.Read(device, "roles", rows.Text(row, RolesJson), "roles_json", id);
            json.Read(device, "scopes", rows.Text(row, ScopesJson), "scopes_json", id);
            json.Read(device, "approvedScopes", rows.Text(row, ApprovedScopesJson), "approved_scopes_json", id);
            json.Read(device, "tokens", rows.Text(row, TokensJson), "tokens_json", id);
            return device.Build();
        }

        /// <summary>The ordinals of <see cref="PendingColumns"/>, the values of a row as <see cref="Pending"/> takes them.</summary>
        private const int RequestId = 0, RequestDeviceId = 1, RequestPublicKey = 2, RequestDisplayName = 3, RequestPlatform = 4, RequestClientId = 5,
            RequestClientMode = 6, RequestRole = 7, RequestRolesJson = 8, RequestScopesJson = 9, RequestRemoteIp = 10, Silent = 11, IsRepairColumn = 12, Ts = 13,
            RefreshedAtMs = 14;

        /// <summary>Whether the gateway prunes request row <paramref name="row"/> (<see cref="IsPruned(long?, long?, DateTimeOffset)"/>).</summary>
        public static bool IsPruned(FetchedRows rows, int row, DateTimeOffset now) => IsPruned(rows.Integer(row, Ts), rows.Integer(row, RefreshedAtMs), now);

        /// <summary>Request row <paramref name="row"/> of fetched rows (<see cref="PendingColumns"/>, in order), read as the JSON store's record.</summary>
        public static PendingDeviceRequest Pending(FetchedRows rows, int row, string path)
        {
            var id = rows.Text(row, RequestId) ?? "";
            return PendingDeviceRequest.FromJson(new JObject
            {
                ["publicKey"] = rows.Text(row, RequestPublicKey),
                ["displayName"] = rows.Text(row, RequestDisplayName),
                ["platform"] = rows.Text(row, RequestPlatform),
                ["clientId"] = rows.Text(row, RequestClientId),
                ["clientMode"] = rows.Text(row, RequestClientMode),
                ["role"] = rows.Text(row, RequestRole),
                ["roles"] = Json<JArray>(rows.Text(row, RequestRolesJson), "roles_json", path, id),
                ["scopes"] = Json<JArray>(rows.Text(row, RequestScopesJson), "scopes_json", path, id),
                ["remoteIp"] = rows.Text(row, RequestRemoteIp),
                ["requestId"] = id,
                ["deviceId"] = rows.Text(row, RequestDeviceId),
                ["silent"] = rows.Integer(row, Silent) is long silent ? silent != 0 : (bool?)null,
                ["isRepair"] = rows.Integer(row, IsRepairColumn) is long repair ? repair != 0 : (bool?)null,
                ["ts"] = rows.Integer(row, Ts),
                ["refreshedAtMs"] = rows.Integer(row, RefreshedAtMs),
            });
        }

        /// <summary>Whether the gateway prunes a request row (<see cref="PendingDeviceRequest.IsPruned"/>; 2026.9.6 keeps a row while now - (refreshedAtMs ?? ts) &lt;= 5 min).</summary>
        public static bool IsPruned(long? ts, long? refreshedAtMs, DateTimeOffset now) => PendingDeviceRequest.IsPruned(refreshedAtMs, ts ?? 0, now);

        /// <summary>A JSON column's value, checked as <see cref="SqliteJsonColumns"/> reads it; null for SQL NULL and "null".</summary>
        public static T? Json<T>(IDataRecord row, string column, string path, string rowId) where T : JToken =>
            Json<T>(Text(row, column), column, path, rowId);

        public static T? Json<T>(string? text, string column, string path, string rowId) where T : JToken =>
            (T?)SqliteJsonColumns.Value(text, column, path, rowId);

        /// <summary>Compact, as the gateway writes these columns (JSON.stringify(value), 2026.9.6 toJsonColumn).</summary>
        public static string Serialize(JToken token) => NodeJson.Stringify(token, indented: false);

        /// <summary>
        /// Appends the scopes an array lacks, keeping the existing entries and their order. Returns false (and
        /// leaves the array alone) when there is nothing to add.
        /// </summary>
        public static bool AddMissing(JArray array, IEnumerable<string> scopes)
        {
            var present = new HashSet<string>(array.Select(t => (string)t!), StringComparer.Ordinal);
            var missing = scopes.Where(s => !present.Contains(s)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var scope in missing) array.Add(scope);
            return missing.Count > 0;
        }

        /// <summary>A token's scope list (a checked tokens_json's), to add to in place; a token without one gets an empty list.</summary>
        public static JArray TokenScopes(JObject token)
        {
            if (token["scopes"] is JArray scopes) return scopes;
            scopes = new JArray();
            token["scopes"] = scopes;
            return scopes;
        }

        public static string? Text(IDataRecord row, string column)
        {
            var ordinal = row.GetOrdinal(column);
            return row.IsDBNull(ordinal) ? null : row.GetValue(ordinal) as string;
        }

        public static Errors.OpenClawException BadColumn(string path, string column, string rowId, string problem) =>
            SqliteStateDatabase.Invalid(path, $"the {column} of '{rowId}' cannot be used: {problem}.");
    }
}
