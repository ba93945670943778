using System.Collections.Generic;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Offline
{
    /// <summary>What an offline repair did to one device and role. Tokens never appear here, and none was re-issued.</summary>
    public sealed class OfflineRepairOutcome
    {
        internal OfflineRepairOutcome(OfflineRepairPlan plan)
        {
            Plan = plan;
        }

        public OfflineRepairPlan Plan { get; }

        public ScopeVerdict? After { get; internal set; }

        /// <summary>The store was read again after the write and the device is compliant with every target scope.</summary>
        public bool Verified { get; internal set; }

        public List<string> Steps { get; } = new List<string>();

        /// <summary>The files the write replaced (the store file), and the backup made of each before its first change.</summary>
        public IReadOnlyList<string> ChangedFiles { get; internal set; } = new List<string>();

        public IReadOnlyList<string> Backups { get; internal set; } = new List<string>();

        /// <summary>The device's pending requests for the role; an offline edit leaves them (the gateway prunes them after 5 minutes).</summary>
        public IReadOnlyList<string> KeptRequestIds { get; internal set; } = new List<string>();

        public OpenClawException? Error { get; internal set; }
    }
}
