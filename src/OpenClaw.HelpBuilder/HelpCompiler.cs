using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenClaw.HelpBuilder.About;
using OpenClaw.HelpBuilder.Commands;
using OpenClaw.HelpBuilder.Maml;
using OpenClaw.HelpBuilder.Markdown;

namespace OpenClaw.HelpBuilder
{
    /// <summary>A markdown file to compile: its path (for messages and its name) and its text.</summary>
    internal sealed record SourceFile(string Path, string Text);

    /// <summary>What a compilation produced: output files by name, or the errors that stopped it.</summary>
    internal sealed record HelpCompilation(
        IReadOnlyList<HelpFormatException> Errors,
        IReadOnlyList<CommandHelp> Commands,
        IReadOnlyList<AboutTopic> AboutTopics,
        IReadOnlyDictionary<string, string> Files)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    /// <summary>
    /// Compiles a docs folder's pages in memory. Every file is read even after one fails, so a single build
    /// reports every broken page; nothing is produced unless all of them are valid.
    /// </summary>
    internal static class HelpCompiler
    {
        public static HelpCompilation Compile(IEnumerable<SourceFile> sources)
        {
            var errors = new List<HelpFormatException>();
            var commands = new List<CommandHelp>();
            var abouts = new List<AboutTopic>();
            foreach (var source in sources)
            {
                try
                {
                    var doc = MarkdownReader.Read(source.Path, source.Text);
                    if (IsAboutTopic(source.Path)) abouts.Add(AboutTopicParser.Parse(doc));
                    else commands.Add(CommandPageParser.Parse(doc));
                }
                catch (HelpFormatException e)
                {
                    errors.Add(e);
                }
            }
            if (errors.Count == 0) CheckAcrossPages(commands, errors);
            if (errors.Count > 0) return new HelpCompilation(errors, commands, abouts, new Dictionary<string, string>());

            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in commands.GroupBy(c => c.ExternalHelpFile))
            {
                files[group.Key] = MamlWriter.ToText(MamlWriter.ToDocument(group.OrderBy(c => c.Name, StringComparer.Ordinal)));
            }
            foreach (var topic in abouts) files[topic.OutputFileName] = AboutTextWriter.Render(topic);
            return new HelpCompilation(errors, commands, abouts, files);
        }

        public static bool IsAboutTopic(string path) =>
            Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase);

        /// <summary>One help file serves one module: pages that share a help file must agree on the module.</summary>
        private static void CheckAcrossPages(IReadOnlyList<CommandHelp> commands, List<HelpFormatException> errors)
        {
            foreach (var group in commands.GroupBy(c => c.ExternalHelpFile))
            {
                var first = group.First();
                foreach (var other in group.Where(c => c.ModuleName != first.ModuleName))
                {
                    errors.Add(new HelpFormatException(other.SourcePath, 1,
                        $"Module Name '{other.ModuleName}' differs from '{first.ModuleName}' in {Path.GetFileName(first.SourcePath)}, which shares the help file {group.Key}."));
                }
            }
        }
    }
}
