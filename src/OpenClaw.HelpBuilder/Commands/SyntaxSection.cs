using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder.Commands
{
    /// <summary>
    /// Reads SYNTAX: one <c>### SetName</c> (or <c>### SetName (Default)</c>) per parameter set, each with the code
    /// block Get-Command would print. PlatyPS itself ignores these blocks and rebuilds syntax from PARAMETERS; this
    /// builder reads them too, so that the two cannot drift apart unnoticed (see <see cref="SyntaxCheck"/>).
    /// </summary>
    internal static class SyntaxSection
    {
        public const string AllParameterSets = "__AllParameterSets";

        private static readonly Regex SetHeading = new Regex(@"^(?<name>[A-Za-z_][\w.-]*)(?<default>[ \t]+\(Default\))?$", RegexOptions.CultureInvariant);

        // One parameter as Get-Command prints it, in the order the alternatives must be tried:
        // [[-Name] <T>]  optional positional | [-Name] <T>  mandatory positional | [-Name <T>]  optional named
        // [-Name]  optional switch | -Name <T>  mandatory named | -Name  mandatory switch | [<CommonParameters>].
        private static readonly Regex Token = new Regex(
            @"\G[ ]*(?:(?<common>\[<CommonParameters>\])" +
            @"|\[\[-(?<op>\w+)\][ ]*<(?<opt>[^>]+)>\]" +
            @"|\[-(?<mp>\w+)\][ ]*<(?<mpt>[^>]+)>" +
            @"|\[-(?<on>\w+)[ ]+<(?<ont>[^>]+)>\]" +
            @"|\[-(?<os>\w+)\]" +
            @"|-(?<mn>\w+)[ ]+<(?<mnt>[^>]+)>" +
            @"|-(?<ms>\w+)(?![\w<]))",
            RegexOptions.CultureInvariant);

        public static IReadOnlyList<SyntaxSet> Parse(Section section, string command, PageErrors page)
        {
            var (before, sets) = Section.Split(section.Body, 3);
            if (before.Count > 0) throw page.At(before[0], $"'## SYNTAX' holds '### ParameterSetName' headings, each with a code block; found {PageErrors.Describe(before[0])} before the first.");
            if (sets.Count == 0) throw page.At(section.Line, $"'## SYNTAX' has no '### ParameterSetName' heading ('### {AllParameterSets}' for a cmdlet with one set).");

            var result = new List<SyntaxSet>();
            foreach (var set in sets)
            {
                var heading = SetHeading.Match(set.Name);
                if (!heading.Success) throw page.At(set.Line, $"'{set.Heading}' is not a parameter set name, optionally followed by ' (Default)'.");
                var name = heading.Groups["name"].Value;
                if (result.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is { } twice)
                {
                    throw page.At(set.Line, $"parameter set '{name}' appears twice in '## SYNTAX' (first at line {twice.Line}).");
                }
                if (set.Body.Count == 0 || set.Body[0] is not CodeBlock code) throw page.At(set.Line, $"'{set.Heading}' has no code block with the set's syntax.");
                if (set.Body.Count > 1) throw page.At(set.Body[1], $"'{set.Heading}' holds one code block; found {PageErrors.Describe(set.Body[1])} after it.");
                result.Add(new SyntaxSet(set.Line, name, heading.Groups["default"].Success, ParseLine(code, command, name, page)));
            }

            if (result.Where(s => s.IsDefault).Skip(1).FirstOrDefault() is { } second) throw page.At(second.Line, "only one parameter set can be '(Default)'.");
            if (result.Count > 1 && result.FirstOrDefault(s => s.Name == AllParameterSets) is { } all)
            {
                throw page.At(all.Line, $"'{AllParameterSets}' names the only set of a cmdlet without named sets; this page has {result.Count} sets.");
            }
            return result;
        }

        /// <summary>Reads <c>Verb-Noun [-A &lt;T&gt;] ... [&lt;CommonParameters&gt;]</c>, however PlatyPS wrapped it.</summary>
        internal static IReadOnlyList<SyntaxParameter> ParseLine(CodeBlock code, string command, string set, PageErrors page)
        {
            var text = Regex.Replace(code.Text, @"\s+", " ").Trim();
            if (!text.StartsWith(command + " ", StringComparison.Ordinal))
            {
                throw page.At(code, $"the syntax of set '{set}' should start with '{command}' and end with [<CommonParameters>].");
            }
            var rest = text.Substring(command.Length);
            var parameters = new List<SyntaxParameter>();
            var sawCommon = false;
            var position = 0;
            while (rest.Substring(position).Trim().Length > 0)
            {
                var match = Token.Match(rest, position);
                if (!match.Success)
                {
                    var near = rest.Substring(position).Trim();
                    throw page.At(code, $"cannot read the syntax of set '{set}' at '{(near.Length > 40 ? near.Substring(0, 40) + "..." : near)}'.");
                }
                if (sawCommon) throw page.At(code, $"[<CommonParameters>] must come last in the syntax of set '{set}'.");
                position += match.Length;
                if (match.Groups["common"].Success)
                {
                    sawCommon = true;
                    continue;
                }
                var parameter = ToParameter(match);
                if (parameters.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw page.At(code, $"-{parameter.Name} appears twice in the syntax of set '{set}'.");
                }
                parameters.Add(parameter);
            }
            if (!sawCommon) throw page.At(code, $"the syntax of set '{set}' should end with [<CommonParameters>]: every cmdlet supports them.");
            return parameters;
        }

        private static SyntaxParameter ToParameter(Match m)
        {
            if (m.Groups["op"].Success) return new SyntaxParameter(m.Groups["op"].Value, Optional: true, Positional: true, m.Groups["opt"].Value);
            if (m.Groups["mp"].Success) return new SyntaxParameter(m.Groups["mp"].Value, Optional: false, Positional: true, m.Groups["mpt"].Value);
            if (m.Groups["on"].Success) return new SyntaxParameter(m.Groups["on"].Value, Optional: true, Positional: false, m.Groups["ont"].Value);
            if (m.Groups["os"].Success) return new SyntaxParameter(m.Groups["os"].Value, Optional: true, Positional: false, null);
            if (m.Groups["mn"].Success) return new SyntaxParameter(m.Groups["mn"].Value, Optional: false, Positional: false, m.Groups["mnt"].Value);
            return new SyntaxParameter(m.Groups["ms"].Value, Optional: false, Positional: false, null);
        }
    }
}
