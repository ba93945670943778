using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// Makes the e_sqlite3 native library the module ships in <c>runtimes/&lt;rid&gt;/native/</c> the one that
    /// SQLitePCLRaw's <c>[DllImport("e_sqlite3")]</c> binds to, before the first SQLite call. Neither host finds it
    /// there by itself: PowerShell's deps.json does not list the module's natives, and a netstandard2.0 build puts
    /// none beside the assemblies. See docs/sqlite-native-libraries.md.
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET): the library is loaded with NativeLibrary.Load and handed back from the
    /// ResolvingUnmanagedDll event of the load context of SQLitePCLRaw's provider (reached by reflection: the
    /// netstandard2.0 surface has neither type). The event fires only after default probing failed, so an
    /// application that already ships e_sqlite3 keeps its own.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework): the right-architecture e_sqlite3.dll is loaded by full path with
    /// LoadLibraryEx. A later LoadLibrary("e_sqlite3") from the DllImport then gets the module already in the
    /// process: Windows matches a loaded module by name before searching any folder. SetDllDirectory is not used,
    /// because it changes the DLL search of the whole PowerShell process.</item>
    /// </list>
    /// </summary>
    public static class SqliteNativeLoader
    {
        private const string LibraryName = "e_sqlite3";
        private static readonly object Gate = new object();
        private static bool _initialized;
        private static IntPtr _handle;

        /// <summary>The file the native library was loaded from, or null when default probing was left to find it.</summary>
        public static string? LoadedFrom { get; private set; }

        /// <summary>Idempotent and thread-safe; call before the first SqliteConnection is created.</summary>
        public static void EnsureInitialized()
        {
            lock (Gate)
            {
                if (_initialized) return;
                var baseDirectory = Path.GetDirectoryName(typeof(SqliteNativeLoader).Assembly.Location);
                var rid = CurrentRuntimeIdentifier();
                var path = rid != null && !string.IsNullOrEmpty(baseDirectory) ? NativePath(baseDirectory!, rid) : null;
                if (path != null && File.Exists(path))
                {
                    if (IsNetFramework) LoadOnNetFramework(path);
                    else LoadOnNet(path);
                    LoadedFrom = path;
                }
                try
                {
                    // Microsoft.Data.Sqlite finds the batteries by assembly name, which the .NET Framework load
                    // context does not resolve from a module folder; calling it here (a compiled reference) always works.
                    SQLitePCL.Batteries_V2.Init();
                }
                catch (Exception e) when (e is DllNotFoundException || e is BadImageFormatException || e is EntryPointNotFoundException || e is TypeInitializationException)
                {
                    throw Unavailable(rid, path, e);
                }
                _initialized = true;
            }
        }

        /// <summary>The runtime identifier of the module's runtimes folder for a platform, or null when none is shipped.</summary>
        internal static string? RuntimeIdentifier(OSPlatform os, Architecture architecture, bool musl)
        {
            var arch = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.X86 => "x86",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            if (arch == null) return null;
            if (os == OSPlatform.Windows) return "win-" + arch;
            if (os == OSPlatform.OSX) return arch == "x86" ? null : "osx-" + arch;
            if (os == OSPlatform.Linux) return arch == "x86" ? null : (musl ? "linux-musl-" : "linux-") + arch;
            return null;
        }

        /// <summary>Where the module keeps the library for a runtime identifier (the NuGet runtimes layout).</summary>
        internal static string NativePath(string baseDirectory, string runtimeIdentifier)
        {
            var file = runtimeIdentifier.StartsWith("win-", StringComparison.Ordinal) ? LibraryName + ".dll"
                : runtimeIdentifier.StartsWith("osx-", StringComparison.Ordinal) ? "lib" + LibraryName + ".dylib"
                : "lib" + LibraryName + ".so";
            return Path.Combine(baseDirectory, "runtimes", runtimeIdentifier, "native", file);
        }

        internal static string? CurrentRuntimeIdentifier()
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? OSPlatform.Linux
                : OSPlatform.Create("OTHER");
            return RuntimeIdentifier(os, RuntimeInformation.ProcessArchitecture, os == OSPlatform.Linux && IsMusl());
        }

        /// <summary>Alpine and other musl systems need the linux-musl build; glibc's would not load there.</summary>
        private static bool IsMusl()
        {
            // .NET 5+ reports its own RID (linux-musl-x64 on a musl build of the runtime); older hosts lack the property.
            var rid = typeof(RuntimeInformation).GetProperty("RuntimeIdentifier")?.GetValue(null) as string;
            if (rid != null && rid.Contains("-musl")) return true;
            try
            {
                return Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*.so.1").Any();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        private static void LoadOnNetFramework(string path)
        {
            const uint LoadWithAlteredSearchPath = 0x8;
            _handle = LoadLibraryEx(path, IntPtr.Zero, LoadWithAlteredSearchPath);
            if (_handle == IntPtr.Zero)
            {
                throw Unavailable(CurrentRuntimeIdentifier(), path, new DllNotFoundException($"LoadLibraryEx failed with Win32 error {Marshal.GetLastWin32Error()}."));
            }
        }

        private static void LoadOnNet(string path)
        {
            var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);
            var loadContextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);
            var load = nativeLibrary?.GetMethod("Load", new[] { typeof(string) });
            var resolving = loadContextType?.GetEvent("ResolvingUnmanagedDll");
            var getLoadContext = loadContextType?.GetMethod("GetLoadContext", new[] { typeof(Assembly) });
            if (load == null || resolving?.EventHandlerType == null || getLoadContext == null) return; // .NET Core 2.x: leave it to probing
            try
            {
                _handle = (IntPtr)load.Invoke(null, new object[] { path })!;
            }
            catch (TargetInvocationException e)
            {
                throw Unavailable(CurrentRuntimeIdentifier(), path, e.InnerException ?? e);
            }
            var provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
            var context = getLoadContext.Invoke(null, new object[] { provider });
            var handler = Delegate.CreateDelegate(resolving.EventHandlerType,
                typeof(SqliteNativeLoader).GetMethod(nameof(ResolveUnmanaged), BindingFlags.NonPublic | BindingFlags.Static)!);
            resolving.AddEventHandler(context, handler);
        }

        private static IntPtr ResolveUnmanaged(Assembly assembly, string name) =>
            name == LibraryName || name == "lib" + LibraryName ? _handle : IntPtr.Zero;

        private static OpenClawException Unavailable(string? rid, string? path, Exception inner) =>
            new OpenClawException(ErrorIds.SqliteUnavailable, OpenClawErrorKind.NotImplemented,
                rid == null
                    ? $"SQLite cannot be used on this platform ({RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}): the module ships e_sqlite3 only for Windows, Linux and macOS on x64/arm64 (and Windows x86). {inner.Message}"
                    : $"The native SQLite library for {rid} could not be loaded{(path != null ? $" from '{path}'" : "")}: {inner.Message}",
                "Reinstall the module so that its runtimes folder is complete, or read a JSON store (2026.2.x-2026.7.x) instead.",
                path, inner);

        [DllImport("kernel32", EntryPoint = "LoadLibraryExW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryEx(string path, IntPtr file, uint flags);
    }
}
