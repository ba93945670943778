using System;

namespace OpenClaw.Core.Errors
{
    /// <summary>
    /// A failure the user can act on. Carries the stable error id (e.g. <c>OpenClaw.PairingRequired</c>) that the
    /// cmdlet layer turns into an ErrorRecord, so every caller of the core reports the same id for the same cause.
    /// Messages never contain token or password values.
    /// </summary>
    public sealed class OpenClawException : Exception
    {
        public OpenClawException(string errorId, OpenClawErrorKind kind, string message,
            string? recommendedAction = null, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            RecommendedAction = recommendedAction;
            Target = target;
        }

        /// <summary>Stable id, <c>OpenClaw.</c> + PascalCase.</summary>
        public string ErrorId { get; }

        public OpenClawErrorKind Kind { get; }

        /// <summary>What the user should do next, when that is known (e.g. the exact approve command).</summary>
        public string? RecommendedAction { get; }

        /// <summary>The offending input: a device id, a file path, a URL.</summary>
        public object? Target { get; }

        /// <summary>Gateway-supplied details (request id, close code) for callers that need them.</summary>
        public string? RequestId { get; set; }
    }

    /// <summary>
    /// The core's own error categories; the cmdlet layer maps them onto PowerShell's ErrorCategory so that the core
    /// stays free of System.Management.Automation.
    /// </summary>
    public enum OpenClawErrorKind
    {
        InvalidArgument,
        ObjectNotFound,
        ConnectionError,
        AuthenticationError,
        PermissionDenied,
        ProtocolError,
        InvalidData,
        NotImplemented,
        OperationTimeout,
        OperationStopped,
        InvalidOperation,
        ResourceBusy,
        InvalidResult,

        /// <summary>Part of the module itself is missing or unloadable (ErrorCategory.NotInstalled).</summary>
        NotInstalled,
    }
}
