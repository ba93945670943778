using System;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// The field types of pairing records (2026.2.x-2026.7.x, facts §1.1, §1.2, §11 3.3), checked before a record is
    /// read or edited, so a wrong type becomes a StateFileInvalid that names the record and field instead of a cast
    /// exception, and so an edit never lands in a record whose shape the module does not understand. The same rules
    /// hold for the JSON columns of the SQLite store, which keep the same fields. null counts as absent; unknown
    /// fields are fine (later releases add some) and are kept as they are.
    /// </summary>
    internal static class JsonRecords
    {
        private static readonly string[] PairedStrings = { "deviceId", "publicKey", "displayName", "operatorLabel", "platform", "clientId", "clientMode", "role", "remoteIp" };
        private static readonly string[] PairedStringArrays = { "roles", "scopes", "approvedScopes" };
        private static readonly string[] PairedNumbers = { "createdAtMs", "approvedAtMs", "lastSeenAtMs" };
        private static readonly string[] TokenNumbers = { "createdAtMs", "rotatedAtMs", "revokedAtMs", "lastUsedAtMs" };
        private static readonly string[] PendingStrings = { "requestId", "deviceId", "publicKey", "displayName", "platform", "clientId", "clientMode", "role", "remoteIp" };
        private static readonly string[] PendingStringArrays = { "roles", "scopes" };

        /// <summary>The device of a paired.json record <see cref="CheckPaired"/> has passed (repeated values kept once in <paramref name="strings"/>).</summary>
        public static PairedDevice Paired(string key, JObject record, RepeatedStrings strings)
        {
            var device = PairedDeviceFields.Build(StateJson.Reader(record), strings);
            if (device.DeviceId.Length == 0) device.DeviceId = key;
            return device;
        }

        /// <summary>Validates one paired.json member and returns its record.</summary>
        public static JObject CheckPaired(JsonStoreFile file, JProperty member) => CheckPaired(file.Path, member);

        public static JObject CheckPaired(string path, JProperty member)
        {
            Func<string, Exception> refuse = problem => StoreErrors.Invalid(path, problem);
            var where = $"device '{member.Name}'";
            var record = member.Value as JObject ?? throw refuse(Wrong(where, member.Value, "an object"));
            foreach (var name in PairedStrings) Expect(record, name, JTokenType.String, where, refuse);
            foreach (var name in PairedNumbers) Expect(record, name, JTokenType.Float, where, refuse);
            foreach (var name in PairedStringArrays) Strings(record[name], $"{where}: '{name}'", refuse);
            if (record["deviceId"] is JValue { Type: JTokenType.String } id && (string)id! != member.Name)
            {
                throw refuse($"{where} says its deviceId is '{id}'; the key and the id must match");
            }
            Tokens(record["tokens"], $"{where}: 'tokens'", where, refuse);
            return record;
        }

        /// <summary>
        /// A tokens value: absent, null, or an object keyed by role whose entries are token objects.
        /// <paramref name="what"/> names the value in a message, <paramref name="owner"/> the record, if any.
        /// </summary>
        public static void Tokens(JToken? value, string what, string? owner, Func<string, Exception> refuse)
        {
            if (IsAbsent(value)) return;
            if (value is not JObject tokens) throw refuse(Wrong(what, value!, "an object keyed by role"));
            foreach (var token in tokens.Properties())
            {
                var where = owner == null ? $"token '{token.Name}'" : $"{owner}, token '{token.Name}'";
                var body = token.Value as JObject ?? throw refuse(Wrong(where, token.Value, "an object"));
                Expect(body, "token", JTokenType.String, where, refuse);
                Expect(body, "role", JTokenType.String, where, refuse);
                foreach (var name in TokenNumbers) Expect(body, name, JTokenType.Float, where, refuse);
                Strings(body["scopes"], $"{where}: 'scopes'", refuse);
            }
        }

        /// <summary>A list of strings (roles, scopes): absent, null, or an array that holds strings only.</summary>
        public static void Strings(JToken? value, string what, Func<string, Exception> refuse)
        {
            if (IsAbsent(value)) return;
            var odd = value is JArray array ? array.FirstOrDefault(i => i.Type != JTokenType.String) : value;
            if (odd == null) return;
            throw refuse(Wrong(what, value!, "an array of strings", odd == value ? "" : " that holds " + Describe(odd)));
        }

        /// <summary>The request of a pending.json member, checked.</summary>
        public static PendingDeviceRequest Pending(JsonStoreFile file, JProperty member)
        {
            Func<string, Exception> refuse = problem => StoreErrors.Invalid(file.Path, problem);
            var where = $"request '{member.Name}'";
            var record = member.Value as JObject ?? throw refuse(Wrong(where, member.Value, "an object"));
            foreach (var name in PendingStrings) Expect(record, name, JTokenType.String, where, refuse);
            foreach (var name in PendingStringArrays) Strings(record[name], $"{where}: '{name}'", refuse);
            Expect(record, "ts", JTokenType.Float, where, refuse);
            Expect(record, "refreshedAtMs", JTokenType.Float, where, refuse);
            Expect(record, "silent", JTokenType.Boolean, where, refuse);
            Expect(record, "isRepair", JTokenType.Boolean, where, refuse);
            var request = PendingDeviceRequest.FromJson(record);
            if (request.RequestId.Length == 0) request.RequestId = member.Name;
            return request;
        }

        /// <summary>A token is revoked when its revokedAtMs is set, as the gateway's <c>if (entry.revokedAtMs)</c> reads it: a number other than 0.</summary>
        public static bool IsRevoked(JObject token) => IsNumber(token["revokedAtMs"]) && (double)token["revokedAtMs"]! != 0;

        /// <summary>Whether the gateway prunes a checked pending.json record when it loads the file (<see cref="PendingDeviceRequest.IsPruned"/>).</summary>
        public static bool IsPruned(JObject request, DateTimeOffset now)
        {
            var refreshed = request["refreshedAtMs"];
            var ts = request["ts"];
            return PendingDeviceRequest.IsPruned(IsAbsent(refreshed) ? null : (double)refreshed!, ts == null ? null : ts.Type == JTokenType.Null ? 0 : (double)ts, now);
        }

        /// <summary>How a value is named in messages: "an object", "a string", "a number".</summary>
        public static string Describe(JToken value)
        {
            switch (value.Type)
            {
                case JTokenType.Object: return "an object";
                case JTokenType.Array: return "an array";
                case JTokenType.String: return "a string";
                case JTokenType.Integer:
                case JTokenType.Float: return "a number";
                case JTokenType.Boolean: return "a boolean";
                default: return "null";
            }
        }

        private static bool IsAbsent(JToken? value) => value == null || value.Type == JTokenType.Null;

        private static bool IsNumber(JToken? value) => value != null && (value.Type == JTokenType.Integer || value.Type == JTokenType.Float);

        /// <param name="type">String, Boolean, or Float for any number.</param>
        private static void Expect(JObject record, string name, JTokenType type, string where, Func<string, Exception> refuse)
        {
            var value = record[name];
            if (IsAbsent(value) || value!.Type == type || (type == JTokenType.Float && IsNumber(value))) return;
            throw refuse(Wrong($"{where}: '{name}'", value, type switch
            {
                JTokenType.String => "a string",
                JTokenType.Boolean => "true or false",
                _ => "a number",
            }));
        }

        private static string Wrong(string what, JToken value, string expected, string detail = "") => $"{what} is {Describe(value)}{detail}, expected {expected}";
    }
}
