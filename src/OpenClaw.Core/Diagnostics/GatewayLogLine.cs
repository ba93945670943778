using System;
using System.Globalization;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>How one line of a gateway log was written.</summary>
    public enum GatewayLogFormat
    {
        /// <summary>A tslog record from the daily JSON-lines file (logging.file, /tmp/openclaw/openclaw-DATE.log).</summary>
        Json,

        /// <summary>A console line from captured stdout/stderr: "TIME [subsystem] message", usually with colour codes.</summary>
        Text,
    }

    /// <summary>One log line reduced to what every format has: when, how severe, which subsystem, and the text.</summary>
    public sealed class GatewayLogLine
    {
        public GatewayLogLine(GatewayLogFormat format, DateTimeOffset? time, string? level, string? subsystem, string message)
        {
            Format = format;
            Time = time;
            Level = level;
            Subsystem = subsystem;
            Message = message;
        }

        public GatewayLogFormat Format { get; }

        /// <summary>Null when the line carries no time the parser can read.</summary>
        public DateTimeOffset? Time { get; }

        /// <summary>Upper case, as tslog names it (WARN, INFO, ...); null when the line does not say.</summary>
        public string? Level { get; }

        public string? Subsystem { get; }

        /// <summary>The message text, without colour codes.</summary>
        public string Message { get; }

        /// <summary>
        /// Reads one line, choosing the format by its first character: a JSON record starts with '{', a console line
        /// never does (it starts with a time or a colour code). Returns null with a reason for a line that cannot be
        /// read, such as a JSON record cut short because the gateway is still writing it.
        /// </summary>
        public static GatewayLogLine? Parse(string line, out string? problem)
        {
            for (var i = 0; i < line.Length; i++)
            {
                if (char.IsWhiteSpace(line[i]) || line[i] == '\uFEFF') continue;
                return line[i] == '{' ? TslogJsonLine.Parse(line, out problem) : ConsoleTextLine.Parse(line, out problem);
            }
            problem = "the line is empty";
            return null;
        }

        /// <summary>ISO 8601 times as the gateway writes them: 2.x "…Z", 9.6 "…+00:00"; more than 7 fraction digits are cut.</summary>
        internal static DateTimeOffset? ParseTime(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var value = text!.Trim();
            var dot = value.IndexOf('.');
            if (dot > 0)
            {
                var end = dot + 1;
                while (end < value.Length && char.IsDigit(value[end])) end++;
                if (end - dot - 1 > 7) value = value.Substring(0, dot + 8) + value.Substring(end);
            }
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : (DateTimeOffset?)null;
        }
    }
}
