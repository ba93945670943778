using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder.Commands
{
    /// <summary>
    /// Reads PARAMETERS: <c>### -Name</c>, its description, exactly one <c>```yaml</c> block, and finally
    /// <c>### CommonParameters</c>. PlatyPS allows several yaml blocks per parameter (one per set where the
    /// metadata differs); none of this module's parameters needs that, so a second block is an error here.
    /// </summary>
    internal static class ParameterSection
    {
        private const string Common = "CommonParameters";
        private static readonly Regex ParameterHeading = new Regex(@"^-[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

        public static IReadOnlyList<ParameterHelp> Parse(Section section, PageErrors page)
        {
            var (before, entries) = Section.Split(section.Body, 3);
            if (before.Count > 0) throw page.At(before[0], $"'## PARAMETERS' holds '### -Name' headings; found {PageErrors.Describe(before[0])} before the first.");
            if (entries.Count == 0 || entries[entries.Count - 1].Name != Common)
            {
                throw page.At(entries.LastOrDefault()?.Line ?? section.Line, $"'## PARAMETERS' must end with '### {Common}'.");
            }

            var result = new List<ParameterHelp>();
            foreach (var entry in entries.Take(entries.Count - 1))
            {
                if (entry.Name == Common) throw page.At(entry.Line, $"'### {Common}' must be the last entry of '## PARAMETERS'.");
                if (!ParameterHeading.IsMatch(entry.Name)) throw page.At(entry.Line, $"'{entry.Heading}' should name a parameter as '### -Name'.");
                var name = entry.Name.Substring(1);
                if (result.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } first)
                {
                    throw page.At(entry.Line, $"'### -{name}' appears twice (first at line {first.Line}).");
                }
                result.Add(ParseOne(entry, name, page));
            }

            CommandPageParser.Text(entries[entries.Count - 1], page, required: true);
            return result;
        }

        private static ParameterHelp ParseOne(Section entry, string name, PageErrors page)
        {
            if (entry.Body.FirstOrDefault(b => b is Heading) is { } nested)
            {
                throw page.At(nested, $"'### -{name}' holds a description and one ```yaml block, not {PageErrors.Describe(nested)}.");
            }
            var yamlIndex = -1;
            for (var i = 0; i < entry.Body.Count && yamlIndex < 0; i++)
            {
                if (entry.Body[i] is CodeBlock) yamlIndex = i;
            }
            if (yamlIndex < 0)
            {
                throw page.At(entry.Line, $"'### -{name}' has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
            }
            var yaml = (CodeBlock)entry.Body[yamlIndex];
            if (yaml.Info != "yaml") throw page.At(yaml, $"the block under '### -{name}' should be ```yaml, not {PageErrors.Describe(yaml)}.");
            if (yamlIndex + 1 < entry.Body.Count)
            {
                var extra = entry.Body[yamlIndex + 1];
                throw page.At(extra, $"'### -{name}' has {PageErrors.Describe(extra)} after its yaml block; the description goes before it, and there is one yaml block per parameter.");
            }
            var description = InlineText.Paras(entry.Body.Take(yamlIndex).OfType<Paragraph>());
            if (description.Count == 0) throw page.At(entry.Line, $"'### -{name}' has no description.");
            return ParameterYaml.Parse(yaml, name, entry.Line, description, page);
        }
    }
}
