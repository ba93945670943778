using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OpenClaw.HelpBuilder.Markdown
{
    /// <summary>
    /// Splits a page into front matter and blocks. Only the subset PlatyPS writes is understood: ATX headings,
    /// fenced code blocks, and paragraphs (which carry list items and table rows as raw lines). Anything subtler
    /// (setext headings, indented code, HTML) is read as paragraph text, so it cannot silently change structure.
    /// </summary>
    internal static class MarkdownReader
    {
        private static readonly Regex HeadingPattern = new Regex(@"^(#{1,6})[ \t]+(.*?)[ \t]*$", RegexOptions.CultureInvariant);

        public static MarkdownDocument Read(string path, string text)
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var index = 0;
            var frontMatter = new Dictionary<string, FrontMatterEntry>(StringComparer.Ordinal);
            var hasFrontMatter = lines.Length > 0 && lines[0].TrimEnd() == "---";
            if (hasFrontMatter) index = ReadFrontMatter(path, lines, frontMatter);

            var blocks = new List<MarkdownBlock>();
            List<string>? paragraph = null;
            var paragraphLine = 0;

            void Flush()
            {
                if (paragraph != null) blocks.Add(new Paragraph(paragraphLine, paragraph));
                paragraph = null;
            }

            for (; index < lines.Length; index++)
            {
                var line = lines[index].TrimEnd();
                if (line.Length == 0)
                {
                    Flush();
                }
                else if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    Flush();
                    index = ReadFence(path, lines, index, blocks);
                }
                else if (HeadingPattern.Match(line) is { Success: true } heading)
                {
                    Flush();
                    blocks.Add(new Heading(index + 1, heading.Groups[1].Length, heading.Groups[2].Value));
                }
                else
                {
                    if (paragraph == null) paragraphLine = index + 1;
                    (paragraph ??= new List<string>()).Add(line);
                }
            }
            Flush();
            return new MarkdownDocument(path, frontMatter, hasFrontMatter, blocks, Math.Max(1, lines.Length));
        }

        /// <summary>Reads <c>key: value</c> lines up to the closing <c>---</c>; returns the index after it.</summary>
        private static int ReadFrontMatter(string path, string[] lines, Dictionary<string, FrontMatterEntry> entries)
        {
            var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
            if (close < 0) throw new HelpFormatException(path, 1, "the front matter that starts here is never closed with '---'.");
            for (var i = 1; i < close; i++)
            {
                var line = lines[i].TrimEnd();
                if (line.Length == 0) continue;
                var colon = line.IndexOf(':');
                if (colon <= 0) throw new HelpFormatException(path, i + 1, $"front matter line '{line}' is not 'key: value'.");
                var key = line.Substring(0, colon).Trim();
                if (entries.ContainsKey(key)) throw new HelpFormatException(path, i + 1, $"front matter names '{key}' twice.");
                entries[key] = new FrontMatterEntry(i + 1, line.Substring(colon + 1).Trim());
            }
            return close + 1;
        }

        /// <summary>Reads a fenced block starting at <paramref name="open"/>; returns the index of its closing fence.</summary>
        private static int ReadFence(string path, string[] lines, int open, List<MarkdownBlock> blocks)
        {
            var info = lines[open].Trim().Substring(3).Trim();
            var body = new List<string>();
            for (var i = open + 1; i < lines.Length; i++)
            {
                if (lines[i].TrimEnd() == "```")
                {
                    blocks.Add(new CodeBlock(open + 1, info, string.Join("\n", body)));
                    return i;
                }
                body.Add(lines[i].TrimEnd());
            }
            throw new HelpFormatException(path, open + 1, "the code block that starts here is never closed with ```.");
        }
    }
}
