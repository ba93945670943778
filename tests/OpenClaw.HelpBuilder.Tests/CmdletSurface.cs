using System.Management.Automation;
using System.Reflection;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>A parameter as the engine will bind it, in the words a PlatyPS yaml block uses.</summary>
    internal sealed record DeclaredParameter(
        string Name,
        string Type,
        IReadOnlyList<string> Sets,
        bool Required,
        string Position,
        string PipelineInput,
        bool Globbing,
        IReadOnlyList<string> Aliases,
        string DefaultValue);

    /// <summary>
    /// Reads a cmdlet type the way PowerShell does: its [Parameter] properties (inherited ones included; an override
    /// counts with its own attributes only, as the engine reads them) and, for SupportsShouldProcess, the -WhatIf and
    /// -Confirm the engine adds. Common parameters are left out, as in help, and so are DontShow ones (the hidden
    /// parameters that bind piped objects' Origin), which help does not document.
    /// </summary>
    internal static class CmdletSurface
    {
        private const string AllSets = "__AllParameterSets";

        public static CmdletAttribute Attribute(Type cmdlet) => cmdlet.GetCustomAttribute<CmdletAttribute>()!;

        public static string CommandName(Type cmdlet) => Attribute(cmdlet).VerbName + "-" + Attribute(cmdlet).NounName;

        public static IEnumerable<Type> CmdletsIn(Assembly assembly) =>
            assembly.GetExportedTypes().Where(t => !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null);

        public static IReadOnlyList<DeclaredParameter> Parameters(Type cmdlet)
        {
            // Defaults are what a fresh instance holds: the engine binds nothing it was not given.
            var fresh = Activator.CreateInstance(cmdlet);
            var result = cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (Property: p, Attributes: p.GetCustomAttributes<ParameterAttribute>(false).ToList()))
                .Where(p => p.Attributes.Count > 0 && !p.Attributes.Any(a => a.DontShow))
                .Select(p => Describe(p.Property, p.Attributes, fresh))
                .ToList();
            if (Attribute(cmdlet).SupportsShouldProcess)
            {
                result.Add(Switch("WhatIf", "wi"));
                result.Add(Switch("Confirm", "cf"));
            }
            return result;
        }

        /// <summary>The named parameter sets, or __AllParameterSets for a cmdlet without any (PlatyPS's name for it).</summary>
        public static IReadOnlyList<string> SetNames(Type cmdlet)
        {
            var sets = cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .SelectMany(p => p.GetCustomAttributes<ParameterAttribute>(false))
                .Select(a => a.ParameterSetName)
                .Where(s => s != AllSets)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            return sets.Count > 0 ? sets : new[] { AllSets };
        }

        private static DeclaredParameter Describe(PropertyInfo property, IReadOnlyList<ParameterAttribute> attributes, object? fresh)
        {
            var sets = attributes.Any(a => a.ParameterSetName == AllSets) ? new[] { "(All)" } : attributes.Select(a => a.ParameterSetName).ToArray();
            var positions = attributes.Select(a => a.Position).Distinct().ToList();
            var byValue = attributes.Any(a => a.ValueFromPipeline);
            var byName = attributes.Any(a => a.ValueFromPipelineByPropertyName);
            var pipeline = byValue && byName ? "True (ByPropertyName, ByValue)" : byValue ? "True (ByValue)" : byName ? "True (ByPropertyName)" : "False";
            return new DeclaredParameter(
                property.Name,
                property.PropertyType.Name,
                sets,
                attributes.Any(a => a.Mandatory),
                positions.Count == 1 && positions[0] != int.MinValue ? positions[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "Named",
                pipeline,
                property.GetCustomAttribute<SupportsWildcardsAttribute>() != null,
                property.GetCustomAttribute<AliasAttribute>()?.AliasNames.ToArray() ?? Array.Empty<string>(),
                Default(property.GetValue(fresh)));
        }

        private static string Default(object? value) => value switch
        {
            null => "None",
            SwitchParameter s => s.IsPresent ? "True" : "False",
            string s when s.Length == 0 => "None",
            Array { Length: 0 } => "None",
            Array a => string.Join(", ", a.Cast<object>()),
            // An unset value-type parameter (a DateTime, an int without initializer) has no meaningful default.
            ValueType v when v.Equals(Activator.CreateInstance(v.GetType())) => "None",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "None",
        };

        private static DeclaredParameter Switch(string name, string alias) =>
            new DeclaredParameter(name, nameof(SwitchParameter), new[] { "(All)" }, false, "Named", "False", false, new[] { alias }, "False");
    }
}
