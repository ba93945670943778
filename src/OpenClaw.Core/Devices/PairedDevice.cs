using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Protocol;

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
        /// The name people see: the operator's label (device.pair.rename, 2026.7+, listed as operatorLabel) when one
        /// was set, else the display name the client sent when it paired.
        /// </summary>
        public string? DisplayName { get; set; }

        /// <summary>The label an operator gave the device with device.pair.rename (2026.7+); null when none.</summary>
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

        /// <summary>Every role the device holds or has a token for.</summary>
        public IEnumerable<string> AllRoles =>
            Roles.Concat(Tokens.Select(t => t.Role)).Concat(Role != null ? new[] { Role } : Array.Empty<string>())
                .Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal);

        public DeviceTokenInfo? TokenFor(string role) => Tokens.FirstOrDefault(t => t.Role == role);

        /// <summary>The latest use of any of its tokens, or when it was last seen.</summary>
        public DateTimeOffset? LastUsedAt =>
            Tokens.Select(t => t.LastUsedAt).Concat(new[] { LastSeenAt }).Where(t => t.HasValue).Max();

        public static PairedDevice FromJson(JObject json) => new PairedDevice
        {
            DeviceId = (string?)json["deviceId"] ?? "",
            PublicKey = (string?)json["publicKey"],
            DisplayName = (string?)json["operatorLabel"] ?? (string?)json["displayName"],
            Label = (string?)json["operatorLabel"],
            Platform = (string?)json["platform"],
            ClientId = (string?)json["clientId"],
            ClientMode = (string?)json["clientMode"],
            Role = (string?)json["role"],
            Roles = HelloOk.Strings(json["roles"]).ToList(),
            Scopes = HelloOk.Strings(json["scopes"]).ToList(),
            ApprovedScopes = json["approvedScopes"] is JArray approved ? HelloOk.Strings(approved).ToList() : null,
            Tokens = ReadTokens(json["tokens"]),
            RemoteIp = (string?)json["remoteIp"],
            CreatedAt = Time.FromMs(json["createdAtMs"]),
            ApprovedAt = Time.FromMs(json["approvedAtMs"]),
            LastSeenAt = Time.FromMs(json["lastSeenAtMs"]),
        };

        /// <summary>The list answer has an array of summaries; a state file has an object keyed by role.</summary>
        private static IReadOnlyList<DeviceTokenInfo> ReadTokens(JToken? tokens) => tokens switch
        {
            JArray array => array.OfType<JObject>().Select(t => DeviceTokenInfo.FromJson(t, null)).ToList(),
            JObject byRole => byRole.Properties().Where(p => p.Value is JObject)
                .Select(p => DeviceTokenInfo.FromJson((JObject)p.Value, p.Name)).ToList(),
            _ => Array.Empty<DeviceTokenInfo>(),
        };
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

        public static DeviceTokenInfo FromJson(JObject json, string? roleKey) => new DeviceTokenInfo
        {
            Role = (string?)json["role"] ?? roleKey ?? "",
            Scopes = HelloOk.Strings(json["scopes"]).ToList(),
            CreatedAt = Time.FromMs(json["createdAtMs"]),
            RotatedAt = Time.FromMs(json["rotatedAtMs"]),
            RevokedAt = Time.FromMs(json["revokedAtMs"]),
            LastUsedAt = Time.FromMs(json["lastUsedAtMs"]),
        };

        public override string ToString() => $"{Role} [{string.Join(",", Scopes)}]{(IsRevoked ? " (revoked)" : "")}";
    }

    internal static class Time
    {
        public static DateTimeOffset? FromMs(JToken? value) =>
            value != null && (value.Type == JTokenType.Integer || value.Type == JTokenType.Float)
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)value)
                : (DateTimeOffset?)null;
    }
}
