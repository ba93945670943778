using System.Management.Automation;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OpenClaw.Integration.Tests.Scenarios;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// Truncated, garbage and wrongly shaped stores, through each offline cmdlet: exactly one ErrorRecord,
    /// OpenClaw.StateFileInvalid, naming the broken file, with no stack trace or .NET internals in what the user
    /// reads, and not a byte of the state folder written (no lock, backup or temp file either). No object is
    /// written either, except by the unfiltered listing of a SQLite store with one bad row: it streams, and a row is
    /// checked when it is reached, so the devices before it come first. The core's own tests (MalformedStoreTests)
    /// check the messages in detail; these check what reaches the user.
    /// </summary>
    public sealed class CorruptOfflineStoreTests : IDisposable
    {
        private static readonly Regex Internals = new(@"(^|\n)\s*at [\w.`<>]+\(|--- End of|System\.[A-Z]\w+Exception|Newtonsoft\.|Microsoft\.Data|SQLitePCL",
            RegexOptions.CultureInvariant);

        private static readonly string[] Commands =
        {
            "Get-OpenClawDevice -Offline -StateDirectory $s",
            "Test-OpenClawDeviceScope -Offline -StateDirectory $s",
            "Update-OpenClawDeviceScope -Offline -StateDirectory $s -DeviceId $id",
        };

        private readonly ITestOutputHelper _log;
        private readonly PowerShellHost _host = new();

        public CorruptOfflineStoreTests(ITestOutputHelper log)
        {
            _log = log;
        }

        public static TheoryData<string, int> Cases()
        {
            var data = new TheoryData<string, int>();
            foreach (var store in new[] { "paired.json truncated", "paired.json record with wrong types", "pending.json an array", "openclaw.sqlite truncated", "openclaw.sqlite garbage", "openclaw.sqlite token not an object", "openclaw.sqlite scopes a string" })
            {
                for (var command = 0; command < Commands.Length; command++) data.Add(store, command);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void OneStateFileInvalidNamingTheFileAndNothingWritten(string store, int command)
        {
            var folder = Directory.CreateTempSubdirectory("openclaw-ps-corrupt-").FullName;
            try
            {
                var (broken, deviceId) = Break(store, folder);
                var before = OfflineWhatIfTests.Hashes(folder);

                var result = _host.Invoke("param($s, $id) " + Commands[command], new Dictionary<string, object?> { ["s"] = folder, ["id"] = deviceId });

                var records = result.Errors.Concat(result.Terminating is IContainsErrorRecord t ? new[] { t.ErrorRecord } : Array.Empty<ErrorRecord>()).ToList();
                foreach (var r in records) _log.WriteLine($"{r.FullyQualifiedErrorId}: {r.Exception.Message}");
                var record = Assert.Single(records);
                Assert.Equal("OpenClaw.StateFileInvalid", record.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
                Assert.Equal(broken, record.TargetObject);
                var message = record.ErrorDetails?.Message ?? record.Exception.Message;
                Assert.Contains(broken, message);
                Assert.DoesNotMatch(Internals, message);
                Assert.DoesNotMatch(Internals, record.ErrorDetails?.RecommendedAction ?? "");
                Assert.Equal(WrittenBeforeTheError(store, command), result.Output.Select(o => (string)o.Properties["DeviceId"].Value));
                Assert.Equal(before, OfflineWhatIfTests.Hashes(folder));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>Get-OpenClawDevice lists a SQLite store newest first (device 39 down to 0); the broken row is device 3.</summary>
        private static IEnumerable<string> WrittenBeforeTheError(string store, int command) =>
            command == 0 && store is "openclaw.sqlite token not an object" or "openclaw.sqlite scopes a string"
                ? Enumerable.Range(4, 36).Reverse().Select(SqliteFleet.Id)
                : Enumerable.Empty<string>();

        /// <summary>Makes the broken store in <paramref name="folder"/>; returns the broken file and a device id to name.</summary>
        private (string File, string DeviceId) Break(string store, string folder)
        {
            var devices = Path.Combine(folder, "devices");
            var paired = Path.Combine(devices, "paired.json");
            var db = SqliteFleet.DatabasePath(folder);
            if (store.StartsWith("openclaw.sqlite", StringComparison.Ordinal))
            {
                SqliteFleet.Create(_host, folder, 40);
                var bytes = File.ReadAllBytes(db);
                switch (store)
                {
                    case "openclaw.sqlite truncated":
                        File.WriteAllBytes(db, bytes.AsSpan(0, bytes.Length / 2).ToArray());
                        break;
                    case "openclaw.sqlite garbage":
                        File.WriteAllBytes(db, RandomNumberGenerator.GetBytes(bytes.Length));
                        break;
                    case "openclaw.sqlite token not an object":
                        Execute(db, "UPDATE device_pairing_paired SET tokens_json = '{\"operator\": [1, 2]}' WHERE device_id = '" + SqliteFleet.Id(3) + "'");
                        break;
                    default:
                        Execute(db, "UPDATE device_pairing_paired SET scopes_json = '\"operator.read\"' WHERE device_id = '" + SqliteFleet.Id(3) + "'");
                        break;
                }
                return (db, SqliteFleet.Id(0));
            }
            using var json = OfflineFolder.Generated(40);
            Directory.CreateDirectory(devices);
            var text = json.PairedText;
            var id = json.Paired.Properties().First().Name;
            switch (store)
            {
                case "paired.json truncated":
                    File.WriteAllText(paired, text.Substring(0, text.Length / 2));
                    return (paired, id);
                case "paired.json record with wrong types":
                    File.WriteAllText(paired, text.Replace("\"displayName\": \"device 7\"", "\"displayName\": [\"device\", 7]"));
                    return (paired, id);
                default:
                    File.WriteAllText(paired, text);
                    var pending = Path.Combine(devices, "pending.json");
                    File.WriteAllText(pending, "[\n  {\n    \"requestId\": \"r1\",\n    \"deviceId\": \"" + id + "\"\n  }\n]");
                    return (pending, id);
            }
        }

        private void Execute(string db, string sql) =>
            _host.Invoke("param($db, $sql) " + SqliteOffline.Prelude + @"
                $cn = [Microsoft.Data.Sqlite.SqliteConnection]::new(""Data Source=$db;Pooling=False""); $cn.Open()
                try { $cmd = $cn.CreateCommand(); $cmd.CommandText = $sql; if ($cmd.ExecuteNonQuery() -ne 1) { throw 'no row changed' } } finally { $cn.Dispose() }",
                new Dictionary<string, object?> { ["db"] = db, ["sql"] = sql }).ThrowIfFailed();

        public void Dispose() => _host.Dispose();
    }
}
