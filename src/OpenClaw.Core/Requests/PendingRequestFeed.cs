using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Requests
{
    /// <summary>
    /// Collects device.pair.requested events, which the gateway sends to connections holding operator.pairing or
    /// operator.admin when a device files a new request (facts §3.5; 2.19 and 9.6 send the request record). Events
    /// arrive on the connection's receive thread, where a cmdlet must not write, so they are queued here and
    /// taken from the pipeline thread.
    /// </summary>
    public sealed class PendingRequestFeed : IDisposable
    {
        public const string RequestedEvent = "device.pair.requested";

        private readonly ConcurrentQueue<PendingDeviceRequest> _arrived = new ConcurrentQueue<PendingDeviceRequest>();
        private readonly ManualResetEventSlim _signal = new ManualResetEventSlim(false);
        private GatewaySession? _session;

        internal PendingRequestFeed()
        {
        }

        /// <summary>Starts collecting; attach before the first list, so nothing filed in between is missed.</summary>
        public static PendingRequestFeed Attach(GatewaySession session)
        {
            var feed = new PendingRequestFeed { _session = session };
            session.EventReceived += feed.OnEvent;
            return feed;
        }

        /// <summary>Runs on the receive thread, which an exception would end: a payload that cannot be read is dropped.</summary>
        internal void OnEvent(string name, JObject payload)
        {
            if (name != RequestedEvent) return;
            PendingDeviceRequest request;
            try
            {
                request = PendingDeviceRequest.FromJson(payload);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is ArgumentException)
            {
                return;
            }
            if (request.RequestId.Length == 0) return;
            _arrived.Enqueue(request);
            _signal.Set();
        }

        /// <summary>
        /// Waits up to <paramref name="wait"/> for requests to arrive and returns those that did (none on timeout).
        /// Throws <see cref="OperationCanceledException"/> as soon as <paramref name="cancellation"/> fires.
        /// </summary>
        public IReadOnlyList<PendingDeviceRequest> Take(TimeSpan wait, CancellationToken cancellation)
        {
            _signal.Wait(wait, cancellation);
            // Reset before draining: an event that lands in between stays queued and sets the signal again.
            _signal.Reset();
            var taken = new List<PendingDeviceRequest>();
            while (_arrived.TryDequeue(out var request)) taken.Add(request);
            return taken;
        }

        /// <summary>Stops collecting. The signal is not disposed: an event already in flight may still set it.</summary>
        public void Dispose()
        {
            if (_session != null) _session.EventReceived -= OnEvent;
            _session = null;
        }
    }
}
