using System;
using System.Collections.Generic;
using System.Linq;

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
        /// Pairs the request's device: widens an existing record in place, or inserts a new one laid out and ordered
        /// as the gateway's approve builds it.
        /// </summary>
        public static void Approve(JsonStoreView paired, JsonObjectSpan request, IReadOnlyList<string> tokenScopes,
            PairingEditContext context, PairingEditOutcome outcome)
        {
            var deviceId = StringOf(request, "deviceId") ?? "";
            var role = StringOf(request, "role")?.Trim();
            var requested = Merge(StringsOf(request, "scopes"));
            var member = paired.Find(deviceId);
            if (member == null)
            {
                paired.Insert(deviceId, NewRecord(request, role, requested, tokenScopes, context));
                outcome.DeviceId = deviceId;
                outcome.DeviceCreated = true;
                outcome.TokenMinted = role != null;
                outcome.At = context.Now;
                outcome.Steps.Add($"paired new device {deviceId} with scopes [{string.Join(", ", requested)}]");
                if (role != null) outcome.Steps.Add($"stored a new {role} token");
                return;
            }
            outcome.DeviceId = member.Key;
            var record = JsonRecords.CheckPaired(paired.File, member);
            var edits = paired.Edit(member);

            var roles = Merge(StringsOf(record, "roles"), new[] { StringOf(record, "role") }, StringsOf(request, "roles"), new[] { role });
            var rolesMember = record.Find("roles");
            var addRoles = roles.Where(r => !PairedScopeEditor.Strings(rolesMember?.Value).Contains(r)).ToList();
            if (rolesMember?.Value is JsonArraySpan rolesArray) edits.Append(rolesArray, rolesMember, addRoles);
            else if (rolesMember != null) edits.ReplaceValue(rolesMember, roles);
            else if (roles.Count > 0) edits.InsertMember(record, "roles", roles, record.Find("role"));
            if (addRoles.Count > 0) outcome.Steps.Add($"added role {string.Join(", ", addRoles)}");

            var effect = new GrantEffect(new OfflineScopeGrant(member.Key, role ?? "", requested));
            PairedScopeEditor.AddDeviceScopes(edits, record, requested, context.CreateApprovedScopes, effect);
            if (effect.AddedToScopes.Count > 0) outcome.Steps.Add($"added {string.Join(", ", effect.AddedToScopes)} to scopes");
            if (effect.ApprovedScopesCreated) outcome.Steps.Add($"created approvedScopes [{string.Join(", ", effect.AddedToApprovedScopes)}]");
            else if (effect.AddedToApprovedScopes.Count > 0) outcome.Steps.Add($"added {string.Join(", ", effect.AddedToApprovedScopes)} to approvedScopes");

            if (role != null) ApproveToken(edits, record, role, tokenScopes, context, outcome);
            SetScalar(edits, record, "approvedAtMs", context.NowMs);
            outcome.At = context.Now;
            outcome.Steps.Add("set approvedAtMs");
        }

        /// <summary>Marks the role's token revoked, as the gateway does (revokedAtMs set, the entry kept); false when it already was.</summary>
        public static bool Revoke(JsonStoreView paired, string deviceId, string role, PairingEditContext context, PairingEditOutcome outcome)
        {
            var member = paired.Find(deviceId) ?? throw PairingEditErrors.DeviceNotFound(deviceId, paired.File.Path);
            outcome.DeviceId = member.Key;
            var record = JsonRecords.CheckPaired(paired.File, member);
            var tokenMember = (record.Value("tokens") as JsonObjectSpan)?.Find(role);
            if (tokenMember?.Value is not JsonObjectSpan token) throw PairingEditErrors.RoleNotFound(member.Key, role, paired.File.Path);
            if (PairedScopeEditor.IsRevoked(token))
            {
                outcome.AlreadyRevoked = true;
                outcome.Steps.Add($"the {role} token was already revoked");
                return false;
            }
            SetScalar(paired.Edit(member), token, "revokedAtMs", context.NowMs);
            outcome.At = context.Now;
            outcome.Steps.Add($"revoked the {role} token");
            return true;
        }

        /// <summary>Sets the operator label (2026.8.1+; the caller checks the release); false when it already was that.</summary>
        public static bool Rename(JsonStoreView paired, string deviceId, string label, PairingEditOutcome outcome)
        {
            var member = paired.Find(deviceId) ?? throw PairingEditErrors.DeviceNotFound(deviceId, paired.File.Path);
            outcome.DeviceId = member.Key;
            var record = JsonRecords.CheckPaired(paired.File, member);
            if (StringOf(record, "operatorLabel") == label)
            {
                outcome.Steps.Add($"the label was already '{label}'");
                return false;
            }
            SetScalar(paired.Edit(member), record, "operatorLabel", label);
            outcome.Steps.Add($"set operatorLabel to '{label}'");
            return true;
        }

        /// <summary>
        /// An unrevoked token is widened in place; a missing or revoked one is replaced by a new one, shaped as the
        /// gateway's approve shapes it (createdAtMs and lastUsedAtMs kept, rotatedAtMs when one existed).
        /// </summary>
        private static void ApproveToken(JsonTextEdits edits, JsonObjectSpan record, string role, IReadOnlyList<string> tokenScopes,
            PairingEditContext context, PairingEditOutcome outcome)
        {
            var tokensMember = record.Find("tokens");
            var tokens = tokensMember?.Value as JsonObjectSpan;
            var tokenMember = tokens?.Find(role);
            if (tokenMember?.Value is JsonObjectSpan existing && !PairedScopeEditor.IsRevoked(existing))
            {
                var added = PairedScopeEditor.AddTokenScopes(edits, existing, tokenScopes);
                if (added.Count > 0) outcome.Steps.Add($"added {string.Join(", ", added)} to the {role} token (its value kept)");
                return;
            }
            var token = NewToken(role, tokenScopes, tokenMember?.Value as JsonObjectSpan, context);
            if (tokenMember != null) edits.ReplaceValue(tokenMember, token);
            else if (tokens != null) edits.InsertMember(tokens, role, token);
            else if (tokensMember != null) edits.ReplaceValue(tokensMember, new NodeObject { { role, token } });
            else edits.InsertMember(record, "tokens", new NodeObject { { role, token } }, record.Find("remoteIp") ?? record.Find("approvedScopes") ?? record.Find("scopes"));
            outcome.TokenMinted = true;
            outcome.Steps.Add(tokenMember != null ? $"replaced the revoked {role} token with a new one" : $"stored a new {role} token");
        }

        private static NodeObject NewRecord(JsonObjectSpan request, string? role, IReadOnlyList<string> scopes, IReadOnlyList<string> tokenScopes, PairingEditContext context)
        {
            var roles = Merge(StringsOf(request, "roles"), new[] { role });
            var tokens = new NodeObject();
            if (role != null) tokens.Add(role, NewToken(role, tokenScopes, null, context));
            return new NodeObject
            {
                { "deviceId", StringOf(request, "deviceId") },
                { "publicKey", StringOf(request, "publicKey") },
                { "displayName", StringOf(request, "displayName") },
                { "platform", StringOf(request, "platform") },
                { "clientId", StringOf(request, "clientId") },
                { "clientMode", StringOf(request, "clientMode") },
                { "role", StringOf(request, "role") },
                { "roles", roles.Count > 0 ? roles : null },
                { "scopes", scopes.Count > 0 ? scopes : null },
                { "approvedScopes", context.CreateApprovedScopes && scopes.Count > 0 ? scopes : null },
                { "remoteIp", StringOf(request, "remoteIp") },
                { "tokens", tokens },
                { "createdAtMs", context.NowMs },
                { "approvedAtMs", context.NowMs },
            };
        }

        private static NodeObject NewToken(string role, IReadOnlyList<string> scopes, JsonObjectSpan? existing, PairingEditContext context) =>
            new NodeObject
            {
                { "token", PairingTokens.NewValue() },
                { "role", role },
                // normalizeDeviceAuthScopes: trimmed, distinct, sorted by UTF-16 code unit.
                { "scopes", Merge(scopes).OrderBy(s => s, StringComparer.Ordinal).ToList() },
                { "createdAtMs", NumberOf(existing, "createdAtMs") ?? (object)context.NowMs },
                { "rotatedAtMs", existing != null ? context.NowMs : (object?)null },
                { "lastUsedAtMs", NumberOf(existing, "lastUsedAtMs") },
            };

        /// <summary>Replaces a scalar member's value, or adds the member after the object's last one (where a JavaScript assignment puts a new key).</summary>
        private static void SetScalar(JsonTextEdits edits, JsonObjectSpan obj, string key, object value)
        {
            var member = obj.Find(key);
            if (member != null) edits.ReplaceValue(member, value);
            else edits.InsertMember(obj, key, value);
        }

        /// <summary>mergeRoles / mergeScopes: trimmed, blanks dropped, first occurrence kept, in order.</summary>
        internal static List<string> Merge(params IEnumerable<string?>?[] lists) =>
            lists.Where(l => l != null).SelectMany(l => l!).Where(s => s != null).Select(s => s!.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        internal static string? StringOf(JsonObjectSpan? obj, string key) =>
            obj?.Value(key) is JsonScalarSpan { Kind: JsonScalarKind.String } s ? s.Text : null;

        private static IEnumerable<string> StringsOf(JsonObjectSpan obj, string key) =>
            obj.Value(key) is JsonArraySpan array ? array.Items.OfType<JsonScalarSpan>().Select(s => s.Text!) : Enumerable.Empty<string>();

        private static RawJson? NumberOf(JsonObjectSpan? obj, string key) =>
            obj?.Value(key) is JsonScalarSpan { Kind: JsonScalarKind.Number } n ? new RawJson(n.Text!) : null;
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
