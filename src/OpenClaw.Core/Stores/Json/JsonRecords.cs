using System.Linq;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// Checks the fields of paired.json and pending.json records (2026.2.x-2026.7.x, facts §1.1, §1.2, §11 3.3)
    /// before they are read, so a wrong type becomes a StateFileInvalid that names the record and field instead of
    /// a cast exception, and so an edit never lands in a record whose shape the module does not understand.
    /// Unknown fields are fine: later releases add some, and they are kept byte for byte.
    /// </summary>
    internal static class JsonRecords
    {
        private static readonly string[] PairedStrings = { "deviceId", "publicKey", "displayName", "operatorLabel", "platform", "clientId", "clientMode", "role", "remoteIp" };
        private static readonly string[] PairedStringArrays = { "roles", "scopes", "approvedScopes" };
        private static readonly string[] PairedNumbers = { "createdAtMs", "approvedAtMs", "lastSeenAtMs" };
        private static readonly string[] TokenNumbers = { "createdAtMs", "rotatedAtMs", "revokedAtMs", "lastUsedAtMs" };
        private static readonly string[] PendingStrings = { "requestId", "deviceId", "publicKey", "displayName", "platform", "clientId", "clientMode", "role", "remoteIp" };
        private static readonly string[] PendingStringArrays = { "roles", "scopes" };

        /// <summary>
        /// Builds the device of a record <see cref="CheckPaired"/> has passed, straight from its span (the values
        /// that repeat from record to record kept once in <paramref name="strings"/>).
        /// </summary>
        public static PairedDevice Paired(JsonMember member, JsonObjectSpan record, RepeatedStrings strings)
        {
            var device = PairedDeviceFields.Build(new JsonSpanReader(record), strings);
            if (device.DeviceId.Length == 0) device.DeviceId = member.Key;
            return device;
        }

        /// <summary>Validates one paired record and returns its object span.</summary>
        public static JsonObjectSpan CheckPaired(JsonStoreFile file, JsonMember member)
        {
            var where = $"device '{member.Key}'";
            var record = member.Value as JsonObjectSpan ?? throw Wrong(file, where, null, member.Value, "an object");
            foreach (var name in PairedStrings) Expect(file, where, record, name, JsonScalarKind.String);
            foreach (var name in PairedNumbers) Expect(file, where, record, name, JsonScalarKind.Number);
            foreach (var name in PairedStringArrays) ExpectStrings(file, where, record, name);
            if (record.Value("deviceId") is JsonScalarSpan { Kind: JsonScalarKind.String } id && id.Text != member.Key)
            {
                throw StoreErrors.Invalid(file.Path, $"{where} says its deviceId is '{id.Text}' ({JsonStoreFile.Where(file.Text, id.Start)}); the key and the id must match");
            }
            switch (record.Value("tokens"))
            {
                case null:
                case JsonScalarSpan { Kind: JsonScalarKind.Null }:
                    break;
                case JsonObjectSpan tokens:
                    foreach (var token in tokens.Members)
                    {
                        var tokenWhere = $"{where}, token '{token.Key}'";
                        var body = token.Value as JsonObjectSpan ?? throw Wrong(file, tokenWhere, null, token.Value, "an object");
                        Expect(file, tokenWhere, body, "token", JsonScalarKind.String);
                        Expect(file, tokenWhere, body, "role", JsonScalarKind.String);
                        foreach (var name in TokenNumbers) Expect(file, tokenWhere, body, name, JsonScalarKind.Number);
                        ExpectStrings(file, tokenWhere, body, "scopes");
                    }
                    break;
                case var other:
                    throw Wrong(file, where, "tokens", other, "an object keyed by role");
            }
            return record;
        }

        public static PendingDeviceRequest Pending(JsonStoreFile file, JsonMember member)
        {
            var where = $"request '{member.Key}'";
            var record = member.Value as JsonObjectSpan ?? throw Wrong(file, where, null, member.Value, "an object");
            foreach (var name in PendingStrings) Expect(file, where, record, name, JsonScalarKind.String);
            foreach (var name in PendingStringArrays) ExpectStrings(file, where, record, name);
            Expect(file, where, record, "ts", JsonScalarKind.Number);
            ExpectBoolean(file, where, record, "silent");
            ExpectBoolean(file, where, record, "isRepair");
            var request = PendingDeviceRequest.FromJson((JObject)NodeJson.ToToken(record));
            if (request.RequestId.Length == 0) request.RequestId = member.Key;
            return request;
        }

        private static void Expect(JsonStoreFile file, string where, JsonObjectSpan record, string name, JsonScalarKind kind)
        {
            var value = record.Value(name);
            if (value == null || value is JsonScalarSpan { Kind: JsonScalarKind.Null }) return;
            if (value is JsonScalarSpan scalar && scalar.Kind == kind) return;
            throw Wrong(file, where, name, value, kind == JsonScalarKind.String ? "a string" : "a number");
        }

        private static void ExpectBoolean(JsonStoreFile file, string where, JsonObjectSpan record, string name)
        {
            var value = record.Value(name);
            if (value == null || value is JsonScalarSpan { Kind: JsonScalarKind.Null or JsonScalarKind.True or JsonScalarKind.False }) return;
            throw Wrong(file, where, name, value, "true or false");
        }

        private static void ExpectStrings(JsonStoreFile file, string where, JsonObjectSpan record, string name)
        {
            var value = record.Value(name);
            if (value == null || value is JsonScalarSpan { Kind: JsonScalarKind.Null }) return;
            if (value is JsonArraySpan array && array.Items.All(i => i is JsonScalarSpan { Kind: JsonScalarKind.String })) return;
            throw Wrong(file, where, name, value, "an array of strings");
        }

        private static OpenClawException Wrong(JsonStoreFile file, string where, string? field, JsonSpan value, string expected) =>
            StoreErrors.Invalid(file.Path,
                $"{where}{(field == null ? "" : $": '{field}'")} is {Describe(value)}, expected {expected} ({JsonStoreFile.Where(file.Text, value.Start)})");

        private static string Describe(JsonSpan value) =>
            value is JsonArraySpan array && array.Items.Any(i => i is not JsonScalarSpan { Kind: JsonScalarKind.String })
                ? "an array that holds " + array.Items.First(i => i is not JsonScalarSpan { Kind: JsonScalarKind.String }).KindName
                : value.KindName;
    }
}
