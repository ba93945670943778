using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>Test-OpenClawDeviceScope: the release-aware verdict, from the pipeline and by id, and its argument errors.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class TestOpenClawDeviceScopeTests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public TestOpenClawDeviceScopeTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void JudgesPipedDevicesWithoutConnectingAgain()
        {
            var result = _shell.RunOk("Get-OpenClawDevice @c | Test-OpenClawDeviceScope");

            Assert.Equal(5, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal("OpenClaw.PowerShell.DeviceScopeReport", o.BaseObject.GetType().FullName));
            var failing = result.Output.Where(o => !o.Get<bool>("IsCompliant")).Select(o => o.Id()).OrderBy(i => i);
            Assert.Equal(new[] { _devices.Cli.DeviceId, _devices.Backend.DeviceId }.OrderBy(i => i), failing);
            AssertLegacyOn2219(result.Output.Single(o => o.Id() == _devices.Backend.DeviceId));
            Assert.Single(_shell.Gateway.Connects);
            Assert.Single(_shell.Gateway.Requests("device.pair.list"));
        }

        [Fact]
        public void JudgesByDeviceIdAndShowsThePendingRepairRequest()
        {
            var report = Assert.Single(_shell.RunOk("Test-OpenClawDeviceScope @c -DeviceId $id", ("id", _devices.Cli.ShortId)).Output);

            AssertLegacyOn2219(report);
            Assert.Equal("cli", report.Get<string>("Name"));
            var request = Assert.Single(report.Get<object[]>("PendingRequests").Select(PSObject.AsPSObject));
            Assert.Equal(TestDevices.CliRequestId, request.Get<string>("RequestId"));
        }

        [Fact]
        public void WithoutAnIdJudgesEveryDeviceAndNeverEscalatesAReadOnlyDevice()
        {
            var result = _shell.RunOk("Test-OpenClawDeviceScope @c");

            Assert.Equal(5, result.Output.Count);
            var reader = result.Output.Single(o => o.Id() == _devices.Reader.DeviceId);
            Assert.True(reader.Get<bool>("IsCompliant"));
            Assert.Equal(new[] { Scopes.Read }, reader.Get<string[]>("RequiredScopes"));
            var node = result.Output.Single(o => o.Id() == _devices.Node.DeviceId);
            Assert.Equal("node", node.Get<string>("Role"));
            Assert.True(node.Get<bool>("IsCompliant"));
        }

        [Theory]
        [InlineData("2026.2.22", new string[0])]
        [InlineData("2026.2.21", new[] { Scopes.Write })]
        [InlineData("2026.2.19", new[] { Scopes.Read, Scopes.Write })]
        public void ReleaseChangesTheVerdict(string release, string[] missing)
        {
            foreach (var script in new[]
                     {
                         "Test-OpenClawDeviceScope @c -DeviceId $id -Release $r",
                         "Get-OpenClawDevice @c -DeviceId $id | Test-OpenClawDeviceScope -Release $r",
                     })
            {
                var report = Assert.Single(_shell.RunOk(script, ("id", _devices.Backend.DeviceId), ("r", release)).Output);
                Assert.Equal(missing, report.Get<string[]>("MissingScopes"));
                Assert.Equal(missing.Length == 0, report.Get<bool>("IsCompliant"));
                Assert.Equal(release, report.Get<string>("GatewayRelease"));
                Assert.Equal("given with -Release", report.Get<string>("ReleaseEvidence"));
            }
        }

        [Fact]
        public void RequiredScopeReplacesTheEntitlement()
        {
            var result = _shell.RunOk("Test-OpenClawDeviceScope @c -DeviceId $ids -RequiredScope operator.read, operator.write",
                ("ids", new[] { _devices.Reader.ShortId, _devices.Full.ShortId }));

            var reader = result.Output.Single(o => o.Id() == _devices.Reader.DeviceId);
            Assert.False(reader.Get<bool>("IsCompliant"));
            Assert.Equal(new[] { Scopes.Write }, reader.Get<string[]>("MissingScopes"));
            Assert.Equal(new[] { Scopes.Read, Scopes.Write }, reader.Get<string[]>("RequiredScopes"));
            Assert.True(result.Output.Single(o => o.Id() == _devices.Full.DeviceId).Get<bool>("IsCompliant"));
        }

        [Theory]
        [InlineData("2.19")]
        [InlineData("latest")]
        [InlineData("2026-02-19")]
        public void AnInvalidReleaseIsATerminatingInvalidReleaseBeforeAnythingIsSent(string release)
        {
            var (error, result) = _shell.RunCatching("Test-OpenClawDeviceScope @c -Release $r", ("r", release));

            Assert.NotNull(error);
            Assert.Equal("OpenClaw.InvalidRelease", error.ErrorId());
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(release, error.TargetObject);
            Assert.Single(result.Output);
            Assert.Empty(_shell.Gateway.Connects);
        }

        [Fact]
        public void AnUnknownRoleOnAPipedDeviceIsRoleNotFoundForThatDevice()
        {
            var result = _shell.Run("Get-OpenClawDevice @c -DeviceId $id | Test-OpenClawDeviceScope -Role node", ("id", _devices.Backend.DeviceId));

            Assert.Null(result.Terminating);
            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.RoleNotFound", error.ErrorId());
            Assert.Equal(_devices.Backend.DeviceId, error.TargetObject);
        }

        [Fact]
        public void AnUnknownRoleForANamedDeviceIsRoleNotFound()
        {
            // The device is named explicitly, so a role it does not hold is a mistake to report, as it is when piped.
            var result = _shell.Run("Test-OpenClawDeviceScope @c -DeviceId $id -Role node", ("id", _devices.Backend.DeviceId));

            Assert.Null(result.Terminating);
            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.RoleNotFound", error.ErrorId());
            Assert.Equal(_devices.Backend.DeviceId, error.TargetObject);
        }

        private static void AssertLegacyOn2219(PSObject report)
        {
            Assert.False(report.Get<bool>("IsCompliant"));
            Assert.Equal("operator", report.Get<string>("Role"));
            Assert.Equal(Scopes.Legacy.OrderBy(s => s, StringComparer.Ordinal), report.Get<string[]>("ApprovedScopes"));
            Assert.Equal(new[] { Scopes.Read, Scopes.Write }, report.Get<string[]>("MissingScopes"));
            Assert.Equal(new[] { Scopes.Read, Scopes.Write }, report.Get<string[]>("MissingTokenScopes"));
            Assert.Equal("2026.2.19", report.Get<string>("GatewayRelease"));
            Assert.Contains("pairing required", report.Get<string>("Reason"));
        }

        public void Dispose() => _shell.Dispose();
    }
}
