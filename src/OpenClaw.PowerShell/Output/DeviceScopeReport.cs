using System;
using System.Linq;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell
{
    /// <summary>Test-OpenClawDeviceScope's verdict for one device and role on one gateway release.</summary>
    public sealed class DeviceScopeReport
    {
        internal DeviceScopeReport(OpenClawDevice device, ScopeVerdict verdict)
        {
            DeviceId = device.DeviceId;
            Name = device.Name;
            Role = verdict.Role;
            ApprovedScopes = verdict.ApprovedScopes.ToArray();
            TokenScopes = verdict.TokenScopes?.ToArray();
            RequiredScopes = verdict.RequiredScopes.ToArray();
            MissingScopes = verdict.MissingApprovedScopes.ToArray();
            MissingTokenScopes = verdict.MissingTokenScopes.ToArray();
            IsCompliant = verdict.IsCompliant;
            TokenRevoked = verdict.TokenRevoked;
            GatewayRelease = verdict.Release.Name;
            ReleaseEvidence = Cmdlets.RecommendedActions.ReleaseEvidence(verdict.Release);
            PendingRequests = device.PendingRequests.Where(r => r.Role == null || r.Role == verdict.Role).ToArray();
            Reason = verdict.Reason;
            LastUsedAt = device.LastUsedAt;
            Origin = device.Origin;
            IsCurrentIdentity = device.IsCurrentIdentity;
        }

        public string DeviceId { get; }
        public string ShortId => DeviceId.Length > 12 ? DeviceId.Substring(0, 12) : DeviceId;
        public string Name { get; }

        /// <summary>Piping a report to Update-OpenClawDeviceScope binds DeviceId and Role.</summary>
        public string Role { get; }

        public string[] ApprovedScopes { get; }

        /// <summary>The role token's scopes; null when the device holds no token for the role.</summary>
        public string[]? TokenScopes { get; }

        /// <summary>What the device is entitled to on this release (or what -RequiredScope named).</summary>
        public string[] RequiredScopes { get; }

        /// <summary>Required scopes that the release's pairing check does not grant: connects asking for them fail with "pairing required".</summary>
        public string[] MissingScopes { get; }

        /// <summary>Required scopes the role token lacks: device-token connects asking for them fail with "device token mismatch".</summary>
        public string[] MissingTokenScopes { get; }

        public bool IsCompliant { get; }
        public bool TokenRevoked { get; }

        /// <summary>The release the verdict is for.</summary>
        public string GatewayRelease { get; }

        /// <summary>How the release was determined.</summary>
        public string ReleaseEvidence { get; }

        /// <summary>The device's pending repair or scope-upgrade requests for this role, with the scopes they ask for.</summary>
        public OpenClawDeviceRequest[] PendingRequests { get; }

        public string Reason { get; }
        public DateTimeOffset? LastUsedAt { get; }
        /// <summary>Where it was read: the gateway (URL, connection) or offline folder; commands given it act there.</summary>
        public OpenClawOrigin Origin { get; }

        /// <summary>The gateway's URL, or the offline state folder as a file: URI.</summary>
        public Uri? GatewayUrl => Origin.Address;
        public bool IsCurrentIdentity { get; }

        public override string ToString() => $"{Name} ({ShortId}) {Role}: {(IsCompliant ? "compliant" : "missing " + string.Join(", ", MissingScopes.Concat(MissingTokenScopes).Distinct()))}";
    }
}
