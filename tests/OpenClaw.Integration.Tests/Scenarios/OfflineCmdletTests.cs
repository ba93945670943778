using System.Diagnostics;
using System.Management.Automation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// The -Offline parameter set of the three cmdlets in the real engine, on state folders made from the shared
    /// fixtures (no gateway needed): the pipeline, the parameter sets, -WhatIf touching no byte, malformed stores,
    /// two runs at once, and 10,000 devices through the pipeline.
    /// </summary>
    public sealed class OfflineCmdletTests : IDisposable
    {
        private const string Pipeline = "Get-OpenClawDevice -Offline -StateDirectory $s | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Offline -StateDirectory $s";
        private readonly ITestOutputHelper _log;
        private readonly OfflineFolder _folder = OfflineFolder.FromFixture("paired-2026.2.19-after-rotate.json", legacyFromSecond: true);
        private readonly PowerShellHost _host = new();

        public OfflineCmdletTests(ITestOutputHelper log)
        {
            _log = log;
        }

        private PowerShellResult Run(string script, string? folder = null) =>
            _host.Invoke("param($s) " + script, new Dictionary<string, object?> { ["s"] = folder ?? _folder.Path });

        [Fact]
        public void ThePipelineRepairsOfflineAndKeepsEveryToken()
        {
            var tokens = _folder.TokenValues();
            var before = _folder.Files();

            var whatIf = Run(Pipeline + " -WhatIf");
            whatIf.ThrowIfFailed();
            _log.WriteLine(whatIf.HostText);
            Assert.Equal(2, whatIf.HostText.Split('\n').Count(l => l.StartsWith("What if:", StringComparison.Ordinal) && l.Contains("keeping the token value")));
            OfflineFolder.AssertSame(before, _folder.Files()); // -WhatIf: no lock file, no backup, no temp file

            var repair = Run(Pipeline + " -PassThru");
            repair.ThrowIfFailed();
            Assert.Equal(2, repair.Output.Count);
            Assert.All(repair.Output, change =>
            {
                Assert.Equal("Repaired", change.Properties["Status"].Value);
                Assert.Equal("OfflineEdit", change.Properties["Method"].Value);
                Assert.Equal(false, change.Properties["TokenReissued"].Value);
                Assert.Equal(_folder.PairedPath, change.Properties["StateFile"].Value);
                Assert.StartsWith("file://", change.Properties["GatewayUrl"].Value.ToString());
                var backup = Assert.Single((string[])change.Properties["Backups"].Value);
                Assert.True(File.Exists(backup), backup);
            });
            Assert.Equal(tokens, _folder.TokenValues());
            Assert.Equal(_folder.PairedText, OfflineFolder.Stringify(_folder.Paired));

            var after = Run("Test-OpenClawDeviceScope -Offline -StateDirectory $s");
            after.ThrowIfFailed();
            Assert.All(after.Output, r => Assert.Equal(true, r.Properties["IsCompliant"].Value));
            Assert.All(after.Output, r => Assert.Equal("2026.2-2026.7 (not recorded)", r.Properties["GatewayRelease"].Value));
        }

        [Fact]
        public void TheOfflineSetsTakeNoConnectionParameter()
        {
            foreach (var command in new[] { "Get-OpenClawDevice", "Test-OpenClawDeviceScope", "Update-OpenClawDeviceScope" })
            {
                var names = Run($"(Get-Command {command}).ParameterSets | Where-Object Name -eq Offline | ForEach-Object {{ $_.Parameters.Name }}").Output
                    .Select(o => (string)o.BaseObject).ToHashSet();
                Assert.Contains("Offline", names);
                Assert.Contains("StateDirectory", names);
                foreach (var online in new[] { "Connection", "Url", "Token", "Password", "TlsFingerprint", "TimeoutSec" }) Assert.DoesNotContain(online, names);
            }
            Assert.Equal(new[] { "Offline" }, Run("(Get-Command Update-OpenClawDeviceScope).Parameters['Force'].ParameterSets.Keys").Output.Select(o => (string)o.BaseObject));

            // The engine refuses the combination before the cmdlet runs: no set has both.
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Get-OpenClawDevice -Offline -StateDirectory $s -Url ws://127.0.0.1:9").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Test-OpenClawDeviceScope -Offline -StateDirectory $s -TimeoutSec 5").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Update-OpenClawDeviceScope -DeviceId abcdef -Force -Url ws://127.0.0.1:9 -WhatIf").ErrorIds);

            foreach (var command in new[] { "Get-OpenClawDevice -Offline", "Test-OpenClawDeviceScope -Offline", "Update-OpenClawDeviceScope -Offline -DeviceId abcdef" })
            {
                Assert.Equal(new[] { "OpenClaw.StateDirectoryRequired" }, Run(command).ErrorIds);
            }

            // -StateDirectory alone keeps its online meaning: the command tries to connect.
            var connects = Run("Get-OpenClawDevice -StateDirectory $s -Url ws://127.0.0.1:9 -TimeoutSec 2");
            Assert.Equal(new[] { "OpenClaw.GatewayUnreachable" }, connects.ErrorIds);
        }

        [Fact]
        public void AMalformedStoreStopsWithTheFileAndNothingIsWritten()
        {
            using var broken = OfflineFolder.FromFixture("paired-2026.2.19-legacy.json");
            broken.Write(OfflineFolder.Stringify(new JArray(broken.Paired.Properties().Select(p => p.Value)))); // upstream #23498
            var before = broken.Files();
            foreach (var script in new[] { "Get-OpenClawDevice -Offline -StateDirectory $s", "Update-OpenClawDeviceScope -Offline -StateDirectory $s -DeviceId 5a454ab5b746" })
            {
                var record = Assert.Single(Run(script, broken.Path).Errors);
                Assert.Equal("OpenClaw.StateFileInvalid", record.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
                Assert.Equal(broken.PairedPath, record.TargetObject);
                Assert.Contains("holds an array", record.Exception.Message);
                Assert.NotNull(record.ErrorDetails?.RecommendedAction);
            }
            OfflineFolder.AssertSame(before, broken.Files());
            Assert.Equal(new[] { "OpenClaw.PairingStoreNotFound" }, Run("Get-OpenClawDevice -Offline -StateDirectory $s", Path.Combine(broken.Path, "nope")).ErrorIds);
        }

        [Fact]
        public async Task TwoRunsAtOnceOnOneStoreBothLand()
        {
            using var big = OfflineFolder.Generated(2000);
            using var other = new PowerShellHost();
            var first = Task.Run(() => _host.Invoke("param($s) @(Get-OpenClawDevice -Offline -StateDirectory $s)[0..999] | Update-OpenClawDeviceScope -Offline -StateDirectory $s -NoBackup", new Dictionary<string, object?> { ["s"] = big.Path }));
            var second = Task.Run(() => other.Invoke("param($s) @(Get-OpenClawDevice -Offline -StateDirectory $s)[1000..1999] | Update-OpenClawDeviceScope -Offline -StateDirectory $s -NoBackup", new Dictionary<string, object?> { ["s"] = big.Path }));
            (await first).ThrowIfFailed();
            (await second).ThrowIfFailed();
            // Neither run wrote over the other's scopes: every legacy device now holds read and write.
            var devices = big.Paired.Properties().Select(p => p.Value).ToList();
            Assert.All(devices.Where(d => d["scopes"]!.Count() > 1), d => Assert.Contains("operator.write", d["scopes"]!.ToObject<string[]>()!));
            Assert.Equal(1600, devices.Count(d => d["scopes"]!.ToObject<string[]>()!.Contains("operator.write")));
        }

        [Fact]
        public void TenThousandDevicesGoThroughThePipeline()
        {
            using var big = OfflineFolder.Generated(10_000);
            var watch = Stopwatch.StartNew();
            var listed = Run("@(Get-OpenClawDevice -Offline -StateDirectory $s).Count", big.Path);
            var list = watch.Elapsed;
            var judged = Run("@(Test-OpenClawDeviceScope -Offline -StateDirectory $s | Where-Object { -not $_.IsCompliant }).Count", big.Path);
            var test = watch.Elapsed - list;
            var repaired = Run("@(" + Pipeline + " -PassThru | Where-Object Status -eq Repaired).Count", big.Path);
            var pipeline = watch.Elapsed - list - test;
            _log.WriteLine($"10,000 devices ({new FileInfo(big.PairedPath).Length / 1024} KB): Get -Offline {list.TotalSeconds:F1} s, Test -Offline {test.TotalSeconds:F1} s, Get|Test|Where|Update -Offline {pipeline.TotalSeconds:F1} s");
            listed.ThrowIfFailed();
            repaired.ThrowIfFailed();
            Assert.Equal(10_000, (int)listed.Output[0].BaseObject);
            Assert.Equal(8_000, (int)judged.Output[0].BaseObject);
            Assert.Equal(8_000, (int)repaired.Output[0].BaseObject);
            Assert.True(pipeline < TimeSpan.FromMinutes(3), pipeline.ToString());
        }

        public void Dispose()
        {
            _host.Dispose();
            _folder.Dispose();
        }
    }

    /// <summary>A gateway state folder for offline tests, from the shared fixtures or generated.</summary>
    internal sealed class OfflineFolder : IDisposable
    {
        private OfflineFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "openclaw-ps-offline-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(System.IO.Path.Combine(Path, "devices"));
        }

        public string Path { get; }

        public string PairedPath => System.IO.Path.Combine(Path, "devices", "paired.json");

        public string PairedText => File.ReadAllText(PairedPath);

        public JObject Paired => Parse(PairedText);

        public static string FixturePath(string name) =>
            System.IO.Path.Combine(GatewayInstalls.RepositoryRoot, "tests", "OpenClaw.Core.Tests", "Fixtures", name);

        /// <param name="legacyFromSecond">Put the second and later devices back to the legacy three scopes.</param>
        public static OfflineFolder FromFixture(string fixture, bool legacyFromSecond = false)
        {
            var folder = new OfflineFolder();
            var doc = Parse(File.ReadAllText(FixturePath(fixture)));
            if (legacyFromSecond)
            {
                foreach (var device in doc.Properties().Skip(1).Select(p => p.Value))
                {
                    device["scopes"] = new JArray("operator.admin", "operator.approvals", "operator.pairing");
                    device["tokens"]!["operator"]!["scopes"] = new JArray("operator.admin", "operator.approvals", "operator.pairing");
                }
            }
            folder.Write(Stringify(doc));
            return folder;
        }

        /// <summary>Four in five devices hold the legacy three scopes, every fifth only operator.read.</summary>
        public static OfflineFolder Generated(int devices)
        {
            var folder = new OfflineFolder();
            var doc = new JObject();
            for (var i = 0; i < devices; i++)
            {
                var id = i.ToString("x8") + new string('0', 56);
                var scopes = i % 5 == 4 ? new JArray("operator.read") : new JArray("operator.admin", "operator.approvals", "operator.pairing");
                doc[id] = new JObject
                {
                    ["deviceId"] = id, ["publicKey"] = "k" + i, ["displayName"] = "device " + i, ["platform"] = "linux",
                    ["clientId"] = "gateway-client", ["clientMode"] = "backend", ["role"] = "operator", ["roles"] = new JArray("operator"),
                    ["scopes"] = scopes,
                    ["tokens"] = new JObject { ["operator"] = new JObject { ["token"] = "tok" + i, ["role"] = "operator", ["scopes"] = scopes.DeepClone(), ["createdAtMs"] = 1795555186757L + i } },
                    ["createdAtMs"] = 1795555186756L + i, ["approvedAtMs"] = 1795555186756L + i,
                };
            }
            folder.Write(Stringify(doc));
            return folder;
        }

        /// <summary>As 2026.2.x writes it: JSON.stringify(x, null, 2), no trailing newline, mode 0600.</summary>
        public void Write(string text)
        {
            File.WriteAllText(PairedPath, text);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(PairedPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        public IReadOnlyDictionary<string, byte[]> Files() =>
            Directory.GetFiles(Path, "*", SearchOption.AllDirectories).ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), File.ReadAllBytes);

        public IDictionary<string, string> TokenValues() => TokenValues(Paired);

        public static IDictionary<string, string> TokenValues(JObject paired) =>
            paired.Properties().SelectMany(d => ((JObject)d.Value["tokens"]!).Properties().Select(t => (Key: d.Name + "/" + t.Name, Value: (string)t.Value["token"]!)))
                .ToDictionary(t => t.Key, t => t.Value);

        public static void AssertSame(IReadOnlyDictionary<string, byte[]> expected, IReadOnlyDictionary<string, byte[]> actual)
        {
            Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
            foreach (var pair in expected) Assert.True(pair.Value.SequenceEqual(actual[pair.Key]), pair.Key + " changed");
        }

        public static JObject Parse(string text)
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            return JObject.Load(reader);
        }

        /// <summary>JSON.stringify(value, null, 2), reproduced with Newtonsoft's indented writer.</summary>
        public static string Stringify(JToken value)
        {
            var text = new StringWriter { NewLine = "\n" };
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' }) value.WriteTo(writer);
            return text.ToString();
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
