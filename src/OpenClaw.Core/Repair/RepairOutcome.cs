using System.Collections.Generic;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Repair
{
    /// <summary>What happened to one device and role. Tokens never appear here.</summary>
    public sealed class RepairOutcome
    {
        internal RepairOutcome(RepairPlan plan)
        {
            Plan = plan;
        }

        public RepairPlan Plan { get; }

        /// <summary>The method actually used (RotateOrApprove resolves to Rotate or ApproveAndRotate).</summary>
        public RepairMethod MethodUsed { get; internal set; }

        public List<string> Steps { get; } = new List<string>();

        public ScopeVerdict? After { get; internal set; }

        public bool Verified { get; internal set; }

        public List<string> RejectedRequestIds { get; } = new List<string>();

        /// <summary>Pending requests of the device asking for more than it now holds: left for a person to decide.</summary>
        public List<string> KeptRequestIds { get; } = new List<string>();

        /// <summary>The module's own cached device token was replaced with the rotated one.</summary>
        public bool TokenCacheUpdated { get; internal set; }

        public OpenClawException? Error { get; internal set; }

        public bool Changed => Steps.Count > 0;
    }
}
