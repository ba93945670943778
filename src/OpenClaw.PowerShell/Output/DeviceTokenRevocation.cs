using System;
using OpenClaw.Core.Lifecycle;

namespace OpenClaw.PowerShell
{
    /// <summary>What Revoke-OpenClawDeviceToken -PassThru did to one device's role token. No token values.</summary>
    public sealed class DeviceTokenRevocation
    {
        internal DeviceTokenRevocation(RevocationOutcome outcome, OpenClawOrigin origin, string gatewayRelease)
            : this(outcome.Device.DeviceId, DeviceNames.Plain(outcome.Device), outcome.Role,
                outcome.Error != null ? "Failed" : "Revoked", outcome.RevokedAt, outcome.Verified, outcome.IsActingIdentity, origin, gatewayRelease)
        {
            Error = outcome.Error?.Message;
        }

        internal DeviceTokenRevocation(string deviceId, string name, string role, string status, DateTimeOffset? revokedAt, bool verified,
            bool isCurrentIdentity, OpenClawOrigin origin, string gatewayRelease)
        {
            DeviceId = deviceId;
            Name = name;
            Role = role;
            Status = status;
            RevokedAt = revokedAt;
            Verified = verified;
            IsCurrentIdentity = isCurrentIdentity;
            Origin = origin;
            GatewayRelease = gatewayRelease;
        }

        public string DeviceId { get; }
        public string ShortId => DeviceNames.Short(DeviceId);
        public string Name { get; }
        public string Role { get; }

        /// <summary>Revoked, AlreadyRevoked (nothing was sent) or Failed.</summary>
        public string Status { get; }

        /// <summary>When the gateway marked the token revoked.</summary>
        public DateTimeOffset? RevokedAt { get; }

        /// <summary>
        /// The gateway was read again and shows the token revoked. Always false for the module's own device, which is
        /// not read back (reconnecting would have the gateway issue it a new token).
        /// </summary>
        public bool Verified { get; }

        /// <summary>True when the token was the one the module signs in with (-Force).</summary>
        public bool IsCurrentIdentity { get; }

        /// <summary>Where it was read: the gateway (URL, connection) or offline folder; commands given it act there.</summary>
        public OpenClawOrigin Origin { get; }

        /// <summary>The gateway's URL, or the offline state folder as a file: URI.</summary>
        public Uri? GatewayUrl => Origin.Address;
        public string GatewayRelease { get; }
        public string? Error { get; }

        public override string ToString() => $"{Name} ({ShortId}) {Role}: {Status}";
    }
}
