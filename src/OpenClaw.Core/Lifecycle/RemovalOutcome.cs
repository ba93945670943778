using System.Collections.Generic;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>What removing one device did: the removal itself and the leftover pending requests it resolved.</summary>
    public sealed class RemovalOutcome
    {
        internal RemovalOutcome(PairedDevice device, bool isActingIdentity)
        {
            Device = device;
            IsActingIdentity = isActingIdentity;
        }

        public PairedDevice Device { get; }

        public bool IsActingIdentity { get; }

        /// <summary>The gateway accepted device.pair.remove.</summary>
        public bool Removed { get; internal set; }

        /// <summary>A list read afterwards no longer shows the device.</summary>
        public bool Verified { get; internal set; }

        /// <summary>Pending requests of the device that were rejected, because the gateway leaves them behind.</summary>
        public List<string> RejectedRequestIds { get; } = new List<string>();

        /// <summary>Pending requests of the device that could not be rejected; they expire within 5 minutes.</summary>
        public List<string> KeptRequestIds { get; } = new List<string>();

        /// <summary>Everything that went wrong, the removal first; each is reported on its own.</summary>
        public List<OpenClawException> Errors { get; } = new List<OpenClawException>();
    }
}
