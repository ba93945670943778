using OpenClaw.HelpBuilder.Commands;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>
    /// Compares the cmdlets with their pages and lists every disagreement, so one failing test names all of them.
    /// A parameter without an entry, an entry without a parameter, and a cmdlet without a page are the failures
    /// that matter most; binding details (sets, position, pipeline, defaults) are compared too, because wrong
    /// help about them is as misleading as missing help.
    /// </summary>
    internal static class DocConsistency
    {
        public static IReadOnlyList<string> Problems(Type cmdlet, CommandHelp page)
        {
            var name = CmdletSurface.CommandName(cmdlet);
            var problems = new List<string>();
            var declared = CmdletSurface.Parameters(cmdlet);
            foreach (var parameter in declared)
            {
                var entry = page.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
                if (entry == null)
                {
                    problems.Add($"{name}: -{parameter.Name} has no '### -{parameter.Name}' entry in {Path.GetFileName(page.SourcePath)}.");
                    continue;
                }
                Compare(problems, name, parameter.Name, "Type", parameter.Type, entry.Type);
                Compare(problems, name, parameter.Name, "Parameter Sets", string.Join(", ", parameter.Sets.Order()), string.Join(", ", entry.ParameterSets.Order()));
                Compare(problems, name, parameter.Name, "Required", parameter.Required.ToString(), entry.Required.ToString());
                Compare(problems, name, parameter.Name, "Position", parameter.Position, entry.Position);
                Compare(problems, name, parameter.Name, "Accept pipeline input", Normal(parameter.PipelineInput), Normal(entry.PipelineInput));
                Compare(problems, name, parameter.Name, "Accept wildcard characters", parameter.Globbing.ToString(), entry.Globbing.ToString());
                Compare(problems, name, parameter.Name, "Aliases", string.Join(", ", parameter.Aliases.Order()), string.Join(", ", entry.Aliases.Order()));
                // A switch documented as "None" is off by default, and the MAML says False for it (as PlatyPS does).
                var documentedDefault = entry.IsSwitch && entry.DefaultValue == "None" ? "False" : entry.DefaultValue;
                Compare(problems, name, parameter.Name, "Default value", parameter.DefaultValue, documentedDefault);
            }
            foreach (var entry in page.Parameters.Where(e => declared.All(d => d.Name != e.Name)))
            {
                problems.Add($"{name}: {Path.GetFileName(page.SourcePath)} documents -{entry.Name} (line {entry.Line}), which the cmdlet does not declare.");
            }

            var sets = CmdletSurface.SetNames(cmdlet).Order(StringComparer.OrdinalIgnoreCase);
            var documented = page.Syntax.Select(s => s.Name).Order(StringComparer.OrdinalIgnoreCase);
            if (!sets.SequenceEqual(documented, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{name}: parameter sets are [{string.Join(", ", sets)}], the page's SYNTAX shows [{string.Join(", ", documented)}].");
            }
            var defaultSet = CmdletSurface.Attribute(cmdlet).DefaultParameterSetName;
            var markedDefault = page.Syntax.FirstOrDefault(s => s.IsDefault)?.Name;
            if (page.Syntax.Count > 1 && !string.Equals(defaultSet, markedDefault, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{name}: the default parameter set is '{defaultSet}', the page marks '{markedDefault}' as (Default).");
            }

            foreach (var output in cmdlet.GetCustomAttributes(typeof(System.Management.Automation.OutputTypeAttribute), true)
                         .Cast<System.Management.Automation.OutputTypeAttribute>().SelectMany(o => o.Type)
                         .Select(t => t.Type == typeof(void) ? "None" : t.Type?.FullName ?? t.Name))
            {
                if (!page.Outputs.Any(o => o.TypeName == output)) problems.Add($"{name}: declares [OutputType({output})], which '## OUTPUTS' does not list.");
            }
            return problems;
        }

        /// <summary>Every exported cmdlet and every cmdlet class has a page; every page documents one of them.</summary>
        public static IReadOnlyList<string> PageProblems(IEnumerable<string> exported, IEnumerable<Type> cmdlets, IEnumerable<CommandHelp> pages)
        {
            var names = cmdlets.Select(CmdletSurface.CommandName).ToList();
            var documented = pages.Select(p => p.Name).ToList();
            var problems = new List<string>();
            problems.AddRange(exported.Concat(names).Distinct().Where(n => !documented.Contains(n)).Select(n => $"{n} has no page in docs/en-US ({n}.md)."));
            problems.AddRange(documented.Where(d => !names.Contains(d)).Select(d => $"{d}.md documents a cmdlet the module does not define."));
            problems.AddRange(exported.Where(e => !names.Contains(e)).Select(e => $"the manifest exports {e}, which the assembly does not define."));
            return problems;
        }

        private static void Compare(List<string> problems, string command, string parameter, string key, string declared, string documented)
        {
            if (!string.Equals(declared, documented, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{command}: -{parameter} is '{key}: {declared}' in the code but '{key}: {documented}' in the page.");
            }
        }

        // PlatyPS and Get-Help write both pipeline kinds in either order.
        private static string Normal(string pipeline) => pipeline.Replace("True (ByValue, ByPropertyName)", "True (ByPropertyName, ByValue)");
    }
}
