using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// The paired.json side of the offline lifecycle edits, as 2026.2.19/2.21 make them online (device-pairing.ts:
    /// approveDevicePairing, revokeDeviceToken, removePairedDevice), with one deliberate difference: approving a
    /// repair widens the role's token in place instead of re-minting it with only the requested scopes (facts
    /// §3.3), so the device's cached token keeps working and keeps what it had.
    /// </summary>
    internal static class PairedLifecycleEditor
    {
        /// <summary>
        /// Pairs the request's device: widens an existing record in place, or adds a new one laid out and ordered
        /// as the gateway's approve builds it.
        /// </summary>
        public static void Approve(JsonStoreDocument paired, JObject request, IReadOnlyList<string> tokenScopes,
            PairingEditContext context, PairingEditOutcome outcome)
        {
            var deviceId = StringOf(request, "deviceId") ?? "";
            var role = StringOf(request, "role")?.Trim();
            var requested = Merge(StringsOf(request, "scopes"));
            var member = paired.Find(deviceId);
            if (member == null)
            {
                paired.Set(paired.Root, deviceId, NewRecord(request, role, requested, tokenScopes, context));
                outcome.DeviceId = deviceId;
                outcome.DeviceCreated = true;
                outcome.TokenMinted = role != null;
                outcome.At = context.Now;
                outcome.Steps.Add($"paired new device {deviceId} with scopes [{string.Join(", ", requested)}]");
                if (role != null) outcome.Steps.Add($"stored a new {role} token");
                return;
            }
            outcome.DeviceId = member.Name;
            var record = JsonRecords.CheckPaired(paired.Path, member);

            var roles = Merge(StringsOf(record, "roles"), new[] { StringOf(record, "role") }, StringsOf(request, "roles"), new[] { role });
            var rolesMember = record.Property("roles", StringComparison.Ordinal);
            var addRoles = roles.Where(r => !PairedScopeEditor.StringItems(rolesMember?.Value).Contains(r)).ToList();
            if (rolesMember?.Value is JArray rolesArray) paired.Append(rolesArray, addRoles);
            else if (rolesMember != null || roles.Count > 0) paired.Set(record, "roles", new JArray(roles), record.Property("role", StringComparison.Ordinal));
            if (addRoles.Count > 0) outcome.Steps.Add($"added role {string.Join(", ", addRoles)}");

            var effect = new GrantEffect(new OfflineScopeGrant(member.Name, role ?? "", requested));
            PairedScopeEditor.AddDeviceScopes(paired, record, requested, context.CreateApprovedScopes, effect);
            if (effect.AddedToScopes.Count > 0) outcome.Steps.Add($"added {string.Join(", ", effect.AddedToScopes)} to scopes");
            if (effect.ApprovedScopesCreated) outcome.Steps.Add($"created approvedScopes [{string.Join(", ", effect.AddedToApprovedScopes)}]");
            else if (effect.AddedToApprovedScopes.Count > 0) outcome.Steps.Add($"added {string.Join(", ", effect.AddedToApprovedScopes)} to approvedScopes");

            if (role != null) ApproveToken(paired, record, role, tokenScopes, context, outcome);
            paired.Set(record, "approvedAtMs", context.NowMs);
            outcome.At = context.Now;
            outcome.Steps.Add("set approvedAtMs");
        }

        /// <summary>Marks the role's token revoked, as the gateway does (revokedAtMs set, the entry kept); false when it already was.</summary>
        public static bool Revoke(JsonStoreDocument paired, string deviceId, string role, PairingEditContext context, PairingEditOutcome outcome)
        {
            var member = paired.Find(deviceId) ?? throw PairingEditErrors.DeviceNotFound(deviceId, paired.Path);
            outcome.DeviceId = member.Name;
            var record = JsonRecords.CheckPaired(paired.Path, member);
            if ((record["tokens"] as JObject)?.Property(role, StringComparison.Ordinal)?.Value is not JObject token)
            {
                throw PairingEditErrors.RoleNotFound(member.Name, role, paired.Path);
            }
            if (JsonRecords.IsRevoked(token))
            {
                outcome.AlreadyRevoked = true;
                outcome.Steps.Add($"the {role} token was already revoked");
                return false;
            }
            paired.Set(token, "revokedAtMs", context.NowMs);
            outcome.At = context.Now;
            outcome.Steps.Add($"revoked the {role} token");
            return true;
        }

        /// <summary>
        /// An unrevoked token is widened in place; a missing or revoked one is replaced by a new one, shaped as the
        /// gateway's approve shapes it (createdAtMs and lastUsedAtMs kept, rotatedAtMs when one existed).
        /// </summary>
        private static void ApproveToken(JsonStoreDocument paired, JObject record, string role, IReadOnlyList<string> tokenScopes,
            PairingEditContext context, PairingEditOutcome outcome)
        {
            var tokensMember = record.Property("tokens", StringComparison.Ordinal);
            var tokens = tokensMember?.Value as JObject;
            var existing = tokens?.Property(role, StringComparison.Ordinal)?.Value as JObject;
            if (existing != null && !JsonRecords.IsRevoked(existing))
            {
                var added = PairedScopeEditor.AddTokenScopes(paired, existing, tokenScopes);
                if (added.Count > 0) outcome.Steps.Add($"added {string.Join(", ", added)} to the {role} token (its value kept)");
                return;
            }
            var token = NewToken(role, tokenScopes, existing, context);
            if (tokens != null) paired.Set(tokens, role, token);
            else
            {
                paired.Set(record, "tokens", new JObject { [role] = token },
                    record.Property("remoteIp", StringComparison.Ordinal) ?? record.Property("approvedScopes", StringComparison.Ordinal) ?? record.Property("scopes", StringComparison.Ordinal));
            }
            outcome.TokenMinted = true;
            outcome.Steps.Add(existing != null ? $"replaced the revoked {role} token with a new one" : $"stored a new {role} token");
        }

        private static JObject NewRecord(JObject request, string? role, IReadOnlyList<string> scopes, IReadOnlyList<string> tokenScopes, PairingEditContext context)
        {
            var roles = Merge(StringsOf(request, "roles"), new[] { role });
            var tokens = new JObject();
            if (role != null) tokens[role] = NewToken(role, tokenScopes, null, context);
            return Members(
                ("deviceId", Text(StringOf(request, "deviceId"))),
                ("publicKey", Text(StringOf(request, "publicKey"))),
                ("displayName", Text(StringOf(request, "displayName"))),
                ("platform", Text(StringOf(request, "platform"))),
                ("clientId", Text(StringOf(request, "clientId"))),
                ("clientMode", Text(StringOf(request, "clientMode"))),
                ("role", Text(StringOf(request, "role"))),
                ("roles", roles.Count > 0 ? new JArray(roles) : null),
                ("scopes", scopes.Count > 0 ? new JArray(scopes) : null),
                ("approvedScopes", context.CreateApprovedScopes && scopes.Count > 0 ? new JArray(scopes) : null),
                ("remoteIp", Text(StringOf(request, "remoteIp"))),
                ("tokens", tokens),
                ("createdAtMs", context.NowMs),
                ("approvedAtMs", context.NowMs));
        }

        private static JObject NewToken(string role, IReadOnlyList<string> scopes, JObject? existing, PairingEditContext context) =>
            Members(
                ("token", PairingTokens.NewValue()),
                ("role", role),
                // normalizeDeviceAuthScopes: trimmed, distinct, sorted by UTF-16 code unit.
                ("scopes", new JArray(Merge(scopes).OrderBy(s => s, StringComparer.Ordinal).ToList())),
                ("createdAtMs", NumberOf(existing, "createdAtMs") ?? context.NowMs),
                ("rotatedAtMs", existing != null ? (JToken)context.NowMs : null),
                ("lastUsedAtMs", NumberOf(existing, "lastUsedAtMs")));

        /// <summary>An object of the members that have a value, in order; a null value is left out, as JSON.stringify leaves out undefined.</summary>
        private static JObject Members(params (string Key, JToken? Value)[] members)
        {
            var obj = new JObject();
            foreach (var (key, value) in members)
            {
                if (value != null) obj.Add(key, value);
            }
            return obj;
        }

        private static JToken? Text(string? value) => value == null ? null : new JValue(value);

        /// <summary>mergeRoles / mergeScopes: trimmed, blanks dropped, first occurrence kept, in order.</summary>
        internal static List<string> Merge(params IEnumerable<string?>?[] lists) =>
            lists.Where(l => l != null).SelectMany(l => l!).Where(s => s != null).Select(s => s!.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        internal static string? StringOf(JObject? obj, string key) =>
            obj?[key] is JValue { Type: JTokenType.String } s ? (string)s! : null;

        private static IEnumerable<string> StringsOf(JObject obj, string key) => PairedScopeEditor.StringItems(obj[key]);

        private static JToken? NumberOf(JObject? obj, string key) =>
            obj?[key] is JValue { Type: JTokenType.Integer or JTokenType.Float } n ? n.DeepClone() : null;
    }

    /// <summary>What every edit of one batch shares: the time written and the rules of the store's release.</summary>
    internal sealed class PairingEditContext
    {
        public PairingEditContext(DateTimeOffset now, bool createApprovedScopes)
        {
            Now = now;
            CreateApprovedScopes = createApprovedScopes;
        }

        public DateTimeOffset Now { get; }

        public long NowMs => Now.ToUnixTimeMilliseconds();

        /// <summary>2026.2.21+: records carry approvedScopes.</summary>
        public bool CreateApprovedScopes { get; }
    }
}
