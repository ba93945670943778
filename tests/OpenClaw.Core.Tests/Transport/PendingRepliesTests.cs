using System.Diagnostics;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Tests.Transport;

/// <summary>The per-connection bookkeeping of awaited answers: answers, timeouts, cancellation and a dropped socket.</summary>
public sealed class PendingRepliesTests
{
    private static PendingReplies Replies(TimeSpan timeout) =>
        new PendingReplies(timeout, operation => new NoAnswer("no answer to " + operation));

    /// <summary>As GatewayConnection waits: the reply's task, cancelled by the caller's token.</summary>
    private static async Task<JObject> Wait(PendingReplies.Reply reply, CancellationToken cancellation)
    {
        using (PendingReplies.CancelWith(reply, cancellation))
        {
            return await reply.Task;
        }
    }

    private sealed class NoAnswer(string message) : Exception(message);

    [Fact]
    public async Task An_answer_completes_the_wait_for_its_id_only()
    {
        using var replies = Replies(TimeSpan.FromSeconds(30));
        var one = replies.Expect("ps1", "list");
        var two = replies.Expect("ps2", "rotate");
        var frame = new JObject { ["id"] = "ps2" };

        Assert.True(replies.TryComplete("ps2", frame));
        Assert.False(replies.TryComplete("ps3", frame));

        Assert.Same(frame, await Wait(two, CancellationToken.None));
        Assert.False(one.Task.IsCompleted);
    }

    [Fact]
    public void No_request_id_reaches_the_challenge()
    {
        using var replies = Replies(TimeSpan.FromSeconds(30));
        var challenge = replies.Expect(PendingReplies.Challenge, "the connect challenge");

        Assert.False(replies.TryComplete("System.Object", new JObject()));
        Assert.True(replies.TryComplete(PendingReplies.Challenge, new JObject()));
        Assert.True(challenge.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_unanswered_request_times_out_after_the_timeout_and_not_before()
    {
        using var replies = Replies(TimeSpan.FromMilliseconds(400));
        var clock = Stopwatch.StartNew();
        var reply = replies.Expect("ps1", "device.pair.list");

        var e = await Assert.ThrowsAsync<NoAnswer>(() => Wait(reply, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal("no answer to device.pair.list", e.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(390), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_timer_rearms_for_requests_made_after_an_earlier_one_was_answered()
    {
        using var replies = Replies(TimeSpan.FromMilliseconds(200));
        var first = replies.Expect("ps1", "first");
        replies.TryComplete("ps1", new JObject());
        await Wait(first, CancellationToken.None);
        replies.Forget("ps1");
        await Task.Delay(300);

        var second = replies.Expect("ps2", "second");

        var e = await Assert.ThrowsAsync<NoAnswer>(() => Wait(second, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("no answer to second", e.Message);
    }

    [Fact]
    public async Task An_infinite_timeout_never_times_out()
    {
        using var replies = Replies(Timeout.InfiniteTimeSpan);
        var reply = replies.Expect("ps1", "list");

        await Task.Delay(100);

        Assert.False(reply.Task.IsCompleted);
        Assert.Throws<ArgumentOutOfRangeException>(() => Replies(TimeSpan.Zero));
    }

    [Fact]
    public async Task Cancelling_ends_the_wait_at_once_as_a_cancellation_of_the_callers_token()
    {
        using var replies = Replies(TimeSpan.FromSeconds(30));
        using var stop = new CancellationTokenSource();
        var reply = replies.Expect("ps1", "device.token.rotate");
        var waiting = Wait(reply, stop.Token);

        stop.Cancel();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(stop.Token, e.CancellationToken);
    }

    [Fact]
    public async Task A_dropped_connection_fails_every_wait_with_its_reason()
    {
        using var replies = Replies(TimeSpan.FromSeconds(30));
        var one = replies.Expect("ps1", "list");
        var challenge = replies.Expect(PendingReplies.Challenge, "the connect challenge");
        var reason = new InvalidOperationException("closed");

        replies.FailAll(reason);

        Assert.Same(reason, await Assert.ThrowsAsync<InvalidOperationException>(() => Wait(one, CancellationToken.None)));
        Assert.Same(reason, await Assert.ThrowsAsync<InvalidOperationException>(() => challenge.Task));
    }
}
