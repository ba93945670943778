using System.Diagnostics;
using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>Setup failures are terminating, carry an OpenClaw.* id, the right category, the offending input as target and a fix.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class ConnectionErrorTests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();

        public ConnectionErrorTests()
        {
            TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void AClosedPortIsATerminatingGatewayUnreachable()
        {
            var url = $"ws://127.0.0.1:{FakeGatewayServer.FreePort()}";

            var error = Terminating("Get-OpenClawDevice @c -Url $u", ("u", url));

            Assert.Equal("OpenClaw.GatewayUnreachable", error.ErrorId());
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("127.0.0.1", error.TargetObject?.ToString());
            Assert.NotNull(error.ErrorDetails?.RecommendedAction);
        }

        [Theory]
        [InlineData("http://x")]
        [InlineData("127.0.0.1:18789")]
        public void ANonWebSocketUrlIsInvalidGatewayUrl(string url)
        {
            var error = Terminating("Get-OpenClawDevice @c -Url $u", ("u", url));

            Assert.Equal("OpenClaw.InvalidGatewayUrl", error.ErrorId());
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(url, error.TargetObject);
            Assert.Empty(_shell.Gateway.Connects);
        }

        [Fact]
        public void TokenAndPasswordTogetherAreConflictingCredentials()
        {
            var error = Terminating("Test-OpenClawDeviceScope @c -Password 'some-password'");

            Assert.Equal("OpenClaw.ConflictingCredentials", error.ErrorId());
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Empty(_shell.Gateway.Connects);
        }

        [Fact]
        public void NotPairedOnConnectIsPairingRequiredWithTheApproveCommand()
        {
            const string requestId = "0f50fcc8-f963-4086-a514-0078ccf40aa4";
            _shell.Gateway.Script.RefuseConnectAsNotPaired(requestId);

            var error = Terminating("Update-OpenClawDeviceScope @c -DeviceId $id", ("id", TestDevices.CliId));

            Assert.Equal("OpenClaw.PairingRequired", error.ErrorId());
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains(requestId, error.Exception.Message);
            Assert.Contains("openclaw devices approve " + requestId, error.ErrorDetails?.RecommendedAction);
            var connect = Assert.Single(_shell.Gateway.Connects);
            Assert.Equal(connect.DeviceId, error.TargetObject);
            Assert.Empty(_shell.Gateway.ChangingRequests);
        }

        [Fact]
        public void AWrongTokenIsAuthenticationFailed()
        {
            var error = Terminating("Get-OpenClawDevice @c -Token 'not-the-gateway-token'");

            Assert.Equal("OpenClaw.AuthenticationFailed", error.ErrorId());
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.DoesNotContain("not-the-gateway-token", error.Exception.ToString() + error.ErrorDetails?.Message + error.ErrorDetails?.RecommendedAction);
        }

        [Fact]
        public void ACorruptIdentityFileIsIdentityInvalidAndIsLeftUnchanged()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_shell.IdentityFile)!);
            const string corrupt = "{ \"version\": 1, \"privateKeyPem\": \"-----BEGIN PRIVATE KEY-----\\ngarbage\\n-----END PRIVATE KEY-----\\n\"";
            File.WriteAllText(_shell.IdentityFile, corrupt);
            var before = File.GetLastWriteTimeUtc(_shell.IdentityFile);

            var error = Terminating("Get-OpenClawDevice @c");

            Assert.Equal("OpenClaw.IdentityInvalid", error.ErrorId());
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(_shell.IdentityFile, error.TargetObject);
            Assert.NotNull(error.ErrorDetails?.RecommendedAction);
            Assert.Equal(corrupt, File.ReadAllText(_shell.IdentityFile));
            Assert.Equal(before, File.GetLastWriteTimeUtc(_shell.IdentityFile));
            Assert.Equal(new[] { "device.json" }, Directory.GetFiles(Path.GetDirectoryName(_shell.IdentityFile)!).Select(Path.GetFileName));
            Assert.Empty(_shell.Gateway.Connects);
        }

        [Fact]
        public void AGatewayThatNeverSendsTheChallengeIsATimeoutWithinTimeoutSec()
        {
            _shell.Gateway.Script.SendChallenge = false;

            var clock = Stopwatch.StartNew();
            var error = Terminating("Get-OpenClawDevice @c -TimeoutSec 1");

            Assert.Equal("OpenClaw.Timeout", error.ErrorId());
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void AGatewayThatNeverAnswersTheConnectIsATimeout()
        {
            _shell.Gateway.Script.NeverAnswer("connect");

            var clock = Stopwatch.StartNew();
            var error = Terminating("Test-OpenClawDeviceScope @c -TimeoutSec 1");

            Assert.Equal("OpenClaw.Timeout", error.ErrorId());
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        }

        [Theory]
        [InlineData("Get-OpenClawDevice @c -TimeoutSec 1")]
        [InlineData("Test-OpenClawDeviceScope @c -TimeoutSec 1")]
        [InlineData("Update-OpenClawDeviceScope @c -TimeoutSec 1 -DeviceId " + TestDevices.CliId)]
        public void AListThatIsNeverAnsweredIsATimeout(string script)
        {
            _shell.Gateway.Script.NeverAnswer("device.pair.list");

            var clock = Stopwatch.StartNew();
            var error = Terminating(script);

            Assert.Equal("OpenClaw.Timeout", error.ErrorId());
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void AMalformedFrameIsAProtocolError()
        {
            _shell.Gateway.Script.SendMalformed("device.pair.list");

            var error = Terminating("Get-OpenClawDevice @c");

            Assert.Equal("OpenClaw.ProtocolError", error.ErrorId());
            Assert.Equal(ErrorCategory.ProtocolError, error.CategoryInfo.Category);
        }

        [Fact]
        public void ASocketClosedUnderTheListIsConnectionClosed()
        {
            _shell.Gateway.Script.CloseOn("device.pair.list", closeCode: 1011, reason: "internal error");

            var error = Terminating("Get-OpenClawDevice @c");

            Assert.Equal("OpenClaw.ConnectionClosed", error.ErrorId());
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        }

        [Fact]
        public void AListWithoutThePairingScopeIsMissingScope()
        {
            _shell.Gateway.Script.Fail("device.pair.list", "missing scope: operator.pairing");

            var error = Terminating("Get-OpenClawDevice @c");

            Assert.Equal("OpenClaw.MissingScope", error.ErrorId());
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        }

        private ErrorRecord Terminating(string command, params (string Name, object? Value)[] arguments)
        {
            var (caught, result) = _shell.RunCatching(command, arguments);
            Assert.True(caught != null, "Expected a terminating error; got output [" + string.Join(", ", result.Output) + "] and errors ["
                                        + string.Join(" | ", result.Errors.Select(e => e.FullyQualifiedErrorId)) + "]");
            _shell.AssertNoSecretIn(result);
            return caught!;
        }

        public void Dispose() => _shell.Dispose();
    }
}
