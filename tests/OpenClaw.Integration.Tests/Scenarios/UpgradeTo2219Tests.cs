using System.Linq;
using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Upstream issue 23006 end to end: devices paired on 2026.2.17 keep the legacy scopes after the upgrade to
    /// 2026.2.19, where least-privilege operator.read calls fail with "pairing required"; the pipeline repairs them.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class UpgradeTo2219Tests
    {
        private const string Legacy = "operator.admin,operator.approvals,operator.pairing";
        private readonly ITestOutputHelper _log;

        public UpgradeTo2219Tests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.17", "2026.2.19")]
        public void ThePipelineRepairsLegacyDevicesAfterTheUpgradeWithoutEscalatingAReadOnlyDevice()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            Assert.Equal(0, gateway.Cli("2026.2.17", "devices", "list", "--json").ExitCode); // the local CLI pairs itself
            var backend = gateway.Device("backend", "gateway-client", "backend", Legacy.Split(','));
            var reader = gateway.Device("reader", "gateway-client", "backend", "operator.read");
            Assert.True(backend.Ok && reader.Ok, $"pairing on 2.17: {backend} / {reader}");

            gateway.Start("2026.2.19");
            var bug = gateway.ToolCall("sessions.list", "operator.read");
            _log.WriteLine("before: " + bug.All);
            Assert.Contains("pairing required", bug.All);
            Assert.Equal("NOT_PAIRED", gateway.Device("backend", "gateway-client", "backend", "operator.read").Code);

            using var shell = new ModuleShell(gateway);
            var before = gateway.StateFiles();
            var whatIf = shell.Run("Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -WhatIf");
            whatIf.ThrowIfFailed();
            _log.WriteLine(whatIf.HostText);
            Assert.Equal(2, whatIf.HostText.Split('\n').Count(l => l.StartsWith("What if:")));
            Assert.Contains("operator.read, operator.write", whatIf.HostText);
            AssertSameFiles(before, gateway.StateFiles());

            var repair = shell.Run("Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru");
            repair.ThrowIfFailed();
            Assert.Equal(2, repair.Output.Count);
            Assert.All(repair.Output, change =>
            {
                Assert.Equal("Repaired", change.Properties["Status"].Value);
                Assert.Equal(true, change.Properties["Verified"].Value);
                Assert.Equal("Rotate", change.Properties["Method"].Value);
            });
            Assert.DoesNotContain(gateway.Token, repair.AllText);
            var cliChange = Assert.Single(repair.Output, c => (string)c.Properties["Name"].Value == "cli");
            Assert.Equal(true, cliChange.Properties["TokenCacheUpdated"].Value);
            var cache = Newtonsoft.Json.Linq.JObject.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(gateway.StateDirectory, "identity", "device-auth.json")));
            var cachedToken = (string)cache["tokens"]!["operator"]!["token"]!;
            Assert.Equal(5, cache["tokens"]!["operator"]!["scopes"]!.Count());
            Assert.DoesNotContain(cachedToken, repair.AllText);

            Assert.StartsWith("OK", gateway.ToolCall("sessions.list", "operator.read").Output);
            Assert.StartsWith("OK", gateway.ToolCall("agent.identity.get", "operator.read").Output);
            Assert.True(gateway.Device("backend", "gateway-client", "backend", "operator.read").Ok);
            Assert.True(gateway.Device("backend", "gateway-client", "backend", "operator.write").Ok);
            Assert.Equal(0, gateway.Cli("2026.2.19", "devices", "list", "--json").ExitCode);

            var after = shell.Run("Test-OpenClawDeviceScope @c");
            after.ThrowIfFailed();
            Assert.All(after.Output, report => Assert.Equal(true, report.Properties["IsCompliant"].Value));
            var readerScopes = gateway.PairedJson()[reader.DeviceId!]!["scopes"]!.ToObject<string[]>();
            Assert.Equal(new[] { "operator.read" }, readerScopes);
            Assert.Empty(gateway.PendingJson().Properties());
        }

        internal static void AssertSameFiles(System.Collections.Generic.IReadOnlyDictionary<string, byte[]> expected,
            System.Collections.Generic.IReadOnlyDictionary<string, byte[]> actual)
        {
            Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
            foreach (var pair in expected) Assert.True(pair.Value.SequenceEqual(actual[pair.Key]), pair.Key + " changed");
        }
    }
}
