using System.Diagnostics;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Tests.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Requests;

/// <summary>
/// The queue between the connection's receive thread, where device.pair.requested arrives, and the pipeline thread
/// that writes it: it must wake promptly, stop promptly on Ctrl+C, and never throw on the receive thread.
/// </summary>
public sealed class PendingRequestFeedTests
{
    private static JObject Requested(string id) => PairingSnapshots.PendingRequest(id, TestDevices.CliDeviceId, 1795555243275, new[] { Scope.Read });

    [Fact]
    public void RequestsThatArrivedAreTakenOnceInOrder()
    {
        using var feed = new PendingRequestFeed();
        feed.OnEvent(PendingRequestFeed.RequestedEvent, Requested("r1"));
        feed.OnEvent(PendingRequestFeed.RequestedEvent, Requested("r2"));
        Assert.Equal(new[] { "r1", "r2" }, feed.Take(TimeSpan.FromSeconds(1), CancellationToken.None).Select(r => r.RequestId));
        Assert.Empty(feed.Take(TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public void OtherEventsAndUnreadablePayloadsAreIgnoredWithoutThrowing()
    {
        using var feed = new PendingRequestFeed();
        feed.OnEvent("device.pair.resolved", new JObject { ["requestId"] = "r1", ["decision"] = "approved" });
        feed.OnEvent(PendingRequestFeed.RequestedEvent, new JObject { ["requestId"] = new JObject(), ["isRepair"] = "maybe" });
        feed.OnEvent(PendingRequestFeed.RequestedEvent, new JObject());
        Assert.Empty(feed.Take(TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public void AnArrivalWakesAWaitingTake()
    {
        using var feed = new PendingRequestFeed();
        var clock = Stopwatch.StartNew();
        _ = Task.Delay(200).ContinueWith(_ => feed.OnEvent(PendingRequestFeed.RequestedEvent, Requested("r1")));
        Assert.Equal("r1", Assert.Single(feed.Take(TimeSpan.FromSeconds(30), CancellationToken.None)).RequestId);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void CancellationEndsAWaitingTakeAtOnce()
    {
        using var feed = new PendingRequestFeed();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => feed.Take(TimeSpan.FromSeconds(30), stop.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AnEventAfterDisposeIsHarmless()
    {
        var feed = new PendingRequestFeed();
        feed.Dispose();
        feed.OnEvent(PendingRequestFeed.RequestedEvent, Requested("r1"));
    }
}
