using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

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
        public static IReadOnlyList<GrantEffect> Apply(JsonStoreDocument paired, IReadOnlyList<OfflineScopeGrant> grants, bool createApprovedScopes)
        {
            var effects = new List<GrantEffect>();
            // One device may get grants for several roles; its device-level arrays are edited once, with the union.
            foreach (var byDevice in grants.GroupBy(g => paired.Find(g.DeviceId)?.Name ?? g.DeviceId, StringComparer.Ordinal))
            {
                var deviceEffects = byDevice.Select(g => new GrantEffect(g)).ToList();
                effects.AddRange(deviceEffects);
                var member = paired.Find(byDevice.Key);
                if (member == null) continue;
                deviceEffects.ForEach(e => e.DeviceFound = true);
                var record = JsonRecords.CheckPaired(paired.Path, member);
                var wanted = byDevice.SelectMany(g => g.Scopes).Distinct(StringComparer.Ordinal).ToList();
                AddDeviceScopes(paired, record, wanted, createApprovedScopes, deviceEffects[0]);
                foreach (var effect in deviceEffects) EditToken(paired, record, effect);
            }
            return effects;
        }

        /// <summary>
        /// Adds scopes to a record's <c>scopes</c>, and to <c>approvedScopes</c> where it has one or where
        /// <paramref name="createApprovedScopes"/> says the release keeps one (also used by an offline approve).
        /// </summary>
        internal static void AddDeviceScopes(JsonStoreDocument paired, JObject record, IReadOnlyList<string> wanted, bool createApprovedScopes, GrantEffect effect)
        {
            var scopesMember = record.Property("scopes", StringComparison.Ordinal);
            var current = StringItems(scopesMember?.Value);
            var addToDevice = wanted.Where(s => !current.Contains(s)).ToList();
            if (scopesMember?.Value is JArray scopes) paired.Append(scopes, addToDevice);
            // Pre-2026.2.21 records can lack scopes (upstream #21447 backfills them on reconnect).
            else paired.Set(record, "scopes", new JArray(addToDevice), record.Property("roles", StringComparison.Ordinal) ?? record.Property("role", StringComparison.Ordinal));
            effect.AddedToScopes.AddRange(addToDevice);

            var approvedMember = record.Property("approvedScopes", StringComparison.Ordinal);
            if (approvedMember?.Value is JArray approved)
            {
                var present = StringItems(approved);
                var addToApproved = wanted.Where(s => !present.Contains(s)).ToList();
                paired.Append(approved, addToApproved);
                effect.AddedToApprovedScopes.AddRange(addToApproved);
            }
            else if (createApprovedScopes && scopesMember != null && addToDevice.Count > 0)
            {
                // Absent means "the same as scopes" to the gateway (approvedScopes ?? scopes), so the new
                // baseline is the whole new device set, not only what was added.
                var baseline = current.Concat(addToDevice).ToList();
                paired.Set(record, "approvedScopes", new JArray(baseline), scopesMember);
                effect.ApprovedScopesCreated = true;
                effect.AddedToApprovedScopes.AddRange(baseline);
            }
        }

        private static void EditToken(JsonStoreDocument paired, JObject record, GrantEffect effect)
        {
            if (record["tokens"] is not JObject tokens) return;
            if (tokens.Property(effect.Grant.Role, StringComparison.Ordinal)?.Value is not JObject token) return;
            // A revoked token stays revoked: widening it would not bring it back, and the planner refuses such devices.
            if (JsonRecords.IsRevoked(token)) return;
            effect.AddedToToken.AddRange(AddTokenScopes(paired, token, effect.Grant.Scopes));
        }

        /// <summary>Adds scopes to a token object's <c>scopes</c>, leaving its value and everything else as it was; returns those added.</summary>
        internal static IReadOnlyList<string> AddTokenScopes(JsonStoreDocument paired, JObject token, IReadOnlyList<string> scopes)
        {
            var scopesMember = token.Property("scopes", StringComparison.Ordinal);
            var current = StringItems(scopesMember?.Value);
            var add = scopes.Distinct(StringComparer.Ordinal).Where(s => !current.Contains(s)).ToList();
            if (add.Count == 0) return add;
            if (scopesMember?.Value is JArray array) paired.Append(array, add);
            else paired.Set(token, "scopes", new JArray(add), token.Property("role", StringComparison.Ordinal));
            return add;
        }

        /// <summary>The strings of a list value in their order; empty when it is absent or null.</summary>
        internal static List<string> StringItems(JToken? value) =>
            value is JArray array ? array.Where(i => i.Type == JTokenType.String).Select(i => (string)i!).ToList() : new List<string>();
    }
}
