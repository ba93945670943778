using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder.About
{
    /// <summary>A validated about topic: its name and its ## sections in order.</summary>
    internal sealed record AboutTopic(string SourcePath, string Name, IReadOnlyList<Section> Sections)
    {
        public string OutputFileName => Name + ".help.txt";
    }

    /// <summary>
    /// Reads an about topic in PlatyPS's about template: <c># about_X</c>, then <c>## about_X</c> (the name the help
    /// system looks up), then <c>## SHORT DESCRIPTION</c> and <c>## LONG DESCRIPTION</c>, then any of the template's
    /// optional sections in its order. <c>###</c> headings are subtopics. Front matter, if any, is ignored.
    /// </summary>
    internal static class AboutTopicParser
    {
        public static readonly IReadOnlyList<string> RequiredSections = new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" };

        public static readonly IReadOnlyList<string> OptionalSections = new[] { "EXAMPLES", "NOTE", "TROUBLESHOOTING NOTE", "SEE ALSO", "KEYWORDS" };

        private static readonly Regex TopicName = new Regex(@"^about_[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);

        public static AboutTopic Parse(MarkdownDocument doc)
        {
            var page = new PageErrors(doc.Path);
            var name = System.IO.Path.GetFileNameWithoutExtension(doc.Path);
            if (!TopicName.IsMatch(name)) throw page.At(1, $"'{name}.md' is not a valid about topic file name; use about_Name.md (letters, digits, underscores).");

            var blocks = doc.Blocks;
            if (blocks.Count == 0 || blocks[0] is not Heading { Level: 1 } title || title.Text != name)
            {
                throw page.At(blocks.Count > 0 ? blocks[0].Line : 1, $"an about topic starts with '# {name}'.");
            }
            if (blocks.Count < 2 || blocks[1] is not Heading { Level: 2 } lookup || lookup.Text != name)
            {
                throw page.At(blocks.Count > 1 ? blocks[1].Line : title.Line, $"the second line of an about topic is '## {name}', the name Get-Help looks up.");
            }
            if (blocks.Skip(2).FirstOrDefault(b => b is Heading { Level: 1 } || b is Heading { Level: > 3 }) is Heading stray)
            {
                throw page.At(stray, $"{PageErrors.Describe(stray)} is not allowed here: sections are '## NAME' and subtopics '### Name'.");
            }

            var (before, sections) = Section.Split(blocks.Skip(2), 2);
            if (before.Count > 0) throw page.At(before[0], "expected '## SHORT DESCRIPTION' after the topic name.");
            CheckOrder(sections, doc.LastLine, page);
            foreach (var section in sections)
            {
                if (section.Body.Count == 0) throw page.At(section.Line, $"'{section.Heading}' is empty.");
            }
            if (sections[0].FirstNonParagraph is { } other)
            {
                throw page.At(other, $"'## SHORT DESCRIPTION' may only hold text, not {PageErrors.Describe(other)}.");
            }
            return new AboutTopic(doc.Path, name, sections);
        }

        private static void CheckOrder(IReadOnlyList<Section> sections, int lastLine, PageErrors page)
        {
            for (var i = 0; i < RequiredSections.Count; i++)
            {
                if (i >= sections.Count || sections[i].Name != RequiredSections[i])
                {
                    throw page.At(i < sections.Count ? sections[i].Line : lastLine, $"expected '## {RequiredSections[i]}' here.");
                }
            }
            var last = -1;
            foreach (var section in sections.Skip(RequiredSections.Count))
            {
                var index = IndexOf(section.Name);
                if (index < 0)
                {
                    throw page.At(section.Line, $"unknown section '{section.Heading}'; after LONG DESCRIPTION an about topic may have {string.Join(", ", OptionalSections.Select(s => "'## " + s + "'"))}, in that order (use '###' for subtopics).");
                }
                if (index <= last) throw page.At(section.Line, $"'{section.Heading}' is out of order or repeated; the order is {string.Join(", ", OptionalSections)}.");
                last = index;
            }
        }

        private static int IndexOf(string name)
        {
            for (var i = 0; i < OptionalSections.Count; i++)
            {
                if (string.Equals(OptionalSections[i], name, StringComparison.Ordinal)) return i;
            }
            return -1;
        }
    }
}
