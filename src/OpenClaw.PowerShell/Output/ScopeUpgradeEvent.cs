using System;
using System.Globalization;
using System.Linq;
using OpenClaw.Core.Diagnostics;

namespace OpenClaw.PowerShell
{
    /// <summary>
    /// One "security audit: device access upgrade requested" line from a gateway log: a device asked for scopes or a
    /// role its pairing does not grant and was refused with "pairing required". DeviceId and Role bind by property
    /// name to Test-OpenClawDeviceScope and Update-OpenClawDeviceScope.
    /// </summary>
    public sealed class ScopeUpgradeEvent
    {
        internal ScopeUpgradeEvent(ScopeUpgradeAuditEntry entry, int occurrences, DateTimeOffset firstTime)
        {
            Time = entry.Time;
            DeviceId = entry.DeviceId;
            Client = entry.Client;
            Reason = entry.Reason;
            RoleFrom = entry.RoleFrom.ToArray();
            RoleTo = entry.RoleTo;
            ScopesFrom = entry.ScopesFrom.ToArray();
            ScopesTo = entry.ScopesTo.ToArray();
            RemoteIp = entry.RemoteIp;
            Auth = entry.Auth;
            ConnectionId = entry.ConnectionId;
            Level = entry.Level;
            LogFormat = entry.Format.ToString();
            LogFile = entry.LogFile;
            LineNumber = entry.LineNumber;
            Occurrences = occurrences;
            FirstTime = firstTime;
        }

        internal ScopeUpgradeEvent(ScopeUpgradeAuditEntry entry)
            : this(entry, 1, entry.Time)
        {
        }

        /// <summary>When the gateway refused the connect (the log's own time, with its offset).</summary>
        public DateTimeOffset Time { get; }

        public string DeviceId { get; }

        /// <summary>The first 12 characters of the id, as the device tables show it.</summary>
        public string ShortId => DeviceId.Length > 12 ? DeviceId.Substring(0, 12) : DeviceId;

        /// <summary>The client id of the refused connect: cli, gateway-client, …</summary>
        public string? Client { get; }

        /// <summary>scope-upgrade or role-upgrade; live-scope-upgrade for 2026.9.6's device.scopes.requestUpgrade.</summary>
        public string Reason { get; }

        /// <summary>The roles the device held.</summary>
        public string[] RoleFrom { get; }

        /// <summary>The role the connect asked for.</summary>
        public string RoleTo { get; }

        /// <summary>The role to judge or repair (the one the connect asked for); binds -Role by property name.</summary>
        public string Role => RoleTo;

        /// <summary>The scopes the device held (empty where the log wrote &lt;none&gt;).</summary>
        public string[] ScopesFrom { get; }

        /// <summary>The scopes the connect asked for: only those, not what the device already holds.</summary>
        public string[] ScopesTo { get; }

        /// <summary>The client's address; empty where the gateway logged unknown-ip (a loopback client).</summary>
        public string? RemoteIp { get; }

        /// <summary>How the connect authenticated: token, password, device-token, …</summary>
        public string? Auth { get; }

        /// <summary>The gateway's id for the connection; one connect logged to stdout and to the JSON file shares it.</summary>
        public string? ConnectionId { get; }

        /// <summary>The log level, WARN for every release so far.</summary>
        public string? Level { get; }

        /// <summary>Json (the daily JSON-lines file) or Text (captured console output).</summary>
        public string LogFormat { get; }

        public string LogFile { get; }

        public long LineNumber { get; }

        /// <summary>Where the line is: file:line.</summary>
        public string Source => LogFile + ":" + LineNumber.ToString(CultureInfo.InvariantCulture);

        /// <summary>With -Unique, how many distinct connects made this request; otherwise 1.</summary>
        public int Occurrences { get; }

        /// <summary>With -Unique, when the first of those connects was refused; otherwise Time.</summary>
        public DateTimeOffset FirstTime { get; }

        public override string ToString() =>
            $"{ShortId} {Client} {Reason} {RoleTo} [{string.Join(", ", ScopesTo)}] at {Time.ToString("o", CultureInfo.InvariantCulture)}";
    }
}
