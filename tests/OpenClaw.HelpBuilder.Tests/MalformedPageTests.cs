using static OpenClaw.HelpBuilder.Tests.Compile;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>
    /// Each case breaks one thing in the sample page and expects one error that names the file, the line to look
    /// at and what is wrong, so a broken page fails the build with a message a person can act on.
    /// </summary>
    public sealed class MalformedPageTests
    {
        private const string ForceYaml = "```yaml\nType: SwitchParameter\nParameter Sets: (All)\nAliases: f\n\nRequired: False\nPosition: Named\nDefault value: None\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n";

        // name | text to find | replacement | marker on the line the error must point at | words the message must contain
        public static TheoryData<string, string, string, string, string> Cases => new()
        {
            { "no front matter", "---\nexternal help file: Sample.dll-Help.xml\nModule Name: Sample\nonline version:\nschema: 2.0.0\n---\n", "", "=", "starts with YAML front matter" },
            { "front matter never closed", "schema: 2.0.0\n---\n", "schema: 2.0.0\n", "---", "never closed" },
            { "unsupported schema", "schema: 2.0.0", "schema: 1.0.0", "schema:", "schema '1.0.0' is not supported" },
            { "no module name", "Module Name: Sample\n", "", "---", "no 'Module Name:' entry" },
            { "online version not a URL", "online version:\n", "online version: Get-Sample.md\n", "online version:", "not an http(s) address" },
            { "title differs from file name", "# Get-Sample", "# Get-Other", "# Get-Other", "is named 'Get-Sample.md'" },
            { "missing section", "## NOTES\nNote one.\n\n", "", "## RELATED LINKS", "missing required section '## NOTES'" },
            { "unknown section", "## NOTES", "## NOTE", "## NOTE", "unknown section '## NOTE'" },
            { "sections out of order", "## INPUTS\n\n### System.Object\nAnything.\n\n## OUTPUTS\n\n### System.String\n", "## OUTPUTS\n\n### System.String\n\n## INPUTS\n\n### System.Object\nAnything.\n", "## INPUTS", "'## INPUTS' must come before '## OUTPUTS'" },
            { "section twice", "## NOTES\nNote one.", "## NOTES\nNote one.\n\n## NOTES\nAgain.", "^Again.", "appears twice" },
            { "parameter without yaml", "Forces it.\n\n" + ForceYaml, "Forces it.\n", "### -Force", "'### -Force' has no ```yaml block" },
            { "parameter block not yaml", "Forces it.\n\n```yaml\nType: SwitchParameter", "Forces it.\n\n```yml\nType: SwitchParameter", "```yml", "should be ```yaml, not a ```yml block" },
            { "two yaml blocks", "Forces it.\n\n" + ForceYaml, "Forces it.\n\n" + ForceYaml + "\n```yaml\nType: Twice\n```\n", "^Type: Twice", "has a ```yaml block after its yaml block" },
            { "text after yaml", "Forces it.\n\n" + ForceYaml, "Forces it.\n\n" + ForceYaml + "\nStray text.\n", "Stray text.", "has text after its yaml block" },
            { "parameter without description", "### -Force\nForces it.\n", "### -Force\n", "### -Force", "'### -Force' has no description" },
            { "yaml key missing", "Type: String[]\nParameter Sets: ById\nAliases:\n\nRequired: False\nPosition: 0\n", "Type: String[]\nParameter Sets: ById\nAliases:\n\nRequired: False\n", "^Type: String[]", "has no 'Position:' line" },
            { "unknown yaml key", "Position: 0\n", "Position: 0\nMandatory: False\n", "Mandatory: False", "unknown key 'Mandatory'" },
            { "Required not boolean", "Required: True\n", "Required: Yes\n", "Required: Yes", "'Required: Yes'; expected True or False" },
            { "Position not a number", "Position: 0\n", "Position: first\n", "Position: first", "Named or a position number" },
            { "pipeline input unreadable", "Accept pipeline input: True (ByValue)", "Accept pipeline input: Yes", "Accept pipeline input: Yes", "expected False, True (ByValue)" },
            { "empty default value", "Type: Object\nParameter Sets: ByObject\nAliases:\n\nRequired: True\nPosition: Named\nDefault value: None", "Type: Object\nParameter Sets: ByObject\nAliases:\n\nRequired: True\nPosition: Named\nDefault value:", "=Default value:", "None when there is none" },
            { "no CommonParameters", "### CommonParameters\nThis cmdlet supports the common parameters.\n", "", "### -InputObject", "must end with '### CommonParameters'" },
            { "parameter twice", "### -Id\nThe ids.", "### -Force\nThe ids.", "^The ids.", "'### -Force' appears twice" },
            { "parameter heading without dash", "### -Id\n", "### Id\n", "### Id", "should name a parameter as '### -Name'" },
            { "syntax lacks a parameter", "Get-Sample [[-Id] <String[]>] [-Force] [<CommonParameters>]", "Get-Sample [[-Id] <String[]>] [<CommonParameters>]", "### ById", "lacks -Force" },
            { "syntax shows an undocumented parameter", "Get-Sample [[-Id] <String[]>] [-Force]", "Get-Sample [[-Id] <String[]>] [-Bogus] [-Force]", "### ById", "has no '### -Bogus'" },
            { "syntax says mandatory, yaml optional", "Get-Sample [[-Id] <String[]>]", "Get-Sample [-Id] <String[]>", "### ById", "-Id as mandatory, but its yaml" },
            { "syntax says named, yaml positional", "Get-Sample [[-Id] <String[]>]", "Get-Sample [-Id <String[]>]", "### ById", "-Id as named, but its yaml" },
            { "syntax type differs", "Get-Sample [[-Id] <String[]>]", "Get-Sample [[-Id] <String>]", "### ById", "with <String>, but its yaml (line" },
            { "syntax without common parameters", "Get-Sample [[-Id] <String[]>] [-Force] [<CommonParameters>]", "Get-Sample [[-Id] <String[]>] [-Force]", "^Get-Sample [[-Id]", "should end with [<CommonParameters>]" },
            { "syntax unreadable", "Get-Sample [[-Id] <String[]>] [-Force]", "Get-Sample [[-Id] <String[]>] {-Force}", "^Get-Sample [[-Id]", "cannot read the syntax of set 'ById' at '{-Force}" },
            { "syntax for another command", "Get-Sample [[-Id] <String[]>] [-Force]", "Get-Example [[-Id] <String[]>] [-Force]", "^Get-Example", "should start with 'Get-Sample'" },
            { "set missing from syntax", "Parameter Sets: ById", "Parameter Sets: ByName", "### -Id", "in parameter set 'ByName', but '## SYNTAX' has no '### ByName'" },
            { "two default sets", "### ByObject\n", "### ByObject (Default)\n", "### ByObject", "only one parameter set can be '(Default)'" },
            { "syntax set without code", "### ByObject\n```\nGet-Sample -InputObject <Object>\n [-Force] [<CommonParameters>]\n```\n", "### ByObject\n", "### ByObject", "has no code block" },
            { "example numbered wrongly", "### Example 2\n", "### Example 3\n", "### Example 3", "should be Example 2" },
            { "example heading not an example", "### Example 2\n", "### Second example\n", "### Second example", "should read '### Example 2'" },
            { "example without code", "### Example 1: Get all\n```powershell\nPS> Get-Sample\n```\n", "### Example 1: Get all\n", "### Example 1", "should start with a ```powershell block" },
            { "example code not powershell", "### Example 1: Get all\n```powershell", "### Example 1: Get all\n```ps", "```ps", "should be ```powershell, not a ```ps block" },
            { "example without remarks", "Gets every sample.\n", "", "### Example 1", "has no text after its code" },
            { "code after remarks", "Gets every sample.\n", "Gets every sample.\n\n```powershell\nPS> more\n```\n", "^PS> more", "after its description" },
            { "code block never closed", "## RELATED LINKS", "```powershell\nPS> oops\n\n## RELATED LINKS", "^PS> oops", "never closed" },
            { "link line not a link", "[about_Sample](about_Sample.md)", "see about_Sample", "see about_Sample", "expected one link per line" },
            { "code in description", "- item two\n", "- item two\n\n```powershell\nPS> x\n```\n", "^PS> x", "'## DESCRIPTION' may only hold text, not a ```powershell block" },
            { "empty synopsis", "## SYNOPSIS\nGets samples.\n", "## SYNOPSIS\n", "## SYNOPSIS", "'## SYNOPSIS' is empty" },
            { "inputs without a type", "### System.Object\nAnything.\n", "Anything.\n", "Anything.", "found text before the first one" },
            { "front matter line without a colon", "Module Name: Sample\n", "Module Name Sample\n", "Module Name Sample", "is not 'key: value'" },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void AMalformedPageFailsWithFileLineAndCause(string name, string find, string replace, string marker, string message)
        {
            var page = SamplePage.With(find, replace);
            var error = Error(SamplePage.FileName, page);
            Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: '{error.Message}' does not contain '{message}'");
            Assert.Equal(SamplePage.LineOf(page, marker), error.Line);
            Assert.Equal(Path.Combine("docs", SamplePage.FileName), error.Path);
            Assert.StartsWith($"{error.Path}({error.Line}): error OCHELP: ", error.ToString());
        }

        [Fact]
        public void EveryBrokenPageIsReportedAndNothingIsWritten()
        {
            var result = Files(
                (SamplePage.FileName, SamplePage.With("## NOTES", "## NOTE")),
                ("Get-Other.md", SamplePage.Text.Replace("Get-Sample", "Get-Other")),
                ("Set-Sample.md", SamplePage.Text.Replace("Get-Sample", "Set-Sample").Replace("### -Force\nForces it.\n", "### -Force\n")));
            Assert.Equal(new[] { "Get-Sample.md", "Set-Sample.md" }, result.Errors.Select(e => Path.GetFileName(e.Path)));
            Assert.Empty(result.Files);
        }

        [Fact]
        public void PagesOfOneHelpFileMustNameTheSameModule()
        {
            var result = Files(
                (SamplePage.FileName, SamplePage.Text),
                ("Get-Other.md", SamplePage.Text.Replace("Get-Sample", "Get-Other").Replace("Module Name: Sample", "Module Name: Elsewhere")));
            var error = Assert.Single(result.Errors);
            Assert.Contains("Module Name 'Elsewhere' differs", error.Message);
        }

        [Fact]
        public void CrlfPagesReadLikeLfPages()
        {
            var result = Files((SamplePage.FileName, SamplePage.Text.Replace("\n", "\r\n")));
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            Assert.Equal(Files((SamplePage.FileName, SamplePage.Text)).Files["Sample.dll-Help.xml"], result.Files["Sample.dll-Help.xml"]);
        }
    }
}
