using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder.Commands
{
    /// <summary>
    /// Reads EXAMPLES: <c>### Example N</c> or <c>### Example N: title</c>, numbered from 1, each with one or
    /// more code blocks (the first one <c>```powershell</c>) followed by the text that explains them.
    /// </summary>
    internal static class ExampleSection
    {
        private static readonly Regex Title = new Regex(@"^Example (?<n>[0-9]+)(?::[ ]+\S.*)?$", RegexOptions.CultureInvariant);

        public static IReadOnlyList<ExampleHelp> Parse(Section section, PageErrors page)
        {
            var (before, examples) = Section.Split(section.Body, 3);
            if (before.Count > 0) throw page.At(before[0], $"'## EXAMPLES' holds '### Example N' headings; found {PageErrors.Describe(before[0])} before the first.");
            if (examples.Count == 0) throw page.At(section.Line, "'## EXAMPLES' has no '### Example 1'.");

            var result = new List<ExampleHelp>();
            foreach (var example in examples)
            {
                var title = Title.Match(example.Name);
                if (!title.Success) throw page.At(example.Line, $"'{example.Heading}' should read '### Example {result.Count + 1}' or '### Example {result.Count + 1}: what it shows'.");
                if (int.Parse(title.Groups["n"].Value, CultureInfo.InvariantCulture) != result.Count + 1)
                {
                    throw page.At(example.Line, $"'{example.Heading}' should be Example {result.Count + 1}: examples are numbered from 1 in order.");
                }
                result.Add(ParseOne(example, page));
            }
            return result;
        }

        private static ExampleHelp ParseOne(Section example, PageErrors page)
        {
            var code = example.Body.TakeWhile(b => b is CodeBlock).Cast<CodeBlock>().ToList();
            if (code.Count == 0) throw page.At(example.Line, $"'{example.Heading}' should start with a ```powershell block.");
            if (code[0].Info != "powershell") throw page.At(code[0], $"the first block of '{example.Heading}' should be ```powershell, not {PageErrors.Describe(code[0])}.");
            var rest = example.Body.Skip(code.Count).ToList();
            if (rest.FirstOrDefault(b => b is not Paragraph) is { } misplaced)
            {
                throw page.At(misplaced, $"'{example.Heading}' has {PageErrors.Describe(misplaced)} after its description; put all code before the text.");
            }
            var remarks = InlineText.Paras(rest.Cast<Paragraph>());
            if (remarks.Count == 0) throw page.At(example.Line, $"'{example.Heading}' has no text after its code saying what it does.");
            // PlatyPS joins an example's code blocks with a blank line into one dev:code.
            return new ExampleHelp(example.Name, string.Join("\n\n", code.Select(c => c.Text)), remarks);
        }
    }
}
