using System;
using System.Linq;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Repair;

namespace OpenClaw.PowerShell
{
    /// <summary>What Update-OpenClawDeviceScope -PassThru did to one device and role. No token values.</summary>
    public sealed class DeviceScopeChange
    {
        internal DeviceScopeChange(RepairOutcome outcome, OpenClawOrigin origin)
        {
            var plan = outcome.Plan;
            DeviceId = plan.DeviceId;
            Name = string.IsNullOrEmpty(plan.Device.DisplayName) ? plan.Device.ClientId ?? ShortId : plan.Device.DisplayName!;
            Role = plan.Role;
            Method = outcome.MethodUsed.ToString();
            ScopesBefore = plan.Before.ApprovedScopes.ToArray();
            TokenScopesBefore = plan.Before.TokenScopes?.ToArray();
            ScopesAfter = outcome.After?.ApprovedScopes.ToArray();
            TokenScopesAfter = outcome.After?.TokenScopes?.ToArray();
            AddedScopes = ScopesAfter?.Except(ScopesBefore).ToArray() ?? Array.Empty<string>();
            Verified = outcome.Verified;
            Steps = outcome.Steps.ToArray();
            RejectedRequests = outcome.RejectedRequestIds.ToArray();
            KeptRequests = outcome.KeptRequestIds.ToArray();
            TokenCacheUpdated = outcome.TokenCacheUpdated;
            TokenReissued = outcome.Steps.Any(s => s.StartsWith("rotated", StringComparison.Ordinal));
            GatewayRelease = plan.Before.Release.Name;
            Origin = origin;
            Error = outcome.Error?.Message;
            Status = outcome.Error != null ? "Failed" : outcome.Verified ? "Repaired" : "Unverified";
        }

        /// <summary>An offline edit of the gateway's store (-Offline): the token value is kept, nothing is re-issued.</summary>
        internal DeviceScopeChange(OfflineRepairOutcome outcome, OpenClawOrigin origin)
        {
            var plan = outcome.Plan;
            DeviceId = plan.DeviceId;
            Name = string.IsNullOrEmpty(plan.Device.DisplayName) ? plan.Device.ClientId ?? ShortId : plan.Device.DisplayName!;
            Role = plan.Role;
            Method = OfflineEditMethod;
            ScopesBefore = plan.Before.ApprovedScopes.ToArray();
            TokenScopesBefore = plan.Before.TokenScopes?.ToArray();
            ScopesAfter = outcome.After?.ApprovedScopes.ToArray();
            TokenScopesAfter = outcome.After?.TokenScopes?.ToArray();
            AddedScopes = ScopesAfter?.Except(ScopesBefore).ToArray() ?? Array.Empty<string>();
            Verified = outcome.Verified;
            Steps = outcome.Steps.ToArray();
            RejectedRequests = Array.Empty<string>();
            KeptRequests = outcome.KeptRequestIds.ToArray();
            TokenCacheUpdated = false;
            TokenReissued = false;
            GatewayRelease = plan.Before.Release.Name;
            Origin = origin;
            Error = outcome.Error?.Message;
            Status = outcome.Error != null ? "Failed" : outcome.Verified ? "Repaired" : "Unverified";
            StateFile = plan.StoreFile;
            Backups = outcome.Backups.ToArray();
        }

        /// <summary>The Method of an offline repair.</summary>
        internal const string OfflineEditMethod = "OfflineEdit";

        public string DeviceId { get; }
        public string ShortId => DeviceId.Length > 12 ? DeviceId.Substring(0, 12) : DeviceId;
        public string Name { get; }
        public string Role { get; }

        /// <summary>Repaired, Failed or Unverified.</summary>
        public string Status { get; }

        /// <summary>Rotate, ApproveAndRotate, RequestApproveAndRotate; OfflineEdit for -Offline.</summary>
        public string Method { get; }

        public string[] ScopesBefore { get; }
        public string[]? TokenScopesBefore { get; }
        public string[]? ScopesAfter { get; }
        public string[]? TokenScopesAfter { get; }
        public string[] AddedScopes { get; }

        /// <summary>The gateway was read again after the change and the device is compliant.</summary>
        public bool Verified { get; }

        public string[] Steps { get; }

        /// <summary>Stale repair requests the repair resolved (they block silent re-pairing).</summary>
        public string[] RejectedRequests { get; }

        /// <summary>Pending requests asking for more than the device now holds, left for a person to decide.</summary>
        public string[] KeptRequests { get; }

        /// <summary>
        /// The device got a new token value. A client that authenticates with its cached device token (rather than
        /// the gateway token) must pair again or receive the new token; the module's own identity is updated for it.
        /// </summary>
        public bool TokenReissued { get; }

        /// <summary>The module's own cached device token was replaced, so the local CLI keeps working.</summary>
        public bool TokenCacheUpdated { get; }

        public string GatewayRelease { get; }

        /// <summary>Where it was read: the gateway (URL, connection) or offline folder; commands given it act there.</summary>
        public OpenClawOrigin Origin { get; }

        /// <summary>The gateway's URL, or the offline state folder as a file: URI.</summary>
        public Uri? GatewayUrl => Origin.Address;

        /// <summary>Offline repairs: the store file that was edited (devices/paired.json, state/openclaw.sqlite); null online.</summary>
        public string? StateFile { get; }

        /// <summary>Offline repairs: the backup made of each changed file before its first change (none with -NoBackup, or online).</summary>
        public string[] Backups { get; } = Array.Empty<string>();
        public string? Error { get; }

        public override string ToString() => $"{Name} ({ShortId}) {Role}: {Status}";
    }
}
