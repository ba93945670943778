using System;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell
{
    /// <summary>A device paired with a gateway, as Get-OpenClawDevice returns it. Token values are never part of it.</summary>
    public sealed class OpenClawDevice
    {
        internal OpenClawDevice(PairedDevice device, OpenClawDeviceRequest[] pending, bool isCurrentIdentity, OpenClawOrigin origin, GatewayRelease release)
            : this(device, pending, isCurrentIdentity, origin, release, release.Name)
        {
        }

        /// <summary>A device rebuilt from a deserialized one, whose recorded release may not be one the module can judge by.</summary>
        internal OpenClawDevice(PairedDevice device, OpenClawDeviceRequest[] pending, bool isCurrentIdentity, OpenClawOrigin origin,
            GatewayRelease? release, string? releaseName)
        {
            DeviceId = device.DeviceId;
            DisplayName = device.DisplayName;
            Platform = device.Platform;
            ClientId = device.ClientId;
            ClientMode = device.ClientMode;
            Roles = device.AllRoles.ToArray();
            Role = device.Role ?? (Roles.Length > 0 ? Roles[0] : null);
            Scopes = device.Scopes.ToArray();
            Tokens = new OpenClawDeviceToken[device.Tokens.Count];
            for (var i = 0; i < Tokens.Length; i++) Tokens[i] = new OpenClawDeviceToken(device.Tokens[i]);
            PendingRequests = pending;
            RemoteIp = device.RemoteIp;
            CreatedAt = device.CreatedAt;
            ApprovedAt = device.ApprovedAt;
            LastUsedAt = device.LastUsedAt;
            IsCurrentIdentity = isCurrentIdentity;
            Origin = origin;
            GatewayRelease = releaseName ?? "unknown";
            Paired = device;
            Release = release;
        }

        public string DeviceId { get; }

        /// <summary>The first 12 characters of the id, as shown in tables; accepted wherever an id is.</summary>
        public string ShortId => DeviceId.Length > 12 ? DeviceId.Substring(0, 12) : DeviceId;

        /// <summary>The display name, or the client id when the device sent no name.</summary>
        public string Name => string.IsNullOrEmpty(DisplayName) ? ClientId ?? ShortId : DisplayName!;

        public string? DisplayName { get; }
        public string? Platform { get; }
        public string? ClientId { get; }
        public string? ClientMode { get; }

        /// <summary>The primary role; piping a device to Update-OpenClawDeviceScope binds it.</summary>
        public string? Role { get; }

        public string[] Roles { get; }

        /// <summary>The device's approved scopes (what the connect-time pairing check reads).</summary>
        public string[] Scopes { get; }

        public OpenClawDeviceToken[] Tokens { get; }

        /// <summary>The device's pending pairing or repair requests.</summary>
        public OpenClawDeviceRequest[] PendingRequests { get; }

        public string? RemoteIp { get; }
        public DateTimeOffset? CreatedAt { get; }
        public DateTimeOffset? ApprovedAt { get; }

        /// <summary>The latest use of any of its tokens, or when the gateway last saw it.</summary>
        public DateTimeOffset? LastUsedAt { get; }

        /// <summary>True for the identity this module signs with (the OpenClaw CLI's, or the module's own).</summary>
        public bool IsCurrentIdentity { get; }

        /// <summary>Where it was read: the gateway (URL, connection) or offline folder; commands given it act there.</summary>
        public OpenClawOrigin Origin { get; }

        /// <summary>The gateway's URL, or the offline state folder as a file: URI.</summary>
        public Uri? GatewayUrl => Origin.Address;

        /// <summary>The gateway release the device was read from, e.g. 2026.2.19.</summary>
        public string GatewayRelease { get; }

        internal PairedDevice Paired { get; }

        /// <summary>The rules to judge it by; null for a deserialized device whose recorded release is not one the module knows.</summary>
        internal GatewayRelease? Release { get; }

        public override string ToString() => $"{Name} ({ShortId})";
    }

    /// <summary>One role's device token: scopes and times, never the value.</summary>
    public sealed class OpenClawDeviceToken
    {
        internal OpenClawDeviceToken(DeviceTokenInfo token)
        {
            Role = token.Role;
            Scopes = token.Scopes.ToArray();
            CreatedAt = token.CreatedAt;
            RotatedAt = token.RotatedAt;
            RevokedAt = token.RevokedAt;
            LastUsedAt = token.LastUsedAt;
        }

        public string Role { get; }
        public string[] Scopes { get; }
        public DateTimeOffset? CreatedAt { get; }
        public DateTimeOffset? RotatedAt { get; }
        public DateTimeOffset? RevokedAt { get; }
        public DateTimeOffset? LastUsedAt { get; }
        public bool IsRevoked => RevokedAt.HasValue;

        public override string ToString() => $"{Role} [{string.Join(", ", Scopes)}]{(IsRevoked ? " revoked" : "")}";
    }
}
