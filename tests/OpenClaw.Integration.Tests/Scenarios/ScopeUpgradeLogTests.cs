using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Upstream issue 23006 found from the gateway's own logs: after a real 2026.2.17 -> 2026.2.19 upgrade, the
    /// audit lines the refused connects leave in stdout and in the shared daily JSON-lines file name exactly the
    /// looping devices, and piping them to Update-OpenClawDeviceScope repairs those and no other.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class ScopeUpgradeLogTests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private readonly ITestOutputHelper _log;

        public ScopeUpgradeLogTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.17", "2026.2.19")]
        public void TheLogsNameExactlyTheLoopingDevicesAndThePipelineRepairsThem()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            Assert.Equal(0, gateway.Cli("2026.2.17", "devices", "list", "--json").ExitCode); // the local CLI pairs itself
            var backend = gateway.Device("backend", "gateway-client", "backend", Legacy);
            var reader = gateway.Device("reader", "gateway-client", "backend", "operator.read");
            Assert.True(backend.Ok && reader.Ok, $"pairing on 2.17: {backend} / {reader}");
            var cli = (string)JObject.Parse(File.ReadAllText(Path.Combine(gateway.StateDirectory, "identity", "device.json")))["deviceId"]!;

            gateway.Start("2026.2.19");
            // The loop: an agent's tool calls as the CLI device, and a backend client that asks for operator.read.
            Assert.Contains("pairing required", gateway.ToolCall("sessions.list", "operator.read").All);
            Assert.Contains("pairing required", gateway.ToolCall("sessions.list", "operator.read").All);
            Assert.Equal("NOT_PAIRED", gateway.Device("backend", "gateway-client", "backend", "operator.read").Code);
            // The read-only device connects as it always did: it never loops.
            Assert.True(gateway.Device("reader", "gateway-client", "backend", "operator.read").Ok);

            var stdout = gateway.LogFile;
            var json = WaitForAuditLines(stdout, 3);
            _log.WriteLine($"stdout: {stdout}\njson: {json}");
            var read = $"Get-OpenClawScopeUpgradeEvent -Path {Quote(stdout)}, {Quote(json)} -DeviceId {cli}, {backend.DeviceId}, {reader.DeviceId}";
            using var shell = new ModuleShell(gateway);

            var events = shell.Run(read + " -Unique");
            events.ThrowIfFailed();
            Assert.Equal(new[] { backend.DeviceId, cli }.OrderBy(i => i), events.Output.Select(e => (string)e.Properties["DeviceId"].Value).OrderBy(i => i));
            Assert.All(events.Output, e =>
            {
                Assert.Equal("scope-upgrade", e.Properties["Reason"].Value);
                Assert.Equal("operator", e.Properties["Role"].Value);
                Assert.Equal(new[] { "operator.read" }, (string[])e.Properties["ScopesTo"].Value);
                Assert.Equal(Legacy, (string[])e.Properties["ScopesFrom"].Value);
                Assert.Equal("WARN", e.Properties["Level"].Value);
            });
            var cliEvent = Assert.Single(events.Output, e => (string)e.Properties["DeviceId"].Value == cli);
            Assert.Equal("cli", cliEvent.Properties["Client"].Value);
            Assert.True((int)cliEvent.Properties["Occurrences"].Value >= 2, "two refused tool calls, each logged twice, count as two");
            // Every event is in both logs: the same connects, once as console text and once as a JSON record.
            var all = shell.Run(read);
            all.ThrowIfFailed();
            Assert.Equal(new[] { "Json", "Text" }, all.Output.Select(e => (string)e.Properties["LogFormat"].Value).Distinct().OrderBy(f => f));
            Assert.Equal(all.Output.Count / 2, all.Output.Select(e => e.Properties["ConnectionId"].Value).Distinct().Count());

            var judged = shell.Run(read + " -Unique | Test-OpenClawDeviceScope @c");
            judged.ThrowIfFailed();
            Assert.Equal(2, judged.Output.Count);
            Assert.All(judged.Output, r => Assert.Equal(false, r.Properties["IsCompliant"].Value));

            var readerBefore = gateway.PairedJson()[reader.DeviceId!]!.DeepClone();
            var before = gateway.StateFiles();
            var whatIf = shell.Run(read + " | Update-OpenClawDeviceScope @c -WhatIf");
            whatIf.ThrowIfFailed();
            _log.WriteLine(whatIf.HostText);
            var whatIfLines = whatIf.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, whatIfLines.Count);
            Assert.Contains(whatIfLines, l => l.Contains(cli.Substring(0, 12), StringComparison.Ordinal));
            Assert.Contains(whatIfLines, l => l.Contains(backend.DeviceId!.Substring(0, 12), StringComparison.Ordinal));
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());

            var repair = shell.Run(read + " | Update-OpenClawDeviceScope @c -PassThru");
            repair.ThrowIfFailed();
            Assert.Equal(new[] { backend.DeviceId, cli }.OrderBy(i => i), repair.Output.Select(c => (string)c.Properties["DeviceId"].Value).OrderBy(i => i));
            Assert.All(repair.Output, change =>
            {
                Assert.Equal("Repaired", change.Properties["Status"].Value);
                Assert.Equal(true, change.Properties["Verified"].Value);
            });
            Assert.DoesNotContain(gateway.Token, repair.AllText);
            Assert.True(JToken.DeepEquals(readerBefore, gateway.PairedJson()[reader.DeviceId!]), "the device that never looped was changed");

            Assert.StartsWith("OK", gateway.ToolCall("sessions.list", "operator.read").Output);
            Assert.True(gateway.Device("backend", "gateway-client", "backend", "operator.read").Ok);
            Assert.True(gateway.Device("reader", "gateway-client", "backend", "operator.read").Ok);
        }

        [Fact]
        public void WildcardsFileObjectsAndBracketedNamesAllReachTheSameLines()
        {
            using var folder = new LogFolder();
            using var host = new PowerShellHost();

            var byWildcard = host.Invoke($"Get-OpenClawScopeUpgradeEvent -Path {Quote(Path.Combine(folder.Path, "*.log"))}");
            var byFileObject = host.Invoke($"[System.IO.DirectoryInfo]::new({Quote(folder.Path)}).GetFiles('*.log') | Get-OpenClawScopeUpgradeEvent");
            var byLiteral = host.Invoke($"Get-OpenClawScopeUpgradeEvent {Quote(folder.Bracketed)}");

            byWildcard.ThrowIfFailed();
            byFileObject.ThrowIfFailed();
            byLiteral.ThrowIfFailed();
            Assert.Equal(LogFolder.EventCount, byWildcard.Output.Count);
            Assert.Equal(LogFolder.EventCount, byFileObject.Output.Count);
            Assert.Equal(2, byLiteral.Output.Count);
            Assert.All(byLiteral.Output, e => Assert.StartsWith(folder.Bracketed + ":", (string)e.Properties["Source"].Value, StringComparison.Ordinal));
        }

        [Fact]
        public void AMissingFileOrAFolderIsANonTerminatingErrorAndTheOtherFilesAreRead()
        {
            using var folder = new LogFolder();
            using var host = new PowerShellHost();
            var missing = Path.Combine(folder.Path, "gone.log");

            var result = host.Invoke($"Get-OpenClawScopeUpgradeEvent {Quote(missing)}, {Quote(folder.Path)}, {Quote(folder.Bracketed)}");

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "OpenClaw.LogNotFound", "OpenClaw.LogUnreadable" }, result.ErrorIds);
            Assert.Equal(missing, result.Errors[0].TargetObject);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
            Assert.Equal(2, result.Output.Count);
        }

        [Fact]
        public void ALineCutShortIsAVerboseNoteNotAnError()
        {
            using var folder = new LogFolder();
            using var host = new PowerShellHost();
            var audit = File.ReadLines(folder.Json).First(l => l.Contains("security audit", StringComparison.Ordinal));
            var path = Path.Combine(folder.Path, "mid-write.jsonl");
            File.WriteAllText(path, audit + "\n" + audit.Substring(0, 200));

            var result = host.Invoke($"Get-OpenClawScopeUpgradeEvent {Quote(path)} -Verbose");

            result.ThrowIfFailed();
            Assert.Single(result.Output);
            Assert.Contains(result.Verbose, v => v.StartsWith(path + ":2: skipped", StringComparison.Ordinal));
        }

        [Fact]
        public void SinceDeviceIdAndUniqueNarrowTheEvents()
        {
            using var folder = new LogFolder();
            using var host = new PowerShellHost();
            var both = $"Get-OpenClawScopeUpgradeEvent {Quote(folder.Json)}, {Quote(folder.Bracketed)}";

            var unique = host.Invoke(both + " -Unique");
            var since = host.Invoke(both + " -Since ([DateTimeOffset]'2026-11-24T22:00:00Z').UtcDateTime");
            var byShortId = host.Invoke(both + " -DeviceId 5a454ab5b746");

            unique.ThrowIfFailed();
            // 5a45…: read once, write twice (2.21 and 9.6); ced5…: read by two connects.
            Assert.Equal(new[] { 1, 2, 2 }, unique.Output.Select(e => (int)e.Properties["Occurrences"].Value));
            var loop = Assert.Single(unique.Output, e => ((string)e.Properties["DeviceId"].Value).StartsWith("ced557", StringComparison.Ordinal));
            Assert.Equal("6b5a67ab-29da-4adb-89a7-a034344e59ba", loop.Properties["ConnectionId"].Value);
            Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 20, 21, 583, TimeSpan.Zero), loop.Properties["FirstTime"].Value);
            since.ThrowIfFailed();
            Assert.Equal(2, since.Output.Count);
            byShortId.ThrowIfFailed();
            Assert.Equal(3, byShortId.Output.Count);
        }

        [Fact]
        public void WithoutPathTheConfigsLoggingFileIsRead()
        {
            using var folder = new LogFolder();
            var config = Path.Combine(folder.Path, "openclaw.json");
            var saved = Environment.GetEnvironmentVariable("OPENCLAW_CONFIG_PATH");
            try
            {
                using var host = new PowerShellHost(new Dictionary<string, string?> { ["OPENCLAW_CONFIG_PATH"] = config });
                File.WriteAllText(config, "{ logging: { file: " + Newtonsoft.Json.JsonConvert.ToString(folder.Json) + " } }");
                var found = host.Invoke("Get-OpenClawScopeUpgradeEvent");
                File.WriteAllText(config, "{ logging: { file: " + Newtonsoft.Json.JsonConvert.ToString(folder.Json + ".old") + " } }");
                var missing = host.Invoke("Get-OpenClawScopeUpgradeEvent");

                found.ThrowIfFailed();
                Assert.Equal(3, found.Output.Count);
                Assert.Equal(new[] { "OpenClaw.LogNotFound" }, missing.ErrorIds);
                Assert.Contains(folder.Json + ".old", missing.Errors[0].ToString());
            }
            finally
            {
                Environment.SetEnvironmentVariable("OPENCLAW_CONFIG_PATH", saved);
            }
        }

        /// <summary>
        /// Waits until the gateway's captured stdout holds the audit lines (stderr reaches the file asynchronously),
        /// then returns the JSON-lines file the gateway said it writes ("log file: …" at startup): shared by every
        /// gateway on the host, so the test filters it by its own device ids.
        /// </summary>
        private static string WaitForAuditLines(string stdout, int expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var text = Regex.Replace(ReadShared(stdout), @"\x1B\[[0-9;]*m", "");
                var logFile = Regex.Matches(text, @"log file: (\S+)").Select(m => m.Groups[1].Value).LastOrDefault();
                var audits = Regex.Matches(text, "security audit: device access upgrade requested").Count;
                if (logFile != null && audits >= expected && File.Exists(logFile)) return logFile;
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"expected {expected} audit lines and a 'log file:' line in {stdout}, found {audits} and {logFile ?? "none"}");
                }
                Thread.Sleep(200);
            }
        }

        private static string ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        internal static string Quote(string path) => "'" + path.Replace("'", "''") + "'";

        /// <summary>
        /// A temp folder with the real log samples of OpenClaw.Core.Tests: the measured JSON-lines file (3 events)
        /// and the 2.19 repro's stdout capture (2 events) under a name with brackets, as Get-ChildItem may bind it.
        /// </summary>
        private sealed class LogFolder : IDisposable
        {
            public const int EventCount = 5;

            public LogFolder()
            {
                Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "openclaw-ps-logs-" + Guid.NewGuid().ToString("N").Substring(0, 10));
                Directory.CreateDirectory(Path);
                var samples = System.IO.Path.Combine(GatewayInstalls.RepositoryRoot, "tests", "OpenClaw.Core.Tests", "Fixtures", "logs");
                Json = System.IO.Path.Combine(Path, "openclaw-2026-11-24.log");
                Bracketed = System.IO.Path.Combine(Path, "gateway[2.19].log");
                File.Copy(System.IO.Path.Combine(samples, "gateway-log-lines.jsonl"), Json);
                File.Copy(System.IO.Path.Combine(samples, "gateway-stdout-2026.2.19.log"), Bracketed);
            }

            public string Path { get; }
            public string Json { get; }
            public string Bracketed { get; }

            public void Dispose()
            {
                try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
