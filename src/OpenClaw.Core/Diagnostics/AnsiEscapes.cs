using System.Text.RegularExpressions;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>
    /// The terminal colour codes the gateway writes to stdout even when it is piped to a file (every release).
    /// The colour of the message text is the only place a text line carries its level.
    /// </summary>
    public static class AnsiEscapes
    {
        // CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
        private static readonly Regex Escape = new Regex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\))",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex Colour = new Regex(@"\x1B\[(?<codes>[0-9;]*)m", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        public static string Strip(string text) => text.IndexOf('\x1B') < 0 ? text : Escape.Replace(text, "");

        /// <summary>
        /// The level the gateway's console formatter encodes in the message colour: red for error and fatal, yellow
        /// for warn, gray for debug and trace, cyan for info (2026.2.x and 2026.9.x alike). Pass the raw text up to
        /// where the message starts: the last colour set there is the message's. Null when that text has no colour.
        /// </summary>
        public static string? LevelOfLastColour(string rawTextBeforeMessage)
        {
            string? level = null;
            foreach (Match match in Colour.Matches(rawTextBeforeMessage))
            {
                foreach (var code in match.Groups["codes"].Value.Split(';'))
                {
                    switch (code)
                    {
                        case "31": case "91": level = "ERROR"; break;
                        case "33": case "93": level = "WARN"; break;
                        case "90": level = "DEBUG"; break;
                        case "36": case "96": level = "INFO"; break;
                    }
                }
            }
            return level;
        }
    }
}
