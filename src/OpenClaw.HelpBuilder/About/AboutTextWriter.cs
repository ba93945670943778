using System.Collections.Generic;
using System.Text;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder.About
{
    /// <summary>
    /// Renders an about topic as the plain text Get-Help prints, the way PlatyPS's TextRenderer does: a TOPIC
    /// header, section names flush left in capitals, everything else indented four spaces and wrapped at 80
    /// columns (Get-Help shows the file as is), code blocks and table rows kept verbatim.
    /// </summary>
    internal static class AboutTextWriter
    {
        private const string Indent = "    ";
        private const int Width = 80;

        public static string Render(AboutTopic topic)
        {
            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Indent).Append(topic.Name).Append("\n\n");
            foreach (var section in topic.Sections)
            {
                text.Append(section.Name.ToUpperInvariant()).Append('\n');
                foreach (var block in section.Body) Append(text, block);
            }
            return text.ToString().TrimEnd('\n') + "\n";
        }

        private static void Append(StringBuilder text, MarkdownBlock block)
        {
            switch (block)
            {
                case Heading heading:
                    text.Append(Indent).Append(InlineText.Plain(heading.Text).ToUpperInvariant()).Append("\n\n");
                    break;
                case CodeBlock code:
                    foreach (var line in code.Text.Split('\n')) text.Append((Indent + Indent + line).TrimEnd()).Append('\n');
                    text.Append('\n');
                    break;
                case Paragraph paragraph:
                    foreach (var unit in InlineText.Units(new[] { paragraph })) AppendUnit(text, unit);
                    text.Append('\n');
                    break;
            }
        }

        private static void AppendUnit(StringBuilder text, TextUnit unit)
        {
            switch (unit.Kind)
            {
                case TextUnitKind.TableRow:
                    text.Append(Indent).Append(unit.Text).Append('\n');
                    break;
                case TextUnitKind.ListItem:
                    // "- " hangs: continuation lines line up with the item's text.
                    Wrap(text, unit.Text.Substring(2), Indent + "- ", Indent + "  ");
                    break;
                default:
                    Wrap(text, unit.Text, Indent, Indent);
                    break;
            }
        }

        /// <summary>Greedy word wrap; a word longer than the line (a URL) gets a line of its own.</summary>
        internal static void Wrap(StringBuilder text, string words, string firstPrefix, string nextPrefix)
        {
            var line = new StringBuilder(firstPrefix);
            var empty = true;
            foreach (var word in words.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(nextPrefix);
                    empty = true;
                }
                if (!empty) line.Append(' ');
                line.Append(word);
                empty = false;
            }
            text.Append(line).Append('\n');
        }
    }
}
