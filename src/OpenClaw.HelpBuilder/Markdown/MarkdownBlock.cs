using System.Collections.Generic;

namespace OpenClaw.HelpBuilder.Markdown
{
    /// <summary>One block of a page; <see cref="Line"/> is where it starts (1-based), for error messages.</summary>
    internal abstract record MarkdownBlock(int Line);

    /// <summary>An ATX heading: <c>## SYNOPSIS</c> is level 2 with text "SYNOPSIS".</summary>
    internal sealed record Heading(int Line, int Level, string Text) : MarkdownBlock(Line)
    {
        public override string ToString() => new string('#', Level) + " " + Text;
    }

    /// <summary>Consecutive non-blank lines: prose, list items or table rows, kept raw for <see cref="InlineText"/>.</summary>
    internal sealed record Paragraph(int Line, IReadOnlyList<string> Lines) : MarkdownBlock(Line);

    /// <summary>A fenced code block; <see cref="Info"/> is the word after the fence ("powershell", "yaml" or "").</summary>
    internal sealed record CodeBlock(int Line, string Info, string Text) : MarkdownBlock(Line);

    /// <summary>A whole page: its YAML front matter (empty when it has none) and its blocks in order.</summary>
    internal sealed record MarkdownDocument(
        string Path,
        IReadOnlyDictionary<string, FrontMatterEntry> FrontMatter,
        bool HasFrontMatter,
        IReadOnlyList<MarkdownBlock> Blocks,
        int LastLine);

    internal sealed record FrontMatterEntry(int Line, string Value);
}
