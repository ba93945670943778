using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Protocol;

namespace OpenClaw.Core.Devices
{
    /// <summary>
    /// A pending pairing request. For a paired device (<see cref="IsRepair"/>) it is the scope-upgrade request that
    /// the "pairing required" loop creates; its <see cref="Scopes"/> are only what that one connect asked for.
    /// </summary>
    public sealed class PendingDeviceRequest
    {
        /// <summary>OpenClaw prunes requests older than this (PENDING_TTL_MS, 2026.2.x and 2026.9.x).</summary>
        public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

        public string RequestId { get; set; } = "";
        public string DeviceId { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Platform { get; set; }
        public string? ClientId { get; set; }
        public string? ClientMode { get; set; }
        public string? Role { get; set; }
        public IReadOnlyList<string> Roles { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();
        public bool IsRepair { get; set; }
        public bool Silent { get; set; }
        public DateTimeOffset? RequestedAt { get; set; }

        /// <summary>When the device asked again with the same request (refreshedAtMs, 2026.7+); its five minutes count from then.</summary>
        public DateTimeOffset? RefreshedAt { get; set; }

        /// <summary>Set only for a connect the gateway did not treat as local (it omits loopback addresses).</summary>
        public string? RemoteIp { get; set; }

        /// <summary>When the gateway prunes the request; the end of time for one stamped within five minutes of it.</summary>
        public DateTimeOffset? ExpiresAt => (RefreshedAt ?? RequestedAt) is { } since ? DeviceJsonValues.Later(since, TimeToLive) : (DateTimeOffset?)null;

        /// <summary>
        /// Whether the gateway prunes a request when it loads the store: <c>now - (refreshedAtMs ?? ts) &gt; 5 min</c>,
        /// compared as numbers (2026.7 on; before it, <c>now - ts</c>, and no earlier store holds refreshedAtMs).
        /// The caller passes the numbers as JavaScript would use them there: null for a refreshedAtMs that is absent
        /// or null, 0 for a ts that is null, and null for an absent ts, which makes the difference NaN and keeps the
        /// request. A request exactly five minutes old is kept.
        /// </summary>
        public static bool IsPruned(double? refreshedAtMs, double? ts, DateTimeOffset now) =>
            (refreshedAtMs ?? ts) is { } since && now.ToUnixTimeMilliseconds() - since > TimeToLive.TotalMilliseconds;

        public static PendingDeviceRequest FromJson(JObject json) => new PendingDeviceRequest
        {
            RequestId = (string?)json["requestId"] ?? "",
            DeviceId = (string?)json["deviceId"] ?? "",
            DisplayName = (string?)json["displayName"],
            Platform = (string?)json["platform"],
            ClientId = (string?)json["clientId"],
            ClientMode = (string?)json["clientMode"],
            Role = (string?)json["role"],
            Roles = HelloOk.Strings(json["roles"]).ToList(),
            Scopes = HelloOk.Strings(json["scopes"]).ToList(),
            IsRepair = (bool?)json["isRepair"] ?? false,
            Silent = (bool?)json["silent"] ?? false,
            RequestedAt = Time.FromMs(json["ts"]),
            RefreshedAt = Time.FromMs(json["refreshedAtMs"]),
            RemoteIp = (string?)json["remoteIp"],
        };

        public bool IsFor(string role) => Role == role || Roles.Contains(role);
    }
}
