using static OpenClaw.HelpBuilder.Tests.Compile;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>About topics: the template's structure is enforced, and the text is laid out as Get-Help shows it.</summary>
    public sealed class AboutTopicTests
    {
        private const string Name = "about_Sample.md";

        private const string Topic = """
            # about_Sample

            ## about_Sample

            ## SHORT DESCRIPTION
            Describes samples.

            ## LONG DESCRIPTION
            A long paragraph that goes on and on, long enough that it has to be wrapped at eighty columns by the writer.

            ### A subtopic
            - first item of a list that is also long enough to need wrapping onto a second line of text
            - second item

            | a | b |
            |---|---|

            ## EXAMPLES
            ```powershell
            Get-Sample
              -Force
            ```

            ## SEE ALSO
            - [about_Other](about_Other.md)
            - [Docs](https://example.com/docs)
            """;

        [Fact]
        public void TheTextHasATopicHeaderSectionsFlushLeftAndWrappedIndentedBody()
        {
            var text = Files((Name, Topic)).Files["about_Sample.help.txt"];
            var expected = """
                TOPIC
                    about_Sample

                SHORT DESCRIPTION
                    Describes samples.

                LONG DESCRIPTION
                    A long paragraph that goes on and on, long enough that it has to be wrapped
                    at eighty columns by the writer.

                    A SUBTOPIC

                    - first item of a list that is also long enough to need wrapping onto a
                      second line of text
                    - second item

                    | a | b |
                    |---|---|

                EXAMPLES
                        Get-Sample
                          -Force

                SEE ALSO
                    - about_Other
                    - Docs (https://example.com/docs)

                """;
            Assert.Equal(expected, text);
            Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, $"'{line}' is wider than 80 columns"));
        }

        [Theory]
        [InlineData("# about_Sample\n", "# about_Other\n", 1, "starts with '# about_Sample'")]
        [InlineData("## about_Sample\n", "## SHORT\n", 3, "is '## about_Sample', the name Get-Help looks up")]
        [InlineData("## SHORT DESCRIPTION\nDescribes samples.\n\n", "", 5, "expected '## SHORT DESCRIPTION' here")]
        [InlineData("## LONG DESCRIPTION\n", "## DETAILS\n", 8, "expected '## LONG DESCRIPTION' here")]
        [InlineData("## SEE ALSO", "## RELATED", 24, "unknown section '## RELATED'")]
        [InlineData("## EXAMPLES", "## SEE ALSO", 24, "out of order or repeated")]
        [InlineData("### A subtopic", "#### A subtopic", 11, "is not allowed here")]
        [InlineData("## SHORT DESCRIPTION\nDescribes samples.\n", "## SHORT DESCRIPTION\n```\ncode\n```\n", 6, "may only hold text")]
        [InlineData("```powershell\nGet-Sample\n  -Force\n```\n", "", 18, "'## EXAMPLES' is empty")]
        public void AMalformedTopicFailsWithLineAndCause(string find, string replace, int line, string message)
        {
            Assert.Contains(find, Topic);
            var error = Error(Name, Topic.Replace(find, replace));
            Assert.Contains(message, error.Message);
            Assert.Equal(line, error.Line);
        }

        [Fact]
        public void TheFileNameMustBeATopicName()
        {
            var error = Error("about_Bad-Name.md", Topic);
            Assert.Contains("not a valid about topic file name", error.Message);
        }

        [Fact]
        public void RealTopicsFitEightyColumnsAndKeepTheirSections()
        {
            var compilation = RealDocs();
            Assert.True(compilation.Succeeded, string.Join("\n", compilation.Errors));
            foreach (var topic in compilation.AboutTopics)
            {
                var text = compilation.Files[topic.OutputFileName];
                Assert.StartsWith("TOPIC\n    " + topic.Name + "\n", text);
                Assert.Contains("\nSHORT DESCRIPTION\n", text);
                Assert.Contains("\nLONG DESCRIPTION\n", text);
                Assert.Contains("\nSEE ALSO\n", text);
                var wide = text.Split('\n').Where(l => l.Length > 80 && !l.TrimStart().StartsWith("|", StringComparison.Ordinal)).ToList();
                Assert.True(wide.Count == 0, $"{topic.Name} has lines wider than 80 columns:\n" + string.Join("\n", wide));
            }
            Assert.Equal(new[] { "about_OpenClaw_Connections", "about_OpenClaw_DeviceScopes", "about_OpenClaw_OfflineRepair" }, compilation.AboutTopics.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        }
    }
}
