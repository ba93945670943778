using System.Management.Automation;
using OpenClaw.Core.Errors;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>The one place core errors become ErrorRecords: id, category, target and the recommended action.</summary>
    internal static class ErrorRecords
    {
        /// <param name="command">The cmdlet that failed, named where the advice is to run it another way.</param>
        public static ErrorRecord From(OpenClawException error, string? command = null)
        {
            var record = new ErrorRecord(error, error.ErrorId, Category(error.Kind), error.Target);
            if (RecommendedActions.For(error, command) is { } action)
            {
                record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = action };
            }
            return record;
        }

        /// <summary>
        /// A refusal that -WhatIf only previews: the same words and advice as its error, as one warning line, since
        /// under -WhatIf nothing would have been written anyway.
        /// </summary>
        public static string AsWarning(OpenClawException refusal, string command) =>
            RecommendedActions.For(refusal, command) is { } advice
                ? refusal.Message.Replace("; nothing was written.", ".") + " " + advice
                : refusal.Message.Replace("; nothing was written.", ".");

        public static ErrorRecord InvalidArgument(string id, string message, object? target, string? recommendedAction = null) =>
            From(new OpenClawException(id, OpenClawErrorKind.InvalidArgument, message, recommendedAction, target));

        private static ErrorCategory Category(OpenClawErrorKind kind)
        {
            switch (kind)
            {
                case OpenClawErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case OpenClawErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case OpenClawErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                case OpenClawErrorKind.AuthenticationError: return ErrorCategory.AuthenticationError;
                case OpenClawErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case OpenClawErrorKind.ProtocolError: return ErrorCategory.ProtocolError;
                case OpenClawErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case OpenClawErrorKind.NotImplemented: return ErrorCategory.NotImplemented;
                case OpenClawErrorKind.OperationTimeout: return ErrorCategory.OperationTimeout;
                case OpenClawErrorKind.OperationStopped: return ErrorCategory.OperationStopped;
                case OpenClawErrorKind.ResourceBusy: return ErrorCategory.ResourceBusy;
                case OpenClawErrorKind.InvalidResult: return ErrorCategory.InvalidResult;
                case OpenClawErrorKind.NotInstalled: return ErrorCategory.NotInstalled;
                default: return ErrorCategory.InvalidOperation;
            }
        }
    }
}
