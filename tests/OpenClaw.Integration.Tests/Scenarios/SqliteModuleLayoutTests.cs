using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;
using Xunit;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// What can be checked here of SQLite in the shipped module: the built folder's Dependencies/ has the managed
    /// assemblies and a right-architecture e_sqlite3 for every platform it claims, and PowerShell 7 (the hosted engine, whose
    /// deps.json knows nothing of SQLite) loads the module's own copies and opens a database. Windows PowerShell
    /// 5.1 cannot run here; its loader path is the RID mapping unit-tested in OpenClaw.Core.Tests.
    /// </summary>
    public sealed class SqliteModuleLayoutTests
    {
        /// <summary>RID, file, and the machine id in its header (PE Machine, ELF e_machine, Mach-O cputype).</summary>
        public static TheoryData<string, string, string, uint> Natives() => new()
        {
            { "win-x64", "e_sqlite3.dll", "pe", 0x8664 },
            { "win-x86", "e_sqlite3.dll", "pe", 0x014C },
            { "win-arm64", "e_sqlite3.dll", "pe", 0xAA64 },
            { "linux-x64", "libe_sqlite3.so", "elf", 62 },
            { "linux-arm64", "libe_sqlite3.so", "elf", 183 },
            { "linux-musl-x64", "libe_sqlite3.so", "elf", 62 },
            { "linux-musl-arm64", "libe_sqlite3.so", "elf", 183 },
            { "osx-x64", "libe_sqlite3.dylib", "macho", 0x01000007 },
            { "osx-arm64", "libe_sqlite3.dylib", "macho", 0x0100000C },
        };

        private static string ModuleFolder => Path.GetDirectoryName(PowerShellHost.ModulePath)!;

        /// <summary>Where the layout puts OpenClaw.Core, its assemblies and the natives (docs/dependency-isolation.md).</summary>
        private static string DependencyFolder => Path.Combine(ModuleFolder, "Dependencies");

        [Theory]
        [MemberData(nameof(Natives))]
        public void The_module_ships_e_sqlite3_for_each_platform_built_for_its_architecture(string rid, string file, string format, uint machine)
        {
            var path = Path.Combine(DependencyFolder, "runtimes", rid, "native", file);
            Assert.True(File.Exists(path), path + " is missing");
            var header = new byte[4096];
            using (var stream = File.OpenRead(path)) stream.ReadExactly(header);
            var actual = format switch
            {
                "pe" => System.BitConverter.ToUInt16(header, System.BitConverter.ToInt32(header, 0x3C) + 4),
                "elf" => System.BitConverter.ToUInt16(header, 18),
                _ => System.BitConverter.ToUInt32(header, 4),
            };
            Assert.Equal(machine, (uint)actual);
        }

        [Fact]
        public void The_module_ships_the_managed_sqlite_assemblies_and_the_facades_windows_powershell_lacks()
        {
            foreach (var name in new[] { "Microsoft.Data.Sqlite.dll", "SQLitePCLRaw.core.dll", "SQLitePCLRaw.batteries_v2.dll", "SQLitePCLRaw.provider.e_sqlite3.dll",
                         "System.Memory.dll", "System.Buffers.dll", "System.Numerics.Vectors.dll", "System.Runtime.CompilerServices.Unsafe.dll" })
            {
                Assert.True(File.Exists(Path.Combine(DependencyFolder, name)), name + " is missing from the module's Dependencies folder");
                Assert.False(File.Exists(Path.Combine(ModuleFolder, name)), name + " is in the module root, where default probing would find it");
            }
        }

        [Fact]
        public void PowerShell_7_loads_the_modules_own_sqlite_and_reads_a_database_offline()
        {
            using var temp = new TempFolder();
            var schema = Path.Combine(GatewayInstalls.RepositoryRoot, "tests", "OpenClaw.Core.Tests", "Stores", "Sqlite", "Fixtures", "sqlite-schema-2026.9.6-devices.sql");
            Directory.CreateDirectory(Path.Combine(temp.Path, "state"));
            using var host = new PowerShellHost();
            var result = host.Invoke(SqliteOffline.Prelude + $@"
                [OpenClaw.Core.Stores.SqliteNativeLoader]::LoadedFrom
                $cn = [Microsoft.Data.Sqlite.SqliteConnection]::new('Data Source={temp.Path}/state/openclaw.sqlite;Pooling=False')
                $cn.Open()
                $cmd = $cn.CreateCommand()
                $cmd.CommandText = 'PRAGMA journal_mode = WAL;' + [System.IO.File]::ReadAllText('{schema}') + ""; INSERT INTO schema_meta VALUES ('primary', 'global', 18, NULL, '2026.9.6', 1, 1);""
                $null = $cmd.ExecuteNonQuery()
                $cmd.CommandText = ""INSERT INTO device_pairing_paired (device_id, public_key, client_id, client_mode, role, roles_json, scopes_json, tokens_json, created_at_ms, approved_at_ms) VALUES ('d1', 'pk', 'cli', 'cli', 'operator', '[""""operator""""]', '[""""operator.pairing""""]', '{{""""operator"""":{{""""token"""":""""secret-value"""",""""scopes"""":[""""operator.pairing""""]}}}}', 1, 1)""
                $null = $cmd.ExecuteNonQuery()
                $cn.Dispose()
                [Microsoft.Data.Sqlite.SqliteConnection].Assembly.Location
                Get-OpenClawDevice -Offline -StateDirectory '{temp.Path}'");
            result.ThrowIfFailed();
            var file = System.OperatingSystem.IsWindows() ? "e_sqlite3.dll" : System.OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
            var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
            Assert.Equal(Path.Combine(DependencyFolder, "runtimes", rid, "native", file), result.Output[0].BaseObject);
            Assert.Equal(Path.Combine(DependencyFolder, "Microsoft.Data.Sqlite.dll"), result.Output[1].BaseObject);
            var device = Assert.Single(result.Output.Skip(2));
            Assert.Equal("d1", device.Properties["DeviceId"].Value);
            Assert.DoesNotContain("secret-value", result.AllText);
        }

        private sealed class TempFolder : System.IDisposable
        {
            public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "openclaw-ps-sqlite-" + System.Guid.NewGuid().ToString("N").Substring(0, 10));

            public TempFolder() => Directory.CreateDirectory(Path);

            public void Dispose()
            {
                try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
            }
        }
    }
}
