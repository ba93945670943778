namespace OpenClaw.Core.Requests
{
    /// <summary>
    /// The error ids the pairing-request cmdlets add. They live here rather than in ErrorIds so that this feature
    /// can be read, changed and removed as one folder.
    /// </summary>
    public static class RequestErrorIds
    {
        /// <summary>No pending request has the id, or the device has no pending request (expired, resolved or superseded).</summary>
        public const string RequestNotFound = "OpenClaw.RequestNotFound";

        /// <summary>The gateway was read again after an approval and the device does not hold what was approved.</summary>
        public const string ApprovalNotVerified = "OpenClaw.ApprovalNotVerified";
    }
}
