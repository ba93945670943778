using System.Xml.Linq;
using OpenClaw.HelpBuilder.Maml;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>Small helpers to compile pages in memory and read the MAML back.</summary>
    internal static class Compile
    {
        public static readonly XNamespace MamlNs = MamlWriter.Maml;
        public static readonly XNamespace CommandNs = MamlWriter.Command;
        public static readonly XNamespace DevNs = MamlWriter.Dev;

        public static HelpCompilation Files(params (string Name, string Text)[] pages) =>
            HelpCompiler.Compile(pages.Select(p => new SourceFile(Path.Combine("docs", p.Name), p.Text)));

        /// <summary>The one error a malformed page gives.</summary>
        public static HelpFormatException Error(string name, string text)
        {
            var result = Files((name, text));
            Assert.False(result.Succeeded, "the page was expected to be rejected");
            return Assert.Single(result.Errors);
        }

        public static XDocument MamlOf(HelpCompilation compilation, string helpFile = "OpenClaw.PowerShell.dll-Help.xml")
        {
            Assert.True(compilation.Succeeded, string.Join("\n", compilation.Errors));
            return XDocument.Parse(compilation.Files[helpFile]);
        }

        public static HelpCompilation RealDocs() =>
            HelpCompiler.Compile(RepoPaths.Pages().Select(p => new SourceFile(p, File.ReadAllText(p))));

        public static XElement CommandElement(XDocument maml, string name) =>
            maml.Root!.Elements(CommandNs + "command").Single(c => c.Element(CommandNs + "details")!.Element(CommandNs + "name")!.Value == name);

        public static IReadOnlyList<string> Paras(XElement? parent) =>
            parent?.Elements(MamlNs + "para").Select(p => p.Value).ToList() ?? new List<string>();
    }
}
