using System.Management.Automation;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>Ctrl+C (PowerShell.Stop) ends a command waiting on the gateway at once, not when -TimeoutSec runs out.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class CancellationTests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public CancellationTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void StopEndsAnUpdateWaitingForARotate()
        {
            _shell.Gateway.Script.Delay("device.token.rotate", TimeSpan.FromSeconds(60));

            var stopped = StoppableInvocation.RunThenStop(
                "$ids | ForEach-Object { [pscustomobject]@{ DeviceId = $_ } } | Update-OpenClawDeviceScope @c -TimeoutSec 30 -PassThru",
                new Dictionary<string, object?> { ["c"] = _shell.Connection, ["ids"] = new[] { _devices.Backend.DeviceId, _devices.Cli.DeviceId } },
                busy: () => _shell.Gateway.Requests("device.token.rotate").Count > 0,
                giveUpAfter: TimeSpan.FromSeconds(40));

            Assert.False(stopped.CompletedBeforeStop);
            Assert.InRange(stopped.StopTook, TimeSpan.Zero, TimeSpan.FromSeconds(3));
            Assert.IsType<PipelineStoppedException>(stopped.Result.Terminating);
            Assert.Single(_shell.Gateway.Requests("device.token.rotate"));
            Assert.Empty(_shell.Gateway.Requests("device.pair.reject"));
        }

        [Fact]
        public void StopEndsAGetWaitingForTheList()
        {
            _shell.Gateway.Script.NeverAnswer("device.pair.list");

            var stopped = StoppableInvocation.RunThenStop("Get-OpenClawDevice @c -TimeoutSec 30",
                new Dictionary<string, object?> { ["c"] = _shell.Connection },
                busy: () => _shell.Gateway.Requests("device.pair.list").Count > 0,
                giveUpAfter: TimeSpan.FromSeconds(40));

            Assert.False(stopped.CompletedBeforeStop);
            Assert.InRange(stopped.StopTook, TimeSpan.Zero, TimeSpan.FromSeconds(3));
            Assert.IsType<PipelineStoppedException>(stopped.Result.Terminating);
        }

        [Fact]
        public void StopEndsAConnectWaitingForTheChallenge()
        {
            _shell.Gateway.Script.SendChallenge = false;

            var stopped = StoppableInvocation.RunThenStop("Test-OpenClawDeviceScope @c -TimeoutSec 30",
                new Dictionary<string, object?> { ["c"] = _shell.Connection },
                busy: () => _shell.Gateway.SocketsAccepted > 0,
                giveUpAfter: TimeSpan.FromSeconds(40));

            Assert.False(stopped.CompletedBeforeStop);
            Assert.InRange(stopped.StopTook, TimeSpan.Zero, TimeSpan.FromSeconds(3));
            Assert.IsType<PipelineStoppedException>(stopped.Result.Terminating);
        }

        public void Dispose() => _shell.Dispose();
    }
}
