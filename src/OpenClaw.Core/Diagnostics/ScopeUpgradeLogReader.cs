using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>
    /// Streams the device-upgrade audit lines out of gateway logs, line by line, in either format (JSON-lines or
    /// captured console text, chosen per line, so a file that mixes them is fine). Lines that do not mention a
    /// security audit are passed over without being parsed, which keeps a large file cheap. Audit lines that
    /// cannot be read - a record the gateway is still writing, a line without a time - are reported to
    /// <c>skipped</c> and passed over: logs are append-only and shared, and one bad line must not stop the rest.
    /// 2026.9.6's metadata-upgrade line is passed over too: it is about a changed platform claim, not scopes.
    /// </summary>
    public sealed class ScopeUpgradeLogReader
    {
        private readonly Action<string> _skipped;

        public ScopeUpgradeLogReader(Action<string>? skipped = null)
        {
            _skipped = skipped ?? (_ => { });
        }

        /// <summary>Reads a file that the gateway may be appending to (or rolling) at the same time.</summary>
        public IEnumerable<ScopeUpgradeAuditEntry> ReadFile(string path, CancellationToken cancellation = default)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
            using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            foreach (var entry in Read(reader, path, cancellation)) yield return entry;
        }

        public IEnumerable<ScopeUpgradeAuditEntry> Read(TextReader reader, string source, CancellationToken cancellation = default)
        {
            long number = 0;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                number++;
                cancellation.ThrowIfCancellationRequested();
                if (line.IndexOf(ScopeUpgradeAuditMessage.Marker, StringComparison.Ordinal) < 0) continue;
                var entry = ReadLine(line, source, number);
                if (entry != null) yield return entry;
            }
        }

        /// <summary>The entry for one line, or null (with a note to <c>skipped</c> when the line looked relevant).</summary>
        public ScopeUpgradeAuditEntry? ReadLine(string line, string source, long number)
        {
            var parsed = GatewayLogLine.Parse(line, out var problem);
            if (parsed == null)
            {
                _skipped($"{source}:{number}: skipped, {problem}.");
                return null;
            }
            var kind = ScopeUpgradeAuditMessage.Classify(parsed.Message, out var fields);
            if (kind == ScopeUpgradeAuditKind.None || kind == ScopeUpgradeAuditKind.MetadataUpgrade) return null;

            var deviceId = ScopeUpgradeAuditMessage.Value(fields, "device");
            if (deviceId == null)
            {
                _skipped($"{source}:{number}: skipped, an upgrade audit line without a device id.");
                return null;
            }
            if (parsed.Time == null)
            {
                _skipped($"{source}:{number}: skipped, an upgrade audit line without a time the module can read.");
                return null;
            }

            var live = kind == ScopeUpgradeAuditKind.LiveScopeUpgrade;
            var ip = ScopeUpgradeAuditMessage.Value(fields, "ip");
            return new ScopeUpgradeAuditEntry
            {
                Time = parsed.Time.Value,
                DeviceId = deviceId,
                // The live request has no reason field; the gateway files it for the operator role (2026.9.6 dist).
                Reason = live ? ScopeUpgradeAuditEntry.LiveScopeUpgradeReason : ScopeUpgradeAuditMessage.Value(fields, "reason") ?? "",
                RoleFrom = ScopeUpgradeAuditMessage.List(fields, "roleFrom"),
                RoleTo = live ? "operator" : ScopeUpgradeAuditMessage.Value(fields, "roleTo") ?? "",
                ScopesFrom = ScopeUpgradeAuditMessage.List(fields, "scopesFrom"),
                ScopesTo = ScopeUpgradeAuditMessage.List(fields, "scopesTo"),
                RemoteIp = ip == "unknown-ip" ? null : ip,
                Auth = ScopeUpgradeAuditMessage.Value(fields, "auth"),
                Client = ScopeUpgradeAuditMessage.Value(fields, "client"),
                ConnectionId = ScopeUpgradeAuditMessage.Value(fields, "conn"),
                // Every release logs these lines with warn; a console line without colours does not say so itself.
                Level = parsed.Level ?? "WARN",
                Format = parsed.Format,
                LogFile = source,
                LineNumber = number,
            };
        }
    }
}
