using System.Collections.Generic;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Requests
{
    public enum RequestVerdict
    {
        Approved,
        Denied,
    }

    /// <summary>What approving or denying one request did. Token values never appear here.</summary>
    public sealed class RequestDecision
    {
        internal RequestDecision(PairingRequest request, RequestVerdict verdict)
        {
            Request = request;
            Verdict = verdict;
            DeviceAfter = request.Device;
        }

        /// <summary>The request as it was listed right before acting, with its device as it was then.</summary>
        public PairingRequest Request { get; }

        public RequestVerdict Verdict { get; }

        /// <summary>The gateway accepted the approve or reject call; when false, <see cref="Error"/> says why nothing changed.</summary>
        public bool Applied { get; internal set; }

        /// <summary>The device as the gateway listed it after the decision (unchanged by a denial).</summary>
        public PairedDevice? DeviceAfter { get; internal set; }

        /// <summary>The scopes the role token was required to cover after an approval.</summary>
        public IReadOnlyList<string>? TargetTokenScopes { get; internal set; }

        public bool TokenRotated { get; internal set; }

        /// <summary>The module's own cached device token was replaced with the rotated one.</summary>
        public bool TokenCacheUpdated { get; internal set; }

        /// <summary>An approval was read back and the device holds what it should; null for a denial.</summary>
        public bool? Verified { get; internal set; }

        public List<string> Steps { get; } = new List<string>();

        /// <summary>Why the call was refused, or what went wrong after an approval was applied.</summary>
        public OpenClawException? Error { get; internal set; }
    }
}
