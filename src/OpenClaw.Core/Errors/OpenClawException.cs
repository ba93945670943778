using System;

namespace OpenClaw.Core.Errors
{
    /// <summary>
    /// A failure the user can act on. Carries the stable error id (e.g. <c>OpenClaw.PairingRequired</c>) that the
    /// cmdlet layer turns into an ErrorRecord, so every caller of the core reports the same id for the same cause.
    /// Messages never contain token or password values. The message says what happened and names no command or
    /// parameter: a next step that needs one is an <see cref="ErrorRemedy"/>, which the caller words.
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

        public OpenClawException(string errorId, OpenClawErrorKind kind, string message,
            ErrorRemedy remedy, object? target = null, Exception? inner = null)
            : this(errorId, kind, message, (string?)null, target, inner)
        {
            Remedy = remedy;
        }

        /// <summary>Stable id, <c>OpenClaw.</c> + PascalCase.</summary>
        public string ErrorId { get; }

        public OpenClawErrorKind Kind { get; }

        /// <summary>What the user should do next, when that is known and needs no command or parameter named.</summary>
        public string? RecommendedAction { get; }

        /// <summary>The next step when wording it names a command or parameter; then <see cref="RecommendedAction"/> is null.</summary>
        public ErrorRemedy? Remedy { get; }

        /// <summary>The offending input: a device id, a file path, a URL.</summary>
        public object? Target { get; }

        /// <summary>Gateway-supplied details (request id, close code) for callers that need them.</summary>
        public string? RequestId { get; set; }

        /// <summary>
        /// The same failure told in a wider context (which device, which step): id, kind, next step and request id
        /// stay, so a caller still reports and advises it as the original.
        /// </summary>
        public OpenClawException Rephrase(string message, object? target) =>
            Remedy is { } remedy
                ? new OpenClawException(ErrorId, Kind, message, remedy, target, this) { RequestId = RequestId }
                : new OpenClawException(ErrorId, Kind, message, RecommendedAction, target, this) { RequestId = RequestId };
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
