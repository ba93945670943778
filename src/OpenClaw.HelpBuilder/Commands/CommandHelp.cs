using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.HelpBuilder.Commands
{
    /// <summary>One cmdlet page, validated: everything the MAML needs and nothing markdown-specific.</summary>
    internal sealed record CommandHelp(
        string SourcePath,
        string Name,
        string ExternalHelpFile,
        string ModuleName,
        string OnlineVersion,
        IReadOnlyList<string> Synopsis,
        IReadOnlyList<SyntaxSet> Syntax,
        IReadOnlyList<string> Description,
        IReadOnlyList<ExampleHelp> Examples,
        IReadOnlyList<ParameterHelp> Parameters,
        IReadOnlyList<TypeHelp> Inputs,
        IReadOnlyList<TypeHelp> Outputs,
        IReadOnlyList<string> Notes,
        IReadOnlyList<LinkHelp> Links)
    {
        public string Verb => Name.Substring(0, Name.IndexOf('-'));

        public string Noun => Name.Substring(Name.IndexOf('-') + 1);

        public ParameterHelp Parameter(string name) =>
            Parameters.First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// One <c>### SetName</c> of SYNTAX. PlatyPS calls the only set of a cmdlet without named sets
    /// <c>__AllParameterSets</c>. <see cref="Parameters"/> is the order the syntax line shows.
    /// </summary>
    internal sealed record SyntaxSet(int Line, string Name, bool IsDefault, IReadOnlyList<SyntaxParameter> Parameters);

    /// <summary>How a syntax line shows one parameter: <c>[[-Id] &lt;String&gt;]</c> is optional and positional.</summary>
    internal sealed record SyntaxParameter(string Name, bool Optional, bool Positional, string? TypeName);

    /// <summary>One <c>### -Name</c> of PARAMETERS with its yaml block.</summary>
    internal sealed record ParameterHelp(
        int Line,
        string Name,
        IReadOnlyList<string> Description,
        string Type,
        IReadOnlyList<string> ParameterSets,
        IReadOnlyList<string> Aliases,
        bool Required,
        string Position,
        string DefaultValue,
        string PipelineInput,
        bool Globbing,
        IReadOnlyList<string> AcceptedValues)
    {
        public const string AllSets = "(All)";

        public bool InAllSets => ParameterSets.Count == 1 && ParameterSets[0] == AllSets;

        public bool IsSwitch => Type == "SwitchParameter" || Type == "System.Management.Automation.SwitchParameter";

        public bool IsNamed => string.Equals(Position, "Named", StringComparison.OrdinalIgnoreCase);

        public bool IsIn(string set) => InAllSets || ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>One <c>### Example N: title</c>: its code blocks joined, and the remarks under them.</summary>
    internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

    /// <summary>One <c>### TypeName</c> of INPUTS or OUTPUTS.</summary>
    internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

    /// <summary>A related link; <see cref="Uri"/> is empty for links to other pages, which Get-Help cannot open.</summary>
    internal sealed record LinkHelp(string Text, string Uri);
}
