using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Requests
{
    /// <summary>
    /// The request picked from a fresh list, or why none could be: a per-item failure the caller reports and
    /// moves past, so one stale id does not end a batch.
    /// </summary>
    public sealed class ResolvedRequest
    {
        internal ResolvedRequest(DevicePairingSnapshot snapshot, PairingRequest? request, OpenClawException? error)
        {
            Snapshot = snapshot;
            Request = request;
            Error = error;
        }

        /// <summary>The list read right before acting.</summary>
        public DevicePairingSnapshot Snapshot { get; }

        public PairingRequest? Request { get; }

        public OpenClawException? Error { get; }
    }
}
