using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>What one grant changed in paired.json, for the change record.</summary>
    internal sealed class GrantEffect
    {
        public GrantEffect(OfflineScopeGrant grant)
        {
            Grant = grant;
        }

        public OfflineScopeGrant Grant { get; }
        public bool DeviceFound { get; set; }
        public List<string> AddedToScopes { get; } = new List<string>();
        public List<string> AddedToApprovedScopes { get; } = new List<string>();
        public bool ApprovedScopesCreated { get; set; }
        public List<string> AddedToToken { get; } = new List<string>();
    }

    /// <summary>
    /// Adds granted scopes to paired.json records without touching any token value: to the device's
    /// <c>scopes</c> (what the connect-time pairing check reads on 2026.2.x), to <c>approvedScopes</c> (the
    /// 2026.2.21 rotate baseline, and what 2026.9 prefers at connect) where the record has it or the release has
    /// the field, and to <c>tokens[role].scopes</c>, so a client that authenticates with its existing device token
    /// is not refused with "device token mismatch" and the gateway has no reason to re-mint it (facts §1.6, §3.6).
    /// </summary>
    internal static class PairedScopeEditor
    {
        /// <param name="createApprovedScopes">Create approvedScopes where a record lacks it (2026.2.21+ stores).</param>
        public static (string Text, IReadOnlyList<GrantEffect> Effects) Apply(JsonStoreFile file, IReadOnlyList<OfflineScopeGrant> grants, bool createApprovedScopes)
        {
            var edits = new JsonTextEdits(file);
            var effects = new List<GrantEffect>();
            // One device may get grants for several roles; its device-level arrays are edited once, with the union.
            foreach (var byDevice in grants.GroupBy(g => Key(file, g.DeviceId) ?? g.DeviceId, StringComparer.Ordinal))
            {
                var deviceEffects = byDevice.Select(g => new GrantEffect(g)).ToList();
                effects.AddRange(deviceEffects);
                var member = file.Root.Find(byDevice.Key);
                if (member == null) continue;
                deviceEffects.ForEach(e => e.DeviceFound = true);
                var record = JsonRecords.CheckPaired(file, member);
                var wanted = byDevice.SelectMany(g => g.Scopes).Distinct(StringComparer.Ordinal).ToList();
                AddDeviceScopes(edits, record, wanted, createApprovedScopes, deviceEffects[0]);
                foreach (var effect in deviceEffects) EditToken(edits, record, effect);
            }
            return (edits.IsEmpty ? file.Text : edits.Apply(), effects);
        }

        /// <summary>
        /// Adds scopes to a record's <c>scopes</c>, and to <c>approvedScopes</c> where it has one or where
        /// <paramref name="createApprovedScopes"/> says the release keeps one (also used by an offline approve).
        /// </summary>
        internal static void AddDeviceScopes(JsonTextEdits edits, JsonObjectSpan record, IReadOnlyList<string> wanted, bool createApprovedScopes, GrantEffect effect)
        {
            var scopesMember = record.Find("scopes");
            var current = Strings(scopesMember?.Value);
            var addToDevice = wanted.Where(s => !current.Contains(s)).ToList();
            if (scopesMember == null)
            {
                // Pre-2026.2.21 records can lack scopes (upstream #21447 backfills them on reconnect).
                edits.InsertMember(record, "scopes", addToDevice, record.Find("roles") ?? record.Find("role"));
            }
            else if (scopesMember.Value is JsonArraySpan scopesArray) edits.Append(scopesArray, scopesMember, addToDevice);
            else edits.ReplaceValue(scopesMember, addToDevice);
            effect.AddedToScopes.AddRange(addToDevice);

            var approvedMember = record.Find("approvedScopes");
            if (approvedMember?.Value is JsonArraySpan approvedArray)
            {
                var approved = Strings(approvedArray);
                var addToApproved = wanted.Where(s => !approved.Contains(s)).ToList();
                edits.Append(approvedArray, approvedMember, addToApproved);
                effect.AddedToApprovedScopes.AddRange(addToApproved);
            }
            else if (createApprovedScopes && scopesMember != null && addToDevice.Count > 0)
            {
                // Absent means "the same as scopes" to the gateway (approvedScopes ?? scopes), so the new
                // baseline is the whole new device set, not only what was added.
                var baseline = current.Concat(addToDevice).ToList();
                if (approvedMember == null) edits.InsertMember(record, "approvedScopes", baseline, scopesMember);
                else edits.ReplaceValue(approvedMember, baseline);
                effect.ApprovedScopesCreated = true;
                effect.AddedToApprovedScopes.AddRange(baseline);
            }
        }

        private static void EditToken(JsonTextEdits edits, JsonObjectSpan record, GrantEffect effect)
        {
            if (record.Value("tokens") is not JsonObjectSpan tokens) return;
            var tokenMember = tokens.Find(effect.Grant.Role);
            if (tokenMember?.Value is not JsonObjectSpan token) return;
            // A revoked token stays revoked: widening it would not bring it back, and the planner refuses such devices.
            if (IsRevoked(token)) return;
            effect.AddedToToken.AddRange(AddTokenScopes(edits, token, effect.Grant.Scopes));
        }

        internal static bool IsRevoked(JsonObjectSpan token) => token.Value("revokedAtMs") is JsonScalarSpan { Kind: JsonScalarKind.Number };

        /// <summary>Adds scopes to a token object's <c>scopes</c>, leaving its value and everything else as it was; returns those added.</summary>
        internal static IReadOnlyList<string> AddTokenScopes(JsonTextEdits edits, JsonObjectSpan token, IReadOnlyList<string> scopes)
        {
            var scopesMember = token.Find("scopes");
            var current = Strings(scopesMember?.Value);
            var add = scopes.Distinct(StringComparer.Ordinal).Where(s => !current.Contains(s)).ToList();
            if (add.Count == 0) return add;
            if (scopesMember?.Value is JsonArraySpan array) edits.Append(array, scopesMember, add);
            else if (scopesMember != null) edits.ReplaceValue(scopesMember, add);
            else edits.InsertMember(token, "scopes", add, token.Find("role"));
            return add;
        }

        /// <summary>The key OpenClaw stores the device under: the id as given, else a case-insensitive match.</summary>
        internal static string? Key(JsonStoreFile file, string deviceId)
        {
            if (file.Root.Find(deviceId) != null) return deviceId;
            var matches = file.Root.Members.Where(m => string.Equals(m.Key, deviceId, StringComparison.OrdinalIgnoreCase)).Select(m => m.Key).Distinct().ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        internal static HashSet<string> Strings(JsonSpan? span) =>
            span is JsonArraySpan array
                ? new HashSet<string>(array.Items.OfType<JsonScalarSpan>().Select(s => s.Text!), StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
    }
}
