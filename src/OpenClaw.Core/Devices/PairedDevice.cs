using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Devices
{
    /// <summary>
    /// A paired device as <c>device.pair.list</c> reports it (2026.2.x and 2026.9.x share the shape). Token values
    /// are never part of it: the gateway sends per-role summaries only.
    /// </summary>
    public sealed class PairedDevice
    {
        public string DeviceId { get; set; } = "";
        public string? PublicKey { get; set; }

        /// <summary>
        /// The name people see: the operator's label (device.pair.rename, 2026.8.1+, listed as operatorLabel) when one
        /// was set, else the display name the client sent when it paired.
        /// </summary>
        public string? DisplayName { get; set; }

        /// <summary>The label an operator gave the device with device.pair.rename (2026.8.1+); null when none.</summary>
        public string? Label { get; set; }

        public string? Platform { get; set; }
        public string? ClientId { get; set; }
        public string? ClientMode { get; set; }
        public string? Role { get; set; }
        public IReadOnlyList<string> Roles { get; set; } = Array.Empty<string>();

        /// <summary>The device-level approved scopes, which the connect-time pairing check reads.</summary>
        public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();

        /// <summary>2026.2.21+ only, and stripped from RPC answers; known from state files (offline) only.</summary>
        public IReadOnlyList<string>? ApprovedScopes { get; set; }

        public IReadOnlyList<DeviceTokenInfo> Tokens { get; set; } = Array.Empty<DeviceTokenInfo>();
        public string? RemoteIp { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? ApprovedAt { get; set; }

        /// <summary>2026.9.x reports when the device last connected.</summary>
        public DateTimeOffset? LastSeenAt { get; set; }

        /// <summary>Every role the device holds or has a token for, in that order, each once.</summary>
        public IEnumerable<string> AllRoles
        {
            get
            {
                var roles = new List<string>(Roles.Count + Tokens.Count + 1);
                foreach (var role in Roles) AddRole(roles, role);
                foreach (var token in Tokens) AddRole(roles, token.Role);
                AddRole(roles, Role);
                return roles;
            }
        }

        private static void AddRole(List<string> roles, string? role)
        {
            if (!string.IsNullOrEmpty(role) && !roles.Contains(role!)) roles.Add(role!);
        }

        public DeviceTokenInfo? TokenFor(string role) => Tokens.FirstOrDefault(t => t.Role == role);

        /// <summary>The latest use of any of its tokens, or when it was last seen.</summary>
        public DateTimeOffset? LastUsedAt
        {
            get
            {
                var latest = LastSeenAt;
                foreach (var token in Tokens)
                {
                    if (token.LastUsedAt is { } used && (latest == null || used > latest)) latest = used;
                }
                return latest;
            }
        }

        /// <summary>A device as the online list or a JSON store record gives it (<see cref="PairedDeviceFields"/>).</summary>
        public static PairedDevice FromJson(JObject json)
        {
            using var reader = new JTokenReader(json);
            return PairedDeviceFields.Build(reader, RepeatedStrings.None);
        }
    }

    /// <summary>A summary of one role's device token: its scopes and times, never its value.</summary>
    public sealed class DeviceTokenInfo
    {
        public string Role { get; set; } = "";
        public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? RotatedAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }
        public DateTimeOffset? LastUsedAt { get; set; }
        public bool IsRevoked => RevokedAt.HasValue;

        public override string ToString() => $"{Role} [{string.Join(",", Scopes)}]{(IsRevoked ? " (revoked)" : "")}";
    }

    internal static class Time
    {
        public static DateTimeOffset? FromMs(JToken? value) =>
            value is JValue number && (number.Type == JTokenType.Integer || number.Type == JTokenType.Float)
                ? DeviceJsonValues.Time(number.Value)
                : null;
    }
}
