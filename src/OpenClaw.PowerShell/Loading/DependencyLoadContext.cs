using System;
using System.Reflection;
using System.Runtime.Loader;

namespace OpenClaw.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7 only: the module's own AssemblyLoadContext. The root module (this assembly) stays in the
    /// default context, where PowerShell loaded it; its one reference into the folder, OpenClaw.Core, fails default
    /// probing (the folder is not the module root) and is handed over here by a Resolving handler on the default
    /// context. Everything OpenClaw.Core references then binds through <see cref="Load"/>, which answers from the
    /// folder first, so a Microsoft.Data.Sqlite 8.0 or a BouncyCastle 2.4 already in the default context is never
    /// consulted, and ours never enters it.
    /// Compiled against the System.Runtime.Loader 4.3.0 reference (netstandard2.0 does not name the type); .NET
    /// supplies the type at run time, and <see cref="ModuleLoader"/> never lets .NET Framework reach this class.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>The one assembly the default context asks this context for: the bridge to everything else.</summary>
        private const string CoreAssembly = "OpenClaw.Core";

        private static readonly object Gate = new object();
        private static DependencyLoadContext? _instance;
        private static bool _attached;

        private readonly DependencyFolder _folder;

        private DependencyLoadContext(DependencyFolder folder)
        {
            _folder = folder;
        }

        /// <summary>
        /// Creates the context once per process (assemblies cannot be unloaded from a non-collectible context, so a
        /// re-import reuses it) and hooks the default context's Resolving event.
        /// </summary>
        public static void Attach(DependencyFolder folder)
        {
            lock (Gate)
            {
                _instance ??= new DependencyLoadContext(folder);
                if (_attached) return;
                Default.Resolving += ResolveCore;
                _attached = true;
            }
        }

        /// <summary>
        /// Unhooks on Remove-Module. OpenClaw.Core stays loaded (nothing unloads); an import after this hooks again,
        /// and the default context, which remembers what a Resolving handler gave it, binds the same copy.
        /// </summary>
        public static void Detach()
        {
            lock (Gate)
            {
                if (!_attached) return;
                Default.Resolving -= ResolveCore;
                _attached = false;
            }
        }

        private static Assembly? ResolveCore(AssemblyLoadContext context, AssemblyName name) =>
            string.Equals(name.Name, CoreAssembly, StringComparison.Ordinal) ? _instance?.LoadFromAssemblyName(name) : null;

        /// <summary>
        /// Called before the default context is asked (the order a custom context guarantees): the module's own file
        /// when it ships one, otherwise null, which falls back to the default context. Without this override the
        /// fallback would bind whatever copy the default context holds, or throw FileLoadException for a higher
        /// version than that copy. System.* files are skipped: they are the .NET Framework facades (System.Memory and
        /// friends), and .NET's own, newer ones must be used, or the module's Span would not be .NET's Span.
        /// </summary>
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == null || assemblyName.Name.StartsWith("System.", StringComparison.Ordinal)) return null;
            var file = _folder.FileFor(assemblyName);
            return file == null ? null : LoadFromAssemblyPath(file);
        }

        /// <summary>Names the context in diagnostics (the 4.3.0 reference has no constructor that takes a name).</summary>
        public override string ToString() => $"OpenClaw.PowerShell dependencies ({_folder.Path})";
    }
}
