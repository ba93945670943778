using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>The error ids of reading gateway logs, and the errors themselves, so every caller words them alike.</summary>
    public static class LogErrors
    {
        /// <summary>A log file (or a default log location) does not exist.</summary>
        public const string LogNotFound = "OpenClaw.LogNotFound";

        /// <summary>A log file exists but cannot be read: no permission, a folder, an I/O failure.</summary>
        public const string LogUnreadable = "OpenClaw.LogUnreadable";

        public static OpenClawException NotFound(string path, string? recommendedAction = null) =>
            new OpenClawException(LogNotFound, OpenClawErrorKind.ObjectNotFound,
                $"The gateway log '{path}' does not exist.",
                recommendedAction ?? "Check the path; the gateway's startup line 'log file: …' names the file it writes.", path);

        /// <summary>None of the files where the gateway would have logged exists.</summary>
        public static OpenClawException NoneFound(System.Collections.Generic.IReadOnlyList<string> paths) =>
            new OpenClawException(LogNotFound, OpenClawErrorKind.ObjectNotFound,
                $"No gateway log was found: {string.Join(" and ", paths)} {(paths.Count == 1 ? "does" : "do")} not exist.",
                new ErrorRemedy(RemedyKind.GiveLogFile),
                paths.Count > 0 ? paths[paths.Count - 1] : null);

        public static OpenClawException Unreadable(string path, string reason, OpenClawErrorKind kind = OpenClawErrorKind.InvalidArgument) =>
            new OpenClawException(LogUnreadable, kind, $"The gateway log '{path}' cannot be read: {reason}", null, path);
    }
}
