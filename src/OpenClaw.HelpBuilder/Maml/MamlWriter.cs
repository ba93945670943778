using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OpenClaw.HelpBuilder.Commands;

namespace OpenClaw.HelpBuilder.Maml
{
    /// <summary>
    /// Writes the MAML that PlatyPS 0.14 writes (its MamlRenderer): the same namespaces, element order, attribute
    /// spellings and quirks, because Get-Help in Windows PowerShell 5.1 and PowerShell 7 is tuned to that output.
    /// </summary>
    internal static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        public static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static XDocument ToDocument(IEnumerable<CommandHelp> commands) =>
            new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

        /// <summary>The document as text, UTF-8 and indented, with \n line ends so builds match on every OS.</summary>
        public static string ToText(XDocument document)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
            using var text = new Utf8StringWriter();
            using (var writer = XmlWriter.Create(text, settings))
            {
                document.Save(writer);
            }
            return text.ToString() + "\n";
        }

        private static XElement CommandElement(CommandHelp command) =>
            new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", command.Name),
                    new XElement(Command + "verb", command.Verb),
                    new XElement(Command + "noun", command.Noun),
                    new XElement(Maml + "description", Paras(command.Synopsis))),
                new XElement(Maml + "description", Paras(command.Description)),
                new XElement(Command + "syntax", command.Syntax.Select(set => SyntaxItem(command, set))),
                new XElement(Command + "parameters", command.Parameters.Select(p => Parameter(p, inSyntax: false))),
                new XElement(Command + "inputTypes", command.Inputs.Select(t => TypeEntry("inputType", t))),
                new XElement(Command + "returnValues", command.Outputs.Select(t => TypeEntry("returnValue", t))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(command.Notes))),
                new XElement(Command + "examples", command.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", command.Links.Select(Link)));

        /// <summary>One syntax item per set, parameters in the order the page's syntax line shows them.</summary>
        private static XElement SyntaxItem(CommandHelp command, SyntaxSet set) =>
            new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", command.Name),
                set.Parameters.Select(shown => Parameter(command.Parameter(shown.Name), inSyntax: true)));

        private static XElement Parameter(ParameterHelp p, bool inSyntax) =>
            new XElement(Command + "parameter",
                new XAttribute("required", p.Required),
                new XAttribute("variableLength", true),
                new XAttribute("globbing", p.Globbing),
                new XAttribute("pipelineInput", p.PipelineInput),
                new XAttribute("position", p.Position.ToLowerInvariant()),
                new XAttribute("aliases", p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none"),
                new XElement(Maml + "name", p.Name),
                new XElement(Maml + "description", Paras(p.Description)),
                inSyntax && p.AcceptedValues.Count > 0
                    ? new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                        new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v)))
                    : null,
                // PlatyPS leaves the value out of a switch in syntax, so Get-Help shows [-PassThru], not [-PassThru <SwitchParameter>].
                inSyntax && p.IsSwitch
                    ? null
                    : new XElement(Command + "parameterValue", new XAttribute("required", !p.IsSwitch), new XAttribute("variableLength", false), MamlType(p)),
                new XElement(Dev + "type", new XElement(Maml + "name", MamlType(p)), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", p.IsSwitch && p.DefaultValue == "None" ? "False" : p.DefaultValue));

        private static string MamlType(ParameterHelp p) => p.IsSwitch ? "SwitchParameter" : p.Type;

        private static XElement TypeEntry(string element, TypeHelp type) =>
            new XElement(Command + element,
                new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
                new XElement(Maml + "description", Paras(type.Description)));

        private static XElement Example(ExampleHelp example) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", PadTitle(example.Title)),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paras(example.Remarks)));

        private static XElement Link(LinkHelp link) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", link.Text), new XElement(Maml + "uri", link.Uri));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paras) => paras.Select(p => new XElement(Maml + "para", p));

        /// <summary>Get-Help prints the title as is; PlatyPS centres it in dashes to 64 characters so examples stand out.</summary>
        internal static string PadTitle(string title)
        {
            if (string.IsNullOrWhiteSpace(title) || title.Length >= 62) return title;
            var pad = new string('-', (64 - title.Length - 2) / 2);
            return pad + " " + title + " " + pad;
        }

        private sealed class Utf8StringWriter : StringWriter
        {
            public override Encoding Encoding => new UTF8Encoding(false);
        }
    }
}
