using System.Security.Cryptography;
using OpenClaw.Integration.Tests.Scenarios;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// -WhatIf over 200 under-scoped devices offline, on a JSON store (2026.2.x) and on a SQLite store (2026.9.6):
    /// one "What if:" line per device, and not one byte of the state folder changes. Every file is hashed before
    /// and after, and no file appears: no lock file, no backup, no temp file, no SQLite -wal or -shm of its own.
    /// Fifty more devices that already hold what they need are in each store and get no line.
    /// </summary>
    public sealed class OfflineWhatIfTests : IDisposable
    {
        private const int UnderScoped = 200;
        private const string Pipeline = "Get-OpenClawDevice -Offline -StateDirectory $s | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Offline -StateDirectory $s -WhatIf";
        private readonly ITestOutputHelper _log;
        private readonly PowerShellHost _host = new();

        public OfflineWhatIfTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [Fact]
        public void WhatIfOver200DevicesInAJsonStoreChangesNoByte()
        {
            // OfflineFolder.Generated makes four in five devices legacy: 250 devices hold 200 that need the repair.
            using var folder = OfflineFolder.Generated(UnderScoped * 5 / 4);
            AssertWhatIfChangesNothing(folder.Path);
        }

        [Fact]
        public void WhatIfOver200DevicesInASqliteStoreChangesNoByte()
        {
            var folder = Directory.CreateTempSubdirectory("openclaw-ps-whatif-").FullName;
            try
            {
                SqliteFleet.Create(_host, folder, UnderScoped * SqliteFleet.CompliantEvery / (SqliteFleet.CompliantEvery - 1));
                AssertWhatIfChangesNothing(folder);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private void AssertWhatIfChangesNothing(string stateDirectory)
        {
            // Hashed before the module first reads the store: a read must create nothing either (SQLite: no -shm, no -wal).
            var before = Hashes(stateDirectory);

            var whatIf = _host.Invoke("param($s) " + Pipeline, new Dictionary<string, object?> { ["s"] = stateDirectory });

            whatIf.ThrowIfFailed();
            Assert.Empty(whatIf.Output);
            var lines = whatIf.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
            _log.WriteLine($"{lines.Count} What if: lines; the first: {lines.FirstOrDefault()}");
            Assert.Equal(UnderScoped, lines.Count);
            Assert.Equal(before, Hashes(stateDirectory));
            var ids = _host.Invoke("param($s) Get-OpenClawDevice -Offline -StateDirectory $s | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | ForEach-Object DeviceId",
                new Dictionary<string, object?> { ["s"] = stateDirectory });
            ids.ThrowIfFailed();
            Assert.Equal(UnderScoped, ids.Output.Count);
            foreach (var id in ids.Output.Select(o => (string)o.BaseObject)) Assert.Single(lines, l => l.Contains("(" + id.Substring(0, 12) + ")", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Contains("keeping the token value", l));
        }

        /// <summary>Every file under the folder, by relative path, with the SHA-256 of its bytes.</summary>
        internal static IReadOnlyDictionary<string, string> Hashes(string folder) =>
            new SortedDictionary<string, string>(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

        public void Dispose() => _host.Dispose();
    }
}
