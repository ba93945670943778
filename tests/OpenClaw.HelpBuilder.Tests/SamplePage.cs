namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>
    /// A small valid page that uses every construct the builder reads: two parameter sets, a switch, a positional
    /// parameter, a list, a link, an example with two code blocks. Malformed-page tests break one thing in it.
    /// </summary>
    internal static class SamplePage
    {
        public const string FileName = "Get-Sample.md";

        public const string Text = """
            ---
            external help file: Sample.dll-Help.xml
            Module Name: Sample
            online version:
            schema: 2.0.0
            ---

            # Get-Sample

            ## SYNOPSIS
            Gets samples.

            ## SYNTAX

            ### ById (Default)
            ```
            Get-Sample [[-Id] <String[]>] [-Force] [<CommonParameters>]
            ```

            ### ByObject
            ```
            Get-Sample -InputObject <Object>
             [-Force] [<CommonParameters>]
            ```

            ## DESCRIPTION
            First paragraph
            continues here.

            Second paragraph with a [link](https://example.com/x), a [page link](Other.md) and **bold** `code`.

            - item one
              wraps on
            - item two

            ## EXAMPLES

            ### Example 1: Get all
            ```powershell
            PS> Get-Sample
            ```

            Gets every sample.

            ### Example 2
            ```powershell
            PS> Get-Sample -Id a*
            ```

            ```output
            a1
            ```

            Gets the samples
            whose id starts with a.

            ## PARAMETERS

            ### -Force
            Forces it.

            ```yaml
            Type: SwitchParameter
            Parameter Sets: (All)
            Aliases: f

            Required: False
            Position: Named
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### -Id
            The ids.

            ```yaml
            Type: String[]
            Parameter Sets: ById
            Aliases:

            Required: False
            Position: 0
            Default value: None
            Accept pipeline input: True (ByPropertyName)
            Accept wildcard characters: True
            ```

            ### -InputObject
            The object.

            ```yaml
            Type: Object
            Parameter Sets: ByObject
            Aliases:

            Required: True
            Position: Named
            Default value: None
            Accept pipeline input: True (ByValue)
            Accept wildcard characters: False
            ```

            ### CommonParameters
            This cmdlet supports the common parameters.

            ## INPUTS

            ### System.Object
            Anything.

            ## OUTPUTS

            ### System.String

            ## NOTES
            Note one.

            ## RELATED LINKS

            [Online docs](https://example.com/get-sample)

            [about_Sample](about_Sample.md)
            """;

        /// <summary>The sample with <paramref name="find"/> replaced; fails loudly if the text is not there.</summary>
        public static string With(string find, string replace)
        {
            Assert.Contains(find, Text);
            return Text.Replace(find, replace);
        }

        /// <summary>
        /// The 1-based line of the first line of <paramref name="page"/> that contains <paramref name="marker"/>.
        /// "=text" matches a whole line; "^text" means the line before it (a code fence, whose opening line holds
        /// nothing unique).
        /// </summary>
        public static int LineOf(string page, string marker)
        {
            if (marker.StartsWith('^')) return LineOf(page, marker.Substring(1)) - 1;
            var exact = marker.StartsWith('=');
            var lines = page.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (exact ? lines[i] == marker.Substring(1) : lines[i].Contains(marker, StringComparison.Ordinal)) return i + 1;
            }
            throw new InvalidOperationException($"'{marker}' is not in the page");
        }
    }
}
