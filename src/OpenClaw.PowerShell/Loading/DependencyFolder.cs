using System;
using System.IO;
using System.Reflection;

namespace OpenClaw.PowerShell.Loading
{
    /// <summary>
    /// The module's <c>Dependencies</c> folder: OpenClaw.Core, the third-party assemblies it uses (Newtonsoft.Json,
    /// BouncyCastle, Microsoft.Data.Sqlite, SQLitePCLRaw), the .NET Framework facades and the native e_sqlite3 under
    /// <c>runtimes/</c>. They are kept out of the module root so that no host finds them by its own probing and
    /// binds another module's copy instead, or hands ours to it; only <see cref="ModuleLoader"/>'s resolver serves
    /// them. See docs/dependency-isolation.md.
    /// </summary>
    internal sealed class DependencyFolder
    {
        public const string Name = "Dependencies";

        private DependencyFolder(string path)
        {
            Path = path;
        }

        public string Path { get; }

        /// <summary>
        /// The folder beside the module's root assembly, or null where there is none: a build output or a test host
        /// that keeps every assembly side by side, where the host's own probing already finds them.
        /// </summary>
        public static DependencyFolder? Beside(Assembly rootModule)
        {
            var root = System.IO.Path.GetDirectoryName(rootModule.Location);
            if (string.IsNullOrEmpty(root)) return null;
            var path = System.IO.Path.Combine(root, Name);
            return Directory.Exists(path) ? new DependencyFolder(path) : null;
        }

        /// <summary>The file of an assembly the module ships, or null when it ships none of that name.</summary>
        public string? FileFor(AssemblyName assembly)
        {
            var simpleName = assembly.Name;
            // A simple name is never a path; refuse one that would leave the folder.
            if (string.IsNullOrEmpty(simpleName) || simpleName!.IndexOfAny(new[] { '/', '\\', ':' }) >= 0 || simpleName.Contains("..")) return null;
            var file = System.IO.Path.Combine(Path, simpleName + ".dll");
            return File.Exists(file) ? file : null;
        }
    }
}
