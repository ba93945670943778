using System.Xml.Linq;
using OpenClaw.HelpBuilder.Maml;
using static OpenClaw.HelpBuilder.Tests.Compile;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>The MAML for the sample page, element by element, against what PlatyPS 0.14 writes.</summary>
    public sealed class MamlShapeTests
    {
        private static readonly XElement Command = CommandElement(MamlOf(Files((SamplePage.FileName, SamplePage.Text)), "Sample.dll-Help.xml"), "Get-Sample");

        [Fact]
        public void TheRootIsAMamlHelpItemsWithTheCommandNamespacesDeclared()
        {
            var doc = MamlOf(Files((SamplePage.FileName, SamplePage.Text)), "Sample.dll-Help.xml");
            Assert.Equal(XName.Get("helpItems", "http://msh"), doc.Root!.Name);
            Assert.Equal("maml", doc.Root.Attribute("schema")!.Value);
            Assert.Equal("http://schemas.microsoft.com/maml/2004/10", Command.Attribute(XNamespace.Xmlns + "maml")!.Value);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/command/2004/10", Command.Attribute(XNamespace.Xmlns + "command")!.Value);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/2004/10", Command.Attribute(XNamespace.Xmlns + "dev")!.Value);
            Assert.Equal("http://msdn.microsoft.com/mshelp", Command.Attribute(XNamespace.Xmlns + "MSHelp")!.Value);
        }

        [Fact]
        public void TheCommandHasPlatyPSsSectionsInPlatyPSsOrder()
        {
            Assert.Equal(
                new[] { "details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks" },
                Command.Elements().Select(e => e.Name.LocalName));
        }

        [Fact]
        public void DetailsCarryNameVerbNounAndSynopsis()
        {
            var details = Command.Element(CommandNs + "details")!;
            Assert.Equal("Get-Sample", details.Element(CommandNs + "name")!.Value);
            Assert.Equal("Get", details.Element(CommandNs + "verb")!.Value);
            Assert.Equal("Sample", details.Element(CommandNs + "noun")!.Value);
            Assert.Equal(new[] { "Gets samples." }, Paras(details.Element(MamlNs + "description")));
        }

        [Fact]
        public void DescriptionJoinsWrappedLinesKeepsListItemsApartAndStripsMarkdown()
        {
            Assert.Equal(
                new[]
                {
                    "First paragraph continues here.",
                    "Second paragraph with a link (https://example.com/x), a page link and bold `code`.",
                    "- item one wraps on",
                    "- item two",
                },
                Paras(Command.Element(MamlNs + "description")));
        }

        [Fact]
        public void SyntaxHasOneItemPerSetInTheSyntaxLinesOrderAndSwitchesHaveNoValue()
        {
            var items = Command.Element(CommandNs + "syntax")!.Elements(CommandNs + "syntaxItem").ToList();
            Assert.Equal(2, items.Count);
            Assert.All(items, i => Assert.Equal("Get-Sample", i.Element(MamlNs + "name")!.Value));
            Assert.Equal(new[] { "Id", "Force" }, Names(items[0]));
            Assert.Equal(new[] { "InputObject", "Force" }, Names(items[1]));
            var force = items[0].Elements(CommandNs + "parameter").Single(p => p.Element(MamlNs + "name")!.Value == "Force");
            Assert.Null(force.Element(CommandNs + "parameterValue"));
            Assert.Equal("SwitchParameter", force.Element(DevNs + "type")!.Element(MamlNs + "name")!.Value);
        }

        [Fact]
        public void ParametersCarryTheYamlAsPlatyPSsAttributes()
        {
            var parameters = Command.Element(CommandNs + "parameters")!.Elements(CommandNs + "parameter").ToList();
            Assert.Equal(new[] { "Force", "Id", "InputObject" }, parameters.Select(p => p.Element(MamlNs + "name")!.Value));

            var force = parameters[0];
            Assert.Equal(
                new[] { "required=false", "variableLength=true", "globbing=false", "pipelineInput=False", "position=named", "aliases=f" },
                force.Attributes().Select(a => a.Name.LocalName + "=" + a.Value));
            Assert.Equal("SwitchParameter", force.Element(CommandNs + "parameterValue")!.Value);
            Assert.Equal("false", force.Element(CommandNs + "parameterValue")!.Attribute("required")!.Value);
            Assert.Equal("False", force.Element(DevNs + "defaultValue")!.Value);
            Assert.Equal(new[] { "Forces it." }, Paras(force.Element(MamlNs + "description")));

            var id = parameters[1];
            Assert.Equal(
                new[] { "required=false", "variableLength=true", "globbing=true", "pipelineInput=True (ByPropertyName)", "position=0", "aliases=none" },
                id.Attributes().Select(a => a.Name.LocalName + "=" + a.Value));
            var value = id.Element(CommandNs + "parameterValue")!;
            Assert.Equal(("true", "false", "String[]"), (value.Attribute("required")!.Value, value.Attribute("variableLength")!.Value, value.Value));
            Assert.Equal("None", id.Element(DevNs + "defaultValue")!.Value);

            Assert.Equal("true", parameters[2].Attribute("required")!.Value);
            Assert.Equal("True (ByValue)", parameters[2].Attribute("pipelineInput")!.Value);
        }

        [Fact]
        public void InputsOutputsAndNotesAreCarriedOver()
        {
            var input = Command.Element(CommandNs + "inputTypes")!.Element(CommandNs + "inputType")!;
            Assert.Equal("System.Object", input.Element(DevNs + "type")!.Element(MamlNs + "name")!.Value);
            Assert.Equal(new[] { "Anything." }, Paras(input.Element(MamlNs + "description")));
            var output = Command.Element(CommandNs + "returnValues")!.Element(CommandNs + "returnValue")!;
            Assert.Equal("System.String", output.Element(DevNs + "type")!.Element(MamlNs + "name")!.Value);
            Assert.Empty(Paras(output.Element(MamlNs + "description")));
            Assert.Equal(new[] { "Note one." }, Paras(Command.Element(MamlNs + "alertSet")!.Element(MamlNs + "alert")));
        }

        [Fact]
        public void ExamplesHavePaddedTitlesJoinedCodeAndRemarks()
        {
            var examples = Command.Element(CommandNs + "examples")!.Elements(CommandNs + "example").ToList();
            Assert.Equal(2, examples.Count);
            Assert.Equal("---------------------- Example 1: Get all ----------------------", examples[0].Element(MamlNs + "title")!.Value);
            Assert.Equal("PS> Get-Sample", examples[0].Element(DevNs + "code")!.Value);
            Assert.Equal(new[] { "Gets every sample." }, Paras(examples[0].Element(DevNs + "remarks")));
            Assert.Equal("PS> Get-Sample -Id a*\n\na1", examples[1].Element(DevNs + "code")!.Value);
            Assert.Equal(new[] { "Gets the samples whose id starts with a." }, Paras(examples[1].Element(DevNs + "remarks")));
        }

        [Fact]
        public void RelatedLinksKeepOnlyAbsoluteAddresses()
        {
            var links = Command.Element(CommandNs + "relatedLinks")!.Elements(MamlNs + "navigationLink")
                .Select(l => (l.Element(MamlNs + "linkText")!.Value, l.Element(MamlNs + "uri")!.Value));
            Assert.Equal(new[] { ("Online docs", "https://example.com/get-sample"), ("about_Sample", "") }, links);
        }

        [Fact]
        public void AnOnlineVersionBecomesTheFirstLinkSoGetHelpOnlineCanOpenIt()
        {
            var page = SamplePage.With("online version:\n", "online version: https://example.com/help/Get-Sample\n");
            var links = CommandElement(MamlOf(Files((SamplePage.FileName, page)), "Sample.dll-Help.xml"), "Get-Sample")
                .Element(CommandNs + "relatedLinks")!.Elements(MamlNs + "navigationLink").First();
            Assert.Equal("Online Version:", links.Element(MamlNs + "linkText")!.Value);
            Assert.Equal("https://example.com/help/Get-Sample", links.Element(MamlNs + "uri")!.Value);
        }

        [Theory]
        [InlineData("Example 1", "-------------------------- Example 1 --------------------------")]
        [InlineData("Example 12: a title that is long enough not to be padded at all", "Example 12: a title that is long enough not to be padded at all")]
        public void ExampleTitlesArePaddedLikePlatyPS(string title, string padded) =>
            Assert.Equal(padded, MamlWriter.PadTitle(title));

        [Fact]
        public void TheXmlIsUtf8WithUnixLineEndsAndEscapedText()
        {
            var text = Files((SamplePage.FileName, SamplePage.With("Gets samples.", "Gets <samples> & more."))).Files["Sample.dll-Help.xml"];
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems", text);
            Assert.DoesNotContain("\r", text);
            Assert.Contains("Gets &lt;samples&gt; &amp; more.", text);
        }

        private static IEnumerable<string> Names(XElement syntaxItem) =>
            syntaxItem.Elements(CommandNs + "parameter").Select(p => p.Element(MamlNs + "name")!.Value);
    }
}
