using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenClaw.HelpBuilder.Markdown
{
    /// <summary>
    /// Turns paragraph blocks into the plain text Get-Help shows. Soft-wrapped lines are joined, because Get-Help
    /// wraps to the console itself; list items and table rows keep their own line, because joining them would
    /// run them together. Links become their text (plus the address when it is absolute), bold markers go;
    /// backticks stay, since they still mark code in plain text.
    /// </summary>
    internal static class InlineText
    {
        private static readonly Regex ListItem = new Regex(@"^(?:[-*+]|\d+\.)[ \t]+", RegexOptions.CultureInvariant);
        private static readonly Regex Link = new Regex(@"\[([^\]]+)\]\(([^)\s]+)\)", RegexOptions.CultureInvariant);
        private static readonly Regex Bold = new Regex(@"\*\*(.+?)\*\*", RegexOptions.CultureInvariant);

        /// <summary>One entry per paragraph, list item or table row.</summary>
        public static IReadOnlyList<TextUnit> Units(IEnumerable<Paragraph> paragraphs)
        {
            var units = new List<TextUnit>();
            foreach (var paragraph in paragraphs)
            {
                string? current = null;
                var kind = TextUnitKind.Prose;
                void Flush()
                {
                    if (current != null) units.Add(new TextUnit(kind, Plain(current)));
                    current = null;
                }

                foreach (var raw in paragraph.Lines)
                {
                    var line = raw.Trim();
                    if (line.StartsWith("|", StringComparison.Ordinal))
                    {
                        Flush();
                        units.Add(new TextUnit(TextUnitKind.TableRow, Plain(line)));
                    }
                    else if (ListItem.IsMatch(line))
                    {
                        Flush();
                        kind = TextUnitKind.ListItem;
                        current = "- " + ListItem.Replace(line, "", 1);
                    }
                    else if (current != null)
                    {
                        current += " " + line;
                    }
                    else
                    {
                        kind = TextUnitKind.Prose;
                        current = line;
                    }
                }
                Flush();
            }
            return units;
        }

        /// <summary>The units as plain strings: what a maml:para holds.</summary>
        public static IReadOnlyList<string> Paras(IEnumerable<Paragraph> paragraphs) =>
            Units(paragraphs).Select(u => u.Text).ToList();

        public static string Plain(string text)
        {
            text = Link.Replace(text, m => IsAbsolute(m.Groups[2].Value) ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value);
            return Bold.Replace(text, "$1");
        }

        public static bool IsAbsolute(string uri) =>
            Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps);
    }

    internal enum TextUnitKind
    {
        Prose,
        ListItem,
        TableRow,
    }

    internal sealed record TextUnit(TextUnitKind Kind, string Text);
}
