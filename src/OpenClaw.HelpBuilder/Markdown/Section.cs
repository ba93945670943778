using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.HelpBuilder.Markdown
{
    /// <summary>A heading and the blocks under it, up to the next heading of the same or a higher level.</summary>
    internal sealed record Section(Heading Heading, IReadOnlyList<MarkdownBlock> Body)
    {
        public string Name => Heading.Text;

        public int Line => Heading.Line;

        /// <summary>Splits <paramref name="blocks"/> at every heading of <paramref name="level"/>.</summary>
        /// <returns>The blocks before the first such heading, and the sections.</returns>
        public static (IReadOnlyList<MarkdownBlock> Before, IReadOnlyList<Section> Sections) Split(IEnumerable<MarkdownBlock> blocks, int level)
        {
            var before = new List<MarkdownBlock>();
            var sections = new List<Section>();
            List<MarkdownBlock>? body = null;
            Heading? heading = null;
            foreach (var block in blocks)
            {
                if (block is Heading h && h.Level == level)
                {
                    if (heading != null) sections.Add(new Section(heading, body!));
                    heading = h;
                    body = new List<MarkdownBlock>();
                }
                else if (body != null)
                {
                    body.Add(block);
                }
                else
                {
                    before.Add(block);
                }
            }
            if (heading != null) sections.Add(new Section(heading, body!));
            return (before, sections);
        }

        public IEnumerable<Paragraph> Paragraphs => Body.OfType<Paragraph>();

        /// <summary>The first block that is not a paragraph, if any: text-only sections reject it.</summary>
        public MarkdownBlock? FirstNonParagraph => Body.FirstOrDefault(b => b is not Paragraph);
    }
}
