using System;
using System.Collections.Generic;
using System.Reflection;

namespace OpenClaw.PowerShell.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 only (.NET Framework has no load contexts): an AppDomain.AssemblyResolve handler that
    /// serves the <see cref="DependencyFolder"/>. It is asked only after .NET Framework's own binding failed, which it
    /// does for the module's assemblies because they are not in the module root.
    /// Files are loaded with Assembly.LoadFile, into no binding context: LoadFrom would hand back another module's
    /// already-loaded copy of the same identity (BouncyCastle 2.x are all 2.0.0.0, Newtonsoft 13.x all 13.0.0.0).
    /// Each file is loaded once and remembered, because the dependencies of a LoadFile'd assembly come back here
    /// too, and two copies of one assembly would make two incompatible sets of its types.
    /// Not tested here (no Windows); what it does and does not isolate is in docs/dependency-isolation.md.
    /// </summary>
    internal static class FrameworkDependencyResolver
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, Assembly> Loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static DependencyFolder? _folder;
        private static bool _attached;

        public static void Attach(DependencyFolder folder)
        {
            lock (Gate)
            {
                _folder ??= folder;
                if (_attached) return;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _attached = true;
            }
        }

        public static void Detach()
        {
            lock (Gate)
            {
                if (!_attached) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _attached = false;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (Exception e) when (e is ArgumentException || e is FormatException)
            {
                return null;
            }
            lock (Gate)
            {
                var file = _folder?.FileFor(requested);
                if (file == null) return null;
                if (Loaded.TryGetValue(requested.Name!, out var known)) return known;
                // Never hand an older copy to a caller built against a newer one (it would fail later, on a missing
                // member). A lower request is served: strong-named references are not redirected in a module.
                var shipped = AssemblyName.GetAssemblyName(file);
                if (requested.Version != null && shipped.Version != null && shipped.Version < requested.Version) return null;
                var assembly = Assembly.LoadFile(file);
                Loaded[requested.Name!] = assembly;
                return assembly;
            }
        }
    }
}
