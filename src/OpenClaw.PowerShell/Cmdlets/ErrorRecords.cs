using System.Management.Automation;
using OpenClaw.Core.Errors;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>The one place core errors become ErrorRecords: id, category, target and the recommended action.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(OpenClawException error)
        {
            var record = new ErrorRecord(error, error.ErrorId, Category(error.Kind), error.Target);
            if (error.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction };
            }
            return record;
        }

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
