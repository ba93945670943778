using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>
    /// Ctrl+C in the middle of a repair batch: the pipeline stops at once with PipelineStoppedException (the one
    /// record the user sees, no OpenClaw error besides it), nothing more is sent afterwards, and every device is
    /// either repaired or untouched.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class CtrlCMidBatchTests : IDisposable
    {
        private const int BatchSize = 40;
        private readonly FakeGatewayShell _shell = new();
        private readonly List<FakeDevice> _fleet;

        public CtrlCMidBatchTests()
        {
            _fleet = Enumerable.Range(1, BatchSize)
                .Select(i => _shell.Store.Add(FakeDevice.Create($"fleet-{i}", Scopes.Legacy, "gateway-client", "backend", $"fleet-{i:000}")))
                .ToList();
            // Slow enough that the batch is still running when the stop comes, fast enough to reach it quickly.
            _shell.Gateway.Script.Delay("device.token.rotate", TimeSpan.FromMilliseconds(100));
        }

        [Fact]
        public void StopMidBatchEndsPromptlyAndLeavesEveryDeviceWholeOrUntouched()
        {
            var stopped = StoppableInvocation.RunThenStop(
                "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru",
                new Dictionary<string, object?> { ["c"] = _shell.Connection },
                busy: () => _shell.Gateway.Requests("device.token.rotate").Count >= 5,
                giveUpAfter: TimeSpan.FromSeconds(20));

            Assert.False(stopped.CompletedBeforeStop, "the batch finished before the stop; make the rotates slower");
            Assert.InRange(stopped.StopTook, TimeSpan.Zero, TimeSpan.FromSeconds(2));
            Assert.IsType<PipelineStoppedException>(stopped.Result.Terminating);
            Assert.Empty(stopped.Result.Errors);

            var sentAtStop = _shell.Gateway.ChangingRequests.Count;
            Thread.Sleep(500);
            Assert.Equal(sentAtStop, _shell.Gateway.ChangingRequests.Count);
            Assert.InRange(_shell.Gateway.Requests("device.token.rotate").Count, 5, BatchSize - 1);
            Assert.Empty(_shell.Gateway.Requests("device.pair.reject"));
            Assert.All(_fleet, device =>
            {
                var scopes = _shell.Store.ScopesOf(device.DeviceId);
                Assert.True(scopes.SequenceEqual(Scopes.Legacy) || scopes.SequenceEqual(Scopes.Sorted(Scopes.Full)),
                    $"{device.DisplayName} is half-done: [{string.Join(", ", scopes)}]");
            });
            _shell.AssertNoSecretIn(stopped.Result);
        }

        public void Dispose() => _shell.Dispose();
    }
}
