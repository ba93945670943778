using System.Runtime.InteropServices;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>
/// Which e_sqlite3 the module loads where. Windows PowerShell 5.1 cannot run here, so its half (LoadLibraryEx of the
/// right-architecture DLL) is covered by the RID mapping; the module layout itself is checked in the integration tests.
/// </summary>
public sealed class SqliteNativeLoaderTests
{
    public static TheoryData<string, Architecture, bool, string?> Platforms() => new()
    {
        { "WINDOWS", Architecture.X64, false, "win-x64" },
        { "WINDOWS", Architecture.X86, false, "win-x86" },
        { "WINDOWS", Architecture.Arm64, false, "win-arm64" },
        { "LINUX", Architecture.X64, false, "linux-x64" },
        { "LINUX", Architecture.Arm64, false, "linux-arm64" },
        { "LINUX", Architecture.X64, true, "linux-musl-x64" },
        { "LINUX", Architecture.Arm64, true, "linux-musl-arm64" },
        { "OSX", Architecture.X64, false, "osx-x64" },
        { "OSX", Architecture.Arm64, false, "osx-arm64" },
        { "LINUX", Architecture.Arm, false, null },
        { "LINUX", Architecture.X86, false, null },
        { "FREEBSD", Architecture.X64, false, null },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Each_platform_maps_to_the_runtimes_folder_the_module_ships(string os, Architecture architecture, bool musl, string? expected)
    {
        Assert.Equal(expected, SqliteNativeLoader.RuntimeIdentifier(OSPlatform.Create(os), architecture, musl));
    }

    [Theory]
    [InlineData("win-x86", "runtimes/win-x86/native/e_sqlite3.dll")]
    [InlineData("win-arm64", "runtimes/win-arm64/native/e_sqlite3.dll")]
    [InlineData("linux-musl-x64", "runtimes/linux-musl-x64/native/libe_sqlite3.so")]
    [InlineData("osx-arm64", "runtimes/osx-arm64/native/libe_sqlite3.dylib")]
    public void The_library_file_is_named_per_platform(string rid, string relative)
    {
        var path = SqliteNativeLoader.NativePath("/m", rid);

        Assert.Equal(Path.Combine("/m", relative.Replace('/', Path.DirectorySeparatorChar)), path);
    }

    [Fact]
    public void On_this_machine_the_library_beside_the_core_assembly_is_loaded()
    {
        SqliteNativeLoader.EnsureInitialized();
        SqliteNativeLoader.EnsureInitialized();

        var rid = SqliteNativeLoader.CurrentRuntimeIdentifier();
        Assert.NotNull(rid);
        Assert.Equal(SqliteNativeLoader.NativePath(Path.GetDirectoryName(typeof(SqliteNativeLoader).Assembly.Location)!, rid!), SqliteNativeLoader.LoadedFrom);
        Assert.StartsWith("3.", SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
    }
}
