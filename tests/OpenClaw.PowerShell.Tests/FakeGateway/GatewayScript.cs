using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>What the fake does instead of (or before) answering a request normally.</summary>
    public enum ReactionKind
    {
        /// <summary>Answer with an error frame.</summary>
        Fail,

        /// <summary>Answer, but only after a delay (Timeout.InfiniteTimeSpan: never).</summary>
        Delay,

        /// <summary>Close the WebSocket with a close code instead of answering.</summary>
        Close,

        /// <summary>Answer with a frame that is not JSON.</summary>
        Malformed,
    }

    /// <summary>One scripted misbehaviour, matched by method name (and optionally by the request's params).</summary>
    public sealed class Reaction
    {
        public ReactionKind Kind { get; init; }
        public string Method { get; init; } = "";
        public Func<JsonObject, bool>? When { get; init; }
        public TimeSpan Delay { get; init; }
        public FakeReply? Reply { get; init; }
        public int CloseCode { get; init; } = 1011;
        public string CloseReason { get; init; } = "";

        /// <summary>Applies only to the n-th matching request (1-based); 0 means every matching request.</summary>
        public int Occurrence { get; init; }

        internal int Seen;
    }

    /// <summary>
    /// The misbehaviours a test asks for. Method names are wire names ("connect", "device.token.rotate"); a
    /// reaction for "connect" applies to the handshake. Later calls do not replace earlier ones: the first
    /// matching answer-changing reaction wins, and delays add up.
    /// </summary>
    public sealed class GatewayScript
    {
        private readonly object _gate = new();
        private readonly List<Reaction> _reactions = new();

        /// <summary>When false the server never sends connect.challenge, so the client waits for it.</summary>
        public bool SendChallenge { get; set; } = true;

        /// <summary>Refuses every connect the way 2026.2.19 refuses a scope upgrade: NOT_PAIRED + requestId, then close 1008.</summary>
        public void RefuseConnectAsNotPaired(string requestId) =>
            Add(new Reaction
            {
                Kind = ReactionKind.Fail,
                Method = "connect",
                Reply = FakeReply.Fail("pairing required", "NOT_PAIRED", new JsonObject { ["requestId"] = requestId }),
                CloseCode = 1008,
                CloseReason = "pairing required",
            });

        /// <summary>Answers <paramref name="method"/> with an error frame (for requests whose params match <paramref name="when"/>).</summary>
        public void Fail(string method, string message, string code = "INVALID_REQUEST", Func<JsonObject, bool>? when = null) =>
            Add(new Reaction { Kind = ReactionKind.Fail, Method = method, When = when, Reply = FakeReply.Fail(message, code) });

        /// <summary>Fails device.token.rotate for one device only.</summary>
        public void FailRotateFor(string deviceId, string message = "unknown deviceId/role") =>
            Fail("device.token.rotate", message, when: p => FakeJson.String(p, "deviceId") == deviceId);

        /// <summary>Delays the answer to <paramref name="method"/>; Timeout.InfiniteTimeSpan never answers.</summary>
        public void Delay(string method, TimeSpan delay, Func<JsonObject, bool>? when = null) =>
            Add(new Reaction { Kind = ReactionKind.Delay, Method = method, When = when, Delay = delay });

        /// <summary>Never answers <paramref name="method"/>.</summary>
        public void NeverAnswer(string method) => Delay(method, Timeout.InfiniteTimeSpan);

        /// <summary>Closes the socket when the <paramref name="occurrence"/>-th <paramref name="method"/> request arrives (0: every one).</summary>
        public void CloseOn(string method, int occurrence = 1, int closeCode = 1011, string reason = "fake gateway closed the socket") =>
            Add(new Reaction { Kind = ReactionKind.Close, Method = method, Occurrence = occurrence, CloseCode = closeCode, CloseReason = reason });

        /// <summary>Answers <paramref name="method"/> with a text frame that is not JSON.</summary>
        public void SendMalformed(string method) => Add(new Reaction { Kind = ReactionKind.Malformed, Method = method });

        public void Add(Reaction reaction)
        {
            lock (_gate) _reactions.Add(reaction);
        }

        public void Clear()
        {
            lock (_gate) _reactions.Clear();
        }

        /// <summary>The total delay and the first answer-changing reaction for one incoming request.</summary>
        internal (TimeSpan Delay, Reaction? Reaction) Match(string method, JsonObject parameters)
        {
            lock (_gate)
            {
                var delay = TimeSpan.Zero;
                Reaction? chosen = null;
                foreach (var reaction in _reactions.Where(r => r.Method == method && (r.When == null || r.When(parameters))))
                {
                    reaction.Seen++;
                    if (reaction.Occurrence != 0 && reaction.Seen != reaction.Occurrence) continue;
                    if (reaction.Kind == ReactionKind.Delay)
                    {
                        delay = delay == Timeout.InfiniteTimeSpan || reaction.Delay == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : delay + reaction.Delay;
                    }
                    else
                    {
                        chosen ??= reaction;
                    }
                }
                return (delay, chosen);
            }
        }
    }
}
