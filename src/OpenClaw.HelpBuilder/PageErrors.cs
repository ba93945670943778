using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder
{
    /// <summary>Makes errors that name the page being read, so every parser step reports file and line alike.</summary>
    internal sealed class PageErrors
    {
        public PageErrors(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public HelpFormatException At(int line, string message) => new HelpFormatException(Path, line, message);

        public HelpFormatException At(MarkdownBlock block, string message) => At(block.Line, message);

        /// <summary>How a block is named in messages: "'### -Foo'", "a ```yaml block", "text".</summary>
        public static string Describe(MarkdownBlock block) => block switch
        {
            Heading h => $"the heading '{h}'",
            CodeBlock c => c.Info.Length > 0 ? $"a ```{c.Info} block" : "a code block",
            _ => "text",
        };
    }
}
