using System.Text.RegularExpressions;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>
    /// One line of the gateway's captured console output: "TIME [subsystem] message", coloured even when piped.
    /// 2026.2.x writes times ending in Z, 2026.9.6 ending in +00:00; lines from plugins may have no subsystem.
    /// A prefix added by whatever captured the output (journald, a container runtime's own time) is skipped: the
    /// gateway's time is the last one before the subsystem.
    /// </summary>
    internal static class ConsoleTextLine
    {
        private const string IsoTime = @"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})";

        private static readonly Regex Shape = new Regex(
            @"^(?:.*?\s)??(?<time>" + IsoTime + @")\s+(?:\[(?<subsystem>[^\]\s]+)\]\s+)?(?<message>.*)$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex LeadingTime = new Regex(@"^" + IsoTime + @"\s", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        public static GatewayLogLine? Parse(string line, out string? problem)
        {
            var text = AnsiEscapes.Strip(line).TrimEnd('\r', '\n');
            var match = Shape.Match(text);
            // A runtime's time in front of the gateway's own: read the inner line instead.
            while (match.Success && LeadingTime.IsMatch(match.Groups["message"].Value))
            {
                match = Shape.Match(match.Groups["message"].Value);
            }
            problem = null;
            if (!match.Success)
            {
                return new GatewayLogLine(GatewayLogFormat.Text, null, LevelOf(line, text), null, text.Trim());
            }
            var message = match.Groups["message"].Value;
            var subsystem = match.Groups["subsystem"].Success ? match.Groups["subsystem"].Value : null;
            return new GatewayLogLine(GatewayLogFormat.Text, GatewayLogLine.ParseTime(match.Groups["time"].Value),
                LevelOf(line, message), subsystem, message);
        }

        /// <summary>The colour set just before the message in the raw line; the message's first characters locate it.</summary>
        private static string? LevelOf(string rawLine, string message)
        {
            var probe = message.Length > 24 ? message.Substring(0, 24) : message;
            var at = probe.Length == 0 ? -1 : rawLine.IndexOf(probe, System.StringComparison.Ordinal);
            return AnsiEscapes.LevelOfLastColour(at < 0 ? rawLine : rawLine.Substring(0, at));
        }
    }
}
