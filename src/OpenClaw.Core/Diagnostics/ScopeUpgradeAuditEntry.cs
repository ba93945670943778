using System;
using System.Collections.Generic;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>
    /// One device-upgrade audit line from a gateway log: a device asked for a role or scopes its pairing does not
    /// grant, the gateway refused the connect with "pairing required" and filed a repair request.
    /// </summary>
    public sealed class ScopeUpgradeAuditEntry
    {
        /// <summary>The reason the gateway gives for a live upgrade request, which its line does not carry.</summary>
        public const string LiveScopeUpgradeReason = "live-scope-upgrade";

        public DateTimeOffset Time { get; set; }

        /// <summary>Lower-case hex SHA-256 of the device's public key, as the log writes it.</summary>
        public string DeviceId { get; set; } = "";

        /// <summary>scope-upgrade or role-upgrade, as logged; live-scope-upgrade for 2026.9.6's live request.</summary>
        public string Reason { get; set; } = "";

        /// <summary>The roles the device held (a list in the log; empty when it held none or the line does not say).</summary>
        public IReadOnlyList<string> RoleFrom { get; set; } = Array.Empty<string>();

        /// <summary>The role the connect asked for.</summary>
        public string RoleTo { get; set; } = "";

        public IReadOnlyList<string> ScopesFrom { get; set; } = Array.Empty<string>();

        /// <summary>The scopes the connect asked for (only those, not the union with what the device holds).</summary>
        public IReadOnlyList<string> ScopesTo { get; set; } = Array.Empty<string>();

        /// <summary>The client's address; null when the gateway logged "unknown-ip" (a loopback client) or nothing.</summary>
        public string? RemoteIp { get; set; }

        /// <summary>How the connect authenticated (token, password, device-token, …).</summary>
        public string? Auth { get; set; }

        /// <summary>The client id the connect presented (cli, gateway-client, …).</summary>
        public string? Client { get; set; }

        /// <summary>The gateway's connection id: the same connect logged to stdout and to the JSON file shares it.</summary>
        public string? ConnectionId { get; set; }

        /// <summary>WARN for every release so far; taken from the record, or from the colour of a console line.</summary>
        public string? Level { get; set; }

        public GatewayLogFormat Format { get; set; }

        public string LogFile { get; set; } = "";

        /// <summary>1-based line number in <see cref="LogFile"/>.</summary>
        public long LineNumber { get; set; }
    }
}
