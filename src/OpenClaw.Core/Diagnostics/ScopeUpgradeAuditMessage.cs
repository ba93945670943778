using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>Which audit line a message is.</summary>
    public enum ScopeUpgradeAuditKind
    {
        /// <summary>Not one of the audit lines below.</summary>
        None,

        /// <summary>
        /// "security audit: device access upgrade requested reason=scope-upgrade|role-upgrade device=… ip=… auth=…
        /// roleFrom=… roleTo=… scopesFrom=… scopesTo=… client=… conn=…" (2026.2.19, 2026.2.21, 2026.9.6): a connect
        /// was refused with "pairing required" and a repair request was filed. This is the re-pair loop's trace.
        /// </summary>
        AccessUpgrade,

        /// <summary>
        /// "security audit: live device scope upgrade requested device=… scopesFrom=… scopesTo=…" (2026.9.6): a
        /// connected operator device asked for more scopes through device.scopes.requestUpgrade.
        /// </summary>
        LiveScopeUpgrade,

        /// <summary>
        /// "security audit: device metadata upgrade requested reason=metadata-upgrade …" (2026.9.6): the client
        /// claimed another platform or device family than the one pinned at pairing. Not a scope problem.
        /// </summary>
        MetadataUpgrade,
    }

    /// <summary>Reads the fields of the gateway's device-upgrade audit messages (the text after the log prefix).</summary>
    public static class ScopeUpgradeAuditMessage
    {
        public const string Marker = "security audit: ";

        private const string AccessPrefix = "security audit: device access upgrade requested";
        private const string LivePrefix = "security audit: live device scope upgrade requested";
        private const string MetadataPrefix = "security audit: device metadata upgrade requested";

        /// <summary>Which audit line the message is, and its key=value fields (values never contain spaces).</summary>
        public static ScopeUpgradeAuditKind Classify(string message, out IReadOnlyDictionary<string, string> fields)
        {
            var kind = KindOf(message, out var rest);
            fields = kind == ScopeUpgradeAuditKind.None ? new Dictionary<string, string>() : Fields(rest);
            return kind;
        }

        /// <summary>
        /// A field that lists roles or scopes: the gateway sorts, de-duplicates and comma-joins them, writing
        /// "&lt;none&gt;" for an empty list (the live upgrade line writes an empty value instead).
        /// </summary>
        public static IReadOnlyList<string> List(IReadOnlyDictionary<string, string> fields, string key)
        {
            if (!fields.TryGetValue(key, out var value) || value.Length == 0 || value == "<none>") return Array.Empty<string>();
            return value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        }

        public static string? Value(IReadOnlyDictionary<string, string> fields, string key) =>
            fields.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        private static ScopeUpgradeAuditKind KindOf(string message, out string rest)
        {
            var at = message.IndexOf(Marker, StringComparison.Ordinal);
            rest = "";
            if (at < 0) return ScopeUpgradeAuditKind.None;
            var text = message.Substring(at);
            foreach (var (prefix, kind) in new[]
                     {
                         (AccessPrefix, ScopeUpgradeAuditKind.AccessUpgrade),
                         (LivePrefix, ScopeUpgradeAuditKind.LiveScopeUpgrade),
                         (MetadataPrefix, ScopeUpgradeAuditKind.MetadataUpgrade),
                     })
            {
                if (!text.StartsWith(prefix, StringComparison.Ordinal)) continue;
                if (text.Length > prefix.Length && text[prefix.Length] != ' ') continue;
                rest = text.Substring(prefix.Length);
                return kind;
            }
            return ScopeUpgradeAuditKind.None;
        }

        private static Dictionary<string, string> Fields(string text)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = token.IndexOf('=');
                if (equals <= 0) continue;
                var key = token.Substring(0, equals);
                // The first occurrence wins: later releases append fields, they do not repeat them.
                if (!fields.ContainsKey(key)) fields[key] = token.Substring(equals + 1);
            }
            return fields;
        }
    }
}
