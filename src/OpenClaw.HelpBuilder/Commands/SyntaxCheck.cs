using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.HelpBuilder.Commands
{
    /// <summary>
    /// Checks that SYNTAX and PARAMETERS tell the same story. The MAML's syntax items are built from both (names
    /// and order from SYNTAX, details from the yaml), so any disagreement would show up as wrong help.
    /// </summary>
    internal static class SyntaxCheck
    {
        public static void Verify(IReadOnlyList<SyntaxSet> syntax, IReadOnlyList<ParameterHelp> parameters, PageErrors page)
        {
            foreach (var parameter in parameters.Where(p => !p.InAllSets))
            {
                foreach (var set in parameter.ParameterSets)
                {
                    if (!syntax.Any(s => string.Equals(s.Name, set, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw page.At(parameter.Line, $"-{parameter.Name} is in parameter set '{set}', but '## SYNTAX' has no '### {set}'.");
                    }
                }
            }

            foreach (var set in syntax)
            {
                foreach (var shown in set.Parameters)
                {
                    var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, shown.Name, StringComparison.OrdinalIgnoreCase))
                                    ?? throw page.At(set.Line, $"the syntax of set '{set.Name}' shows -{shown.Name}, but '## PARAMETERS' has no '### -{shown.Name}'.");
                    VerifyOne(set, shown, parameter, page);
                }
                foreach (var parameter in parameters.Where(p => p.IsIn(set.Name)))
                {
                    if (!set.Parameters.Any(s => string.Equals(s.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw page.At(set.Line, $"the syntax of set '{set.Name}' lacks -{parameter.Name}, which its yaml (line {parameter.Line}) puts in that set.");
                    }
                }
            }
        }

        private static void VerifyOne(SyntaxSet set, SyntaxParameter shown, ParameterHelp parameter, PageErrors page)
        {
            var where = $"the syntax of set '{set.Name}' shows -{shown.Name}";
            if (!parameter.IsIn(set.Name))
            {
                throw page.At(set.Line, $"{where}, but its yaml (line {parameter.Line}) puts it in parameter sets {string.Join(", ", parameter.ParameterSets)}.");
            }
            if (shown.Optional == parameter.Required)
            {
                throw page.At(set.Line, $"{where} as {(shown.Optional ? "optional" : "mandatory")}, but its yaml (line {parameter.Line}) says Required: {parameter.Required}.");
            }
            if (shown.Positional == parameter.IsNamed)
            {
                throw page.At(set.Line, $"{where} as {(shown.Positional ? "positional" : "named")}, but its yaml (line {parameter.Line}) says Position: {parameter.Position}.");
            }
            if ((shown.TypeName == null) != parameter.IsSwitch || (shown.TypeName != null && shown.TypeName != parameter.Type))
            {
                var form = shown.TypeName == null ? "as a switch" : $"with <{shown.TypeName}>";
                throw page.At(set.Line, $"{where} {form}, but its yaml (line {parameter.Line}) says Type: {parameter.Type}.");
            }
        }
    }
}
