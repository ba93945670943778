using System.Diagnostics;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>
    /// The gateway's host goes silent in the middle of a batch (the socket drops, and new connects are never
    /// answered, as behind a dropped VPN): the batch must end within a few -TimeoutSec, with every device that was
    /// not repaired reported by an error naming it, rather than spend -TimeoutSec reconnecting for each remaining
    /// device (200 devices at the default 30 s would be 100 minutes of a scheduled task hanging).
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class GatewayLostMidBatchTests : IDisposable
    {
        private const int BatchSize = 20;
        private const int TimeoutSec = 1;
        private readonly FakeGatewayShell _shell = new();
        private readonly List<FakeDevice> _fleet;
        private readonly ITestOutputHelper _log;

        public GatewayLostMidBatchTests(ITestOutputHelper log)
        {
            _log = log;
            _fleet = Enumerable.Range(1, BatchSize)
                .Select(i => _shell.Store.Add(FakeDevice.Create($"fleet-{i}", Scopes.Legacy, "gateway-client", "backend", $"fleet-{i:000}")))
                .ToList();
            _shell.Gateway.Script.CloseOn("device.token.rotate", occurrence: 6, closeCode: 1011, reason: "going away");
            // Get and Update connect once each; every connect after those is accepted at the TCP level and never answered.
            for (var n = 3; n <= 2 * BatchSize + 5; n++)
            {
                _shell.Gateway.Script.Add(new Reaction { Kind = ReactionKind.Delay, Method = "connect", Occurrence = n, Delay = Timeout.InfiniteTimeSpan });
            }
        }

        [Fact]
        public void TheBatchEndsWithinAFewTimeoutsAndNamesEveryDeviceNotRepaired()
        {
            var clock = Stopwatch.StartNew();
            var result = _shell.Run("Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | "
                                    + $"Update-OpenClawDeviceScope @c -TimeoutSec {TimeoutSec} -PassThru");
            var took = clock.Elapsed;

            var reconnects = _shell.Gateway.SocketsAccepted - 2;
            _log.WriteLine($"took {took.TotalSeconds:0.0} s, {_shell.Gateway.SocketsAccepted} sockets, {result.Errors.Count} errors "
                           + $"[{string.Join(", ", result.ErrorIds.Distinct())}], {_shell.Gateway.Requests("device.token.rotate").Count} rotates, output {result.Output.Count}, "
                           + string.Join(" | ", result.Errors.Take(3).Select(e => e.Exception.Message)));
            var untouched = _fleet.Where(d => _shell.Store.ScopesOf(d.DeviceId).SequenceEqual(Scopes.Legacy)).Select(d => d.DeviceId).ToList();
            var named = result.Errors.Select(e => e.TargetObject as string).ToHashSet();
            Assert.All(untouched, id => Assert.Contains(id, named));
            Assert.True(took < TimeSpan.FromSeconds(4 * TimeoutSec + 2),
                $"the batch took {took.TotalSeconds:0.0} s after the gateway went silent, reconnecting {reconnects} times "
                + $"(about -TimeoutSec per remaining device) instead of giving up on the rest");
            _shell.AssertNoSecretIn(result);
        }

        public void Dispose() => _shell.Dispose();
    }
}
