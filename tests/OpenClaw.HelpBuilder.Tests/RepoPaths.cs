using System.Reflection;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>Where the real pages and the built module are; the build stamps the repository root into this assembly.</summary>
    internal static class RepoPaths
    {
        public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!;

        public static string Docs => Path.Combine(Root, "docs", "en-US");

        public static string ModuleFolder => Path.Combine(Root, "out", "OpenClaw.PowerShell");

        public static string BuiltHelp => Path.Combine(ModuleFolder, "en-US");

        public static string Manifest => Path.Combine(Root, "OpenClaw.PowerShell.psd1");

        public static IEnumerable<string> Pages(string pattern = "*.md") =>
            Directory.GetFiles(Docs, pattern).OrderBy(f => f, StringComparer.Ordinal);

        public static IEnumerable<string> CommandPages => Pages().Where(p => !HelpCompiler.IsAboutTopic(p));
    }
}
