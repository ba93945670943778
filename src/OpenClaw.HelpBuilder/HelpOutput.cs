using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace OpenClaw.HelpBuilder
{
    /// <summary>Writes the help files and removes generated files whose page was deleted.</summary>
    internal static class HelpOutput
    {
        // A BOM, because Windows PowerShell 5.1 reads an about_*.help.txt without one in the ANSI code page.
        private static readonly Encoding Utf8WithBom = new UTF8Encoding(true);

        public static void Write(string target, IReadOnlyDictionary<string, string> files)
        {
            Directory.CreateDirectory(target);
            foreach (var file in files)
            {
                // Always written, even when unchanged, so MSBuild's timestamp check sees the target as up to date.
                File.WriteAllText(Path.Combine(target, file.Key), file.Value, Utf8WithBom);
            }
            var stale = Directory.GetFiles(target, "about_*.help.txt").Concat(Directory.GetFiles(target, "*-Help.xml"))
                .Where(f => !files.ContainsKey(Path.GetFileName(f)));
            foreach (var file in stale) File.Delete(file);
        }
    }
}
