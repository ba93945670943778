using System;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>What revoking one device's role token did.</summary>
    public sealed class RevocationOutcome
    {
        internal RevocationOutcome(PairedDevice device, string role, bool isActingIdentity)
        {
            Device = device;
            Role = role;
            IsActingIdentity = isActingIdentity;
        }

        public PairedDevice Device { get; }

        public string Role { get; }

        public bool IsActingIdentity { get; }

        /// <summary>The gateway accepted device.token.revoke.</summary>
        public bool Revoked { get; internal set; }

        /// <summary>A list read afterwards shows the token revoked.</summary>
        public bool Verified { get; internal set; }

        /// <summary>When the gateway marked the token revoked, as the list afterwards reports it.</summary>
        public DateTimeOffset? RevokedAt { get; internal set; }

        public OpenClawException? Error { get; internal set; }
    }
}
