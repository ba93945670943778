using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder.Commands
{
    /// <summary>
    /// Reads a parameter's yaml block. It is "yaml" only in name: PlatyPS writes flat <c>Key: value</c> lines with
    /// a fixed set of keys, so that is all this accepts; every key must be present so a page cannot leave a
    /// parameter's binding behaviour undocumented.
    /// </summary>
    internal static class ParameterYaml
    {
        private static readonly string[] RequiredKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters",
        };

        private const string AcceptedValues = "Accepted values";

        private static readonly Regex PipelineInput = new Regex(
            @"^(False|True \((ByValue|ByPropertyName|ByValue, ByPropertyName|ByPropertyName, ByValue)\))$", RegexOptions.CultureInvariant);

        public static ParameterHelp Parse(CodeBlock yaml, string name, int headingLine, IReadOnlyList<string> description, PageErrors page)
        {
            var values = ReadPairs(yaml, name, page);
            foreach (var key in RequiredKeys)
            {
                if (!values.ContainsKey(key)) throw page.At(yaml, $"the yaml of -{name} has no '{key}:' line.");
            }

            string Value(string key) => values[key].Value;
            HelpFormatException Bad(string key, string expected) =>
                page.At(values[key].Line, $"-{name} has '{key}: {Value(key)}'; expected {expected}.");

            var type = Value("Type");
            if (type.Length == 0) throw Bad("Type", "a type name such as String[] or SwitchParameter");

            var sets = List(Value("Parameter Sets"));
            if (sets.Count == 0 || (sets.Contains(ParameterHelp.AllSets) && sets.Count > 1))
            {
                throw Bad("Parameter Sets", "(All) or a comma-separated list of set names");
            }

            var position = Value("Position");
            if (string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase))
            {
                position = "Named";
            }
            else if (!int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw Bad("Position", "Named or a position number such as 0");
            }

            if (Value("Default value").Length == 0) throw Bad("Default value", "the default, or None when there is none");
            if (!PipelineInput.IsMatch(Value("Accept pipeline input")))
            {
                throw Bad("Accept pipeline input", "False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)");
            }

            return new ParameterHelp(
                headingLine,
                name,
                description,
                type,
                sets,
                List(Value("Aliases")),
                Bool("Required"),
                position,
                Value("Default value"),
                Value("Accept pipeline input"),
                Bool("Accept wildcard characters"),
                values.TryGetValue(AcceptedValues, out var accepted) ? List(accepted.Value) : Array.Empty<string>());

            bool Bool(string key) =>
                string.Equals(Value(key), "True", StringComparison.OrdinalIgnoreCase) ? true
                : string.Equals(Value(key), "False", StringComparison.OrdinalIgnoreCase) ? false
                : throw Bad(key, "True or False");
        }

        private static Dictionary<string, (int Line, string Value)> ReadPairs(CodeBlock yaml, string name, PageErrors page)
        {
            var values = new Dictionary<string, (int Line, string Value)>(StringComparer.Ordinal);
            var lines = yaml.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var lineNumber = yaml.Line + 1 + i;
                if (lines[i].Trim().Length == 0) continue;
                var colon = lines[i].IndexOf(':');
                if (colon <= 0) throw page.At(lineNumber, $"yaml line '{lines[i].Trim()}' of -{name} is not 'Key: value'.");
                var key = lines[i].Substring(0, colon).Trim();
                if (!RequiredKeys.Contains(key) && key != AcceptedValues)
                {
                    throw page.At(lineNumber, $"unknown key '{key}' in the yaml of -{name}; PlatyPS writes {string.Join(", ", RequiredKeys)} (and {AcceptedValues}).");
                }
                if (values.ContainsKey(key)) throw page.At(lineNumber, $"'{key}' appears twice in the yaml of -{name}.");
                values[key] = (lineNumber, lines[i].Substring(colon + 1).Trim());
            }
            return values;
        }

        private static IReadOnlyList<string> List(string value) =>
            value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
    }
}
