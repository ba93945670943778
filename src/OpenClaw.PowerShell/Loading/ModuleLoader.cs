using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace OpenClaw.PowerShell.Loading
{
    /// <summary>
    /// Runs when the module is imported, before any cmdlet touches OpenClaw.Core, and points the host at the
    /// module's <see cref="DependencyFolder"/>:
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET): OpenClaw.Core and everything it uses load into the module's own
    /// <see cref="DependencyLoadContext"/>, so another module's Microsoft.Data.Sqlite, BouncyCastle or Newtonsoft of
    /// any version neither breaks nor replaces ours.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework, no load contexts): <see cref="FrameworkDependencyResolver"/>
    /// serves the folder through AppDomain.AssemblyResolve, which isolates less (docs/dependency-isolation.md).</item>
    /// </list>
    /// This class must not name a type of OpenClaw.Core: it runs before the resolver that finds that assembly.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>
        /// .NET's core library is System.Private.CoreLib, .NET Framework's is mscorlib. Asked of the runtime itself,
        /// not of a type the netstandard2.0 surface might lack.
        /// </summary>
        internal static bool IsDotNetCore => typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";

        public void OnImport()
        {
            var folder = DependencyFolder.Beside(typeof(ModuleLoader).Assembly);
            if (folder == null) return;
            if (IsDotNetCore) AttachLoadContext(folder);
            else FrameworkDependencyResolver.Attach(folder);
        }

        public void OnRemove(PSModuleInfo module)
        {
            if (IsDotNetCore) DetachLoadContext();
            else FrameworkDependencyResolver.Detach();
        }

        // Separate, never-inlined methods: the JIT of .NET Framework would fail on a method that names
        // AssemblyLoadContext (System.Runtime.Loader does not exist there), so only .NET ever compiles these.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void AttachLoadContext(DependencyFolder folder) => DependencyLoadContext.Attach(folder);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void DetachLoadContext() => DependencyLoadContext.Detach();
    }
}
