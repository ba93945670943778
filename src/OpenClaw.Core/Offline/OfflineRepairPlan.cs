using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Offline
{
    /// <summary>What an offline repair of one device and role will add, decided before anything is written.</summary>
    public sealed class OfflineRepairPlan
    {
        private readonly bool _compliant;

        internal OfflineRepairPlan(PairedDevice device, ScopeVerdict before, IReadOnlyList<string> targetScopes, string storeFile, string? notPossibleReason, bool compliant = false)
        {
            _compliant = compliant;
            Device = device;
            Before = before;
            TargetScopes = targetScopes;
            StoreFile = storeFile;
            NotPossibleReason = notPossibleReason;
        }

        public PairedDevice Device { get; }

        public string DeviceId => Device.DeviceId;

        public string Role => Before.Role;

        public ScopeVerdict Before { get; }

        /// <summary>What the device, its approved baseline and its role token will all hold: never fewer than now.</summary>
        public IReadOnlyList<string> TargetScopes { get; }

        public string StoreFile { get; }

        public string? NotPossibleReason { get; }

        public bool IsPossible => NotPossibleReason == null;

        /// <summary>Scopes the device's own list lacks.</summary>
        public IReadOnlyList<string> AddedToDevice => TargetScopes.Where(s => !Device.Scopes.Contains(s)).ToList();

        /// <summary>Scopes the role token lacks (none when the device holds no token for the role).</summary>
        public IReadOnlyList<string> AddedToToken
        {
            get
            {
                var token = Device.TokenFor(Role);
                return token == null || token.IsRevoked ? new List<string>() : TargetScopes.Where(s => !token.Scopes.Contains(s)).ToList();
            }
        }

        public bool NeedsChange => !_compliant && IsPossible && (AddedToDevice.Count > 0 || AddedToToken.Count > 0);

        internal OfflineScopeGrant Grant => new OfflineScopeGrant(DeviceId, Role, TargetScopes);

        /// <summary>One line for -WhatIf and -Confirm. Never contains a token.</summary>
        public string Description
        {
            get
            {
                if (!NeedsChange) return "nothing to change";
                var parts = new List<string>();
                if (AddedToDevice.Count > 0) parts.Add($"add {string.Join(", ", AddedToDevice)} to the device's approved scopes");
                if (AddedToToken.Count > 0) parts.Add($"add {string.Join(", ", AddedToToken)} to its {Role} token's scopes");
                return string.Join(" and ", parts) + $" in {StoreFile}, keeping the token value (offline edit)";
            }
        }

        public override string ToString() => $"{RepairPlanner.Name(Device)} {Role}: {Description}";
    }
}
