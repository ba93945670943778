using System;
using System.IO;
using System.Linq;

namespace OpenClaw.HelpBuilder
{
    /// <summary>
    /// <c>dotnet OpenClaw.HelpBuilder.dll &lt;docs/en-US&gt; &lt;out/Module/en-US&gt;</c>. Exit 0: help written;
    /// 1: a page is malformed (each problem printed as path(line): error ...); 2: bad arguments.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length != 2)
            {
                Console.Error.WriteLine("usage: OpenClaw.HelpBuilder <markdown folder, e.g. docs/en-US> <output folder, e.g. out/OpenClaw.PowerShell/en-US>");
                return 2;
            }
            var (source, target) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
            if (!Directory.Exists(source))
            {
                Console.Error.WriteLine($"{source}: error OCHELP: the markdown folder does not exist.");
                return 2;
            }

            var files = Directory.GetFiles(source, "*.md").OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                Console.Error.WriteLine($"{source}: error OCHELP: the folder holds no markdown pages.");
                return 1;
            }
            var compilation = HelpCompiler.Compile(files.Select(f => new SourceFile(f, File.ReadAllText(f))));
            if (!compilation.Succeeded)
            {
                foreach (var error in compilation.Errors) Console.Error.WriteLine(error.ToString());
                return 1;
            }

            HelpOutput.Write(target, compilation.Files);
            Console.WriteLine($"OpenClaw.HelpBuilder: {compilation.Commands.Count} cmdlet page(s) and {compilation.AboutTopics.Count} about topic(s) -> {target}");
            return 0;
        }
    }
}
