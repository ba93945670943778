using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder.Commands
{
    /// <summary>
    /// Reads one cmdlet page of PlatyPS schema 2.0.0. Stricter than PlatyPS on purpose: every section must be
    /// present and in PlatyPS's order, so a page that lost a section fails the build instead of shipping thin help.
    /// </summary>
    internal static class CommandPageParser
    {
        public static readonly IReadOnlyList<string> SectionOrder = new[]
        {
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        private static readonly Regex CommandName = new Regex(@"^[A-Z][A-Za-z]*-[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
        private static readonly Regex LinkLine = new Regex(@"^\[([^\]]+)\]\(([^)\s]*)\)$", RegexOptions.CultureInvariant);

        public static CommandHelp Parse(MarkdownDocument doc)
        {
            var page = new PageErrors(doc.Path);
            var (externalHelpFile, moduleName, onlineVersion) = ReadFrontMatter(doc, page);

            var (beforeTitle, titles) = Section.Split(doc.Blocks, 1);
            if (beforeTitle.Count > 0) throw page.At(beforeTitle[0], "expected '# <Verb-Noun>' as the first heading after the front matter.");
            if (titles.Count == 0) throw page.At(doc.LastLine, "the page has no '# <Verb-Noun>' heading.");
            if (titles.Count > 1) throw page.At(titles[1].Line, $"a cmdlet page has one '# ' heading; '{titles[1].Heading}' is a second one.");
            var title = titles[0];
            if (!CommandName.IsMatch(title.Name)) throw page.At(title.Line, $"'{title.Name}' is not a Verb-Noun command name.");
            var fileName = System.IO.Path.GetFileNameWithoutExtension(doc.Path);
            if (!string.Equals(fileName, title.Name, StringComparison.Ordinal))
            {
                throw page.At(title.Line, $"the page documents '{title.Name}' but is named '{fileName}.md'; PlatyPS names the file after the command.");
            }

            var sections = OrderedSections(title, doc.LastLine, page);
            var syntax = SyntaxSection.Parse(sections["SYNTAX"], title.Name, page);
            var parameters = ParameterSection.Parse(sections["PARAMETERS"], page);
            SyntaxCheck.Verify(syntax, parameters, page);

            return new CommandHelp(
                doc.Path,
                title.Name,
                externalHelpFile,
                moduleName,
                onlineVersion,
                Text(sections["SYNOPSIS"], page, required: true),
                syntax,
                Text(sections["DESCRIPTION"], page, required: true),
                ExampleSection.Parse(sections["EXAMPLES"], page),
                parameters,
                Types(sections["INPUTS"], page),
                Types(sections["OUTPUTS"], page),
                Text(sections["NOTES"], page, required: false),
                Links(sections["RELATED LINKS"], onlineVersion, page));
        }

        private static (string ExternalHelpFile, string ModuleName, string OnlineVersion) ReadFrontMatter(MarkdownDocument doc, PageErrors page)
        {
            if (!doc.HasFrontMatter)
            {
                throw page.At(1, "a cmdlet page starts with YAML front matter ('---') naming external help file, Module Name, online version and schema.");
            }
            string Get(string key, bool mayBeEmpty)
            {
                if (!doc.FrontMatter.TryGetValue(key, out var entry)) throw page.At(1, $"the front matter has no '{key}:' entry.");
                if (!mayBeEmpty && entry.Value.Length == 0) throw page.At(entry.Line, $"the front matter's '{key}:' is empty.");
                return entry.Value;
            }

            var schema = Get("schema", false);
            if (schema != "2.0.0") throw page.At(doc.FrontMatter["schema"].Line, $"schema '{schema}' is not supported; this builder reads PlatyPS schema 2.0.0.");
            var helpFile = Get("external help file", false);
            if (!helpFile.EndsWith("-Help.xml", StringComparison.Ordinal) || helpFile.IndexOfAny(new[] { '/', '\\' }) >= 0)
            {
                throw page.At(doc.FrontMatter["external help file"].Line, $"external help file '{helpFile}' should be a file name like 'Module.dll-Help.xml'.");
            }
            var online = Get("online version", true);
            if (online.Length > 0 && !InlineText.IsAbsolute(online))
            {
                throw page.At(doc.FrontMatter["online version"].Line, $"online version '{online}' is not an http(s) address; leave it empty when there is none.");
            }
            return (helpFile, Get("Module Name", false), online);
        }

        /// <summary>The title's ## sections by name, after checking each is known, unique, present and in order.</summary>
        private static IReadOnlyDictionary<string, Section> OrderedSections(Section title, int lastLine, PageErrors page)
        {
            var (before, sections) = Section.Split(title.Body, 2);
            if (before.Count > 0) throw page.At(before[0], "expected '## SYNOPSIS' right after the title.");
            var found = new Dictionary<string, Section>(StringComparer.Ordinal);
            Section? previous = null;
            foreach (var section in sections)
            {
                var index = IndexOf(section.Name);
                if (index < 0)
                {
                    throw page.At(section.Line, $"unknown section '{section.Heading}'; a cmdlet page has {string.Join(", ", SectionOrder.Select(s => "'## " + s + "'"))}.");
                }
                if (found.TryGetValue(section.Name, out var first)) throw page.At(section.Line, $"'{section.Heading}' appears twice (first at line {first.Line}).");
                if (previous != null && index < IndexOf(previous.Name))
                {
                    throw page.At(section.Line, $"'{section.Heading}' must come before '{previous.Heading}' (line {previous.Line}).");
                }
                found[section.Name] = section;
                previous = section;
            }
            foreach (var name in SectionOrder.Where(n => !found.ContainsKey(n)))
            {
                var next = sections.FirstOrDefault(s => IndexOf(s.Name) > IndexOf(name));
                throw page.At(next?.Line ?? lastLine, $"missing required section '## {name}'.");
            }
            return found;
        }

        private static int IndexOf(string name)
        {
            for (var i = 0; i < SectionOrder.Count; i++)
            {
                if (SectionOrder[i] == name) return i;
            }
            return -1;
        }

        /// <summary>A section that holds only prose (PlatyPS reads SYNOPSIS, DESCRIPTION and NOTES as plain text).</summary>
        internal static IReadOnlyList<string> Text(Section section, PageErrors page, bool required)
        {
            if (section.FirstNonParagraph is { } other)
            {
                throw page.At(other, $"'{section.Heading}' may only hold text, not {PageErrors.Describe(other)}.");
            }
            var paras = InlineText.Paras(section.Paragraphs);
            if (required && paras.Count == 0) throw page.At(section.Line, $"'{section.Heading}' is empty.");
            return paras;
        }

        private static IReadOnlyList<TypeHelp> Types(Section section, PageErrors page)
        {
            var (before, types) = Section.Split(section.Body, 3);
            if (before.Count > 0) throw page.At(before[0], $"'{section.Heading}' lists types as '### TypeName' headings; found text before the first one.");
            if (types.Count == 0) throw page.At(section.Line, $"'{section.Heading}' needs at least one '### TypeName' ('### None' when there is none).");
            return types.Select(t => new TypeHelp(t.Name, Text(t, page, required: false))).ToList();
        }

        private static IReadOnlyList<LinkHelp> Links(Section section, string onlineVersion, PageErrors page)
        {
            var links = new List<LinkHelp>();
            if (onlineVersion.Length > 0) links.Add(new LinkHelp("Online Version:", onlineVersion));
            if (section.FirstNonParagraph is { } other) throw page.At(other, $"'{section.Heading}' may only hold links, not {PageErrors.Describe(other)}.");
            foreach (var paragraph in section.Paragraphs)
            {
                for (var i = 0; i < paragraph.Lines.Count; i++)
                {
                    var match = LinkLine.Match(paragraph.Lines[i].Trim());
                    if (!match.Success) throw page.At(paragraph.Line + i, $"expected one link per line, like [Get-Help](https://...) or [about_Topic](about_Topic.md); found '{paragraph.Lines[i].Trim()}'.");
                    // Get-Help can only open absolute addresses; links between pages stay as text (as PlatyPS does).
                    var uri = match.Groups[2].Value;
                    links.Add(new LinkHelp(match.Groups[1].Value, InlineText.IsAbsolute(uri) ? uri : ""));
                }
            }
            return links;
        }
    }
}
