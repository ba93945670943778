using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>
    /// Which release the verdict is for when the gateway says "dev" (2.x started as node openclaw.mjs), and that
    /// finding out sends only read-only requests (MEASURED.md Q1).
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class ReleaseDetectionTests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public ReleaseDetectionTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
            _shell.Gateway.ServerVersion = "dev";
        }

        [Fact]
        public void DevWithHealthRefusedWithoutReadIs2026_2_19()
        {
            var report = JudgeBackend();

            Assert.Equal("2026.2.19", report.Get<string>("GatewayRelease"));
            Assert.Contains("health", report.Get<string>("ReleaseEvidence"));
            Assert.Equal(new[] { Scopes.Read, Scopes.Write }, report.Get<string[]>("MissingScopes"));
            Assert.Single(_shell.Gateway.Requests("health"));
            AssertOnlyReadOnlyRequests();
        }

        [Fact]
        public void DevWithHealthAnsweredIsTheRange2026_2_21To2026_3_2JudgedBy2026_2_21()
        {
            _shell.Gateway.HealthRequiresRead = false;

            var report = JudgeBackend();

            Assert.Equal("2026.2.21-2026.3.2 (not reported)", report.Get<string>("GatewayRelease"));
            Assert.Equal(new[] { Scopes.Write }, report.Get<string[]>("MissingScopes"));
            Assert.Empty(_shell.Gateway.Requests("config.schema"));
            AssertOnlyReadOnlyRequests();
        }

        [Fact]
        public void DevWithAnAdminIdentityReadsTheExactVersionFromConfigSchema()
        {
            _shell.Gateway.HealthRequiresRead = false;
            _shell.Gateway.AutoPairConnectingDevices = true;
            _shell.Gateway.ConfigSchemaVersion = "2026.2.23";
            _shell.RunOk("Get-OpenClawDevice @c"); // pairs the module's identity with [operator.pairing]
            var own = _shell.Store.Device(_shell.Gateway.Connects[0].DeviceId!)!;
            own.Scopes = Scopes.Full.ToList();
            own.Tokens["operator"].Scopes = Scopes.Full.ToList();

            var report = JudgeBackend();

            Assert.Equal("2026.2.23", report.Get<string>("GatewayRelease"));
            Assert.Contains("config.schema", report.Get<string>("ReleaseEvidence"));
            Assert.True(report.Get<bool>("IsCompliant"));
            var schema = Assert.Single(_shell.Gateway.Requests("config.schema"));
            var adminConnect = _shell.Gateway.Connects.Single(c => c.Connection == schema.Connection);
            Assert.Equal(new[] { Scopes.Admin }, adminConnect.Scopes);
            AssertOnlyReadOnlyRequests();
        }

        [Fact]
        public void DevWithoutDevicePairRemoveIs2026_2_17OrEarlier()
        {
            _shell.Gateway.Methods = FixtureFiles.HelloOk("frames-2026.2.19.jsonl")["features"]!["methods"]!.AsArray()
                .Select(m => m!.GetValue<string>()).Where(m => m != "device.pair.remove").ToList();

            var report = JudgeBackend();

            Assert.Equal("2026.2.17 or earlier", report.Get<string>("GatewayRelease"));
            Assert.Empty(_shell.Gateway.Requests("health"));
        }

        [Fact]
        public void A2026_9_6GatewayOnProtocol4FindsLegacyDevicesCompliant()
        {
            _shell.Gateway.HelloFixture = "frames-2026.9.6-hello.jsonl";
            _shell.Gateway.ServerVersion = "2026.9.6";
            _shell.Gateway.Protocol = 4;

            var result = _shell.RunOk("Test-OpenClawDeviceScope @c");

            Assert.All(result.Output, r => Assert.Equal("2026.9.6", r.Get<string>("GatewayRelease")));
            Assert.Equal(5, result.Output.Count);
            Assert.All(result.Output, r => Assert.True(r.Get<bool>("IsCompliant"), r.ToString()));
            Assert.Empty(_shell.Gateway.Requests("health"));
        }

        [Fact]
        public void AGatewayOutsideTheOfferedProtocolsIsProtocolMismatch()
        {
            _shell.Gateway.Protocol = 5;

            var (error, _) = _shell.RunCatching("Get-OpenClawDevice @c");

            Assert.NotNull(error);
            Assert.Equal("OpenClaw.ProtocolMismatch", error!.ErrorId());
        }

        private System.Management.Automation.PSObject JudgeBackend() =>
            Assert.Single(_shell.RunOk("Test-OpenClawDeviceScope @c -DeviceId $id", ("id", _devices.Backend.DeviceId)).Output);

        private void AssertOnlyReadOnlyRequests() =>
            Assert.All(_shell.Gateway.Frames, f => Assert.Contains(f.Method, new[] { "connect", "device.pair.list", "health", "config.schema" }));

        public void Dispose() => _shell.Dispose();
    }
}
