using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Transport
{
    /// <summary>
    /// What one connection is waiting for (the answer to each request by id, and the connect challenge), each with
    /// a deadline. One timer per connection, armed only while something waits, fails whatever is past its
    /// deadline. So a request costs a dictionary entry and, when the caller can cancel, one registration on its
    /// token, instead of a linked CancellationTokenSource, a timer, a second task and <c>Task.WhenAny</c> of its
    /// own: with 200 rotates per repair in a new process, that per-request machinery was a visible part of the
    /// client's share of the time.
    /// </summary>
    internal sealed class PendingReplies : IDisposable
    {
        /// <summary>The key of the connect challenge; no request id (a string) is ever equal to it.</summary>
        public static readonly object Challenge = new object();

        private static readonly TimeSpan ShortestSweep = TimeSpan.FromMilliseconds(10);
        private static readonly TimeSpan LongestSweep = TimeSpan.FromMilliseconds(500);

        private readonly ConcurrentDictionary<object, Reply> _waiting = new ConcurrentDictionary<object, Reply>();
        private readonly long _timeoutTicks;
        private readonly Func<string, Exception> _timedOut;
        private readonly Timer _sweep;
        private readonly TimeSpan _sweepEvery;
        private int _sweepArmed;

        /// <param name="timeout">How long each answer may take; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
        /// <param name="timedOut">The error for an operation that was not answered in time.</param>
        public PendingReplies(TimeSpan timeout, Func<string, Exception> timedOut)
        {
            if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive, or infinite.");
            }
            _timeoutTicks = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            _timedOut = timedOut;
            // A deadline is noticed at most a twentieth of the timeout late (half a second at the default 30 s).
            var every = TimeSpan.FromTicks(timeout.Ticks / 20);
            _sweepEvery = every < ShortestSweep ? ShortestSweep : every > LongestSweep ? LongestSweep : every;
            _sweep = new Timer(_ => Sweep(), null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>Starts waiting for the answer under <paramref name="key"/> (a request id, or <see cref="Challenge"/>).</summary>
        public Reply Expect(object key, string operation)
        {
            var now = Stopwatch.GetTimestamp();
            var reply = new Reply(operation, _timeoutTicks > long.MaxValue - now ? long.MaxValue : now + _timeoutTicks);
            _waiting[key] = reply;
            if (_timeoutTicks != long.MaxValue) ArmSweep();
            return reply;
        }

        /// <summary>Hands a frame to whoever waits under <paramref name="key"/>; false when nobody does.</summary>
        public bool TryComplete(object key, JObject frame) => _waiting.TryGetValue(key, out var reply) && reply.TrySetResult(frame);

        public void Forget(object key) => _waiting.TryRemove(key, out _);

        /// <summary>Ends every wait with <paramref name="reason"/> (the connection is gone).</summary>
        public void FailAll(Exception reason)
        {
            foreach (var reply in _waiting.Values) reply.TrySetException(reason);
        }

        /// <summary>
        /// Makes the caller's cancellation end the wait at once, as an <see cref="OperationCanceledException"/> for
        /// that token (a missed deadline ends it as the timeout error). Dispose the registration when the wait ends;
        /// the caller awaits <c>reply.Task</c> itself, which saves an async layer per request.
        /// </summary>
        public static CancellationTokenRegistration CancelWith(Reply reply, CancellationToken cancellation)
        {
            if (!cancellation.CanBeCanceled) return default;
            reply.Cancellation = cancellation;
            return cancellation.Register(state => ((Reply)state!).Cancel(), reply);
        }

        private void ArmSweep()
        {
            if (Interlocked.CompareExchange(ref _sweepArmed, 1, 0) != 0) return;
            try
            {
                _sweep.Change(_sweepEvery, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The connection is being disposed, which fails every wait anyway.
            }
        }

        private void Sweep()
        {
            // Disarm before looking, so a wait added meanwhile is either seen here or arms the timer itself.
            Volatile.Write(ref _sweepArmed, 0);
            var now = Stopwatch.GetTimestamp();
            foreach (var reply in _waiting.Values)
            {
                if (now >= reply.Deadline) reply.TrySetException(_timedOut(reply.Operation));
            }
            if (!_waiting.IsEmpty) ArmSweep();
        }

        public void Dispose() => _sweep.Dispose();

        /// <summary>One awaited answer. Continuations run on the thread pool, never on the receive loop.</summary>
        internal sealed class Reply : TaskCompletionSource<JObject>
        {
            public Reply(string operation, long deadline) : base(TaskCreationOptions.RunContinuationsAsynchronously)
            {
                Operation = operation;
                Deadline = deadline;
            }

            public string Operation { get; }

            /// <summary>In <see cref="Stopwatch.GetTimestamp"/> ticks.</summary>
            public long Deadline { get; }

            public CancellationToken Cancellation { get; set; }

            public void Cancel() => TrySetCanceled(Cancellation);
        }
    }
}
