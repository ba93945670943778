using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>One request frame the fake received, in arrival order.</summary>
    public sealed record RecordedFrame(int Connection, string Id, string Method, JsonObject Params, string Raw);

    /// <summary>What one connect asked for and how the fake judged it.</summary>
    public sealed record ConnectRecord(int Connection, string? DeviceId, IReadOnlyList<string> Scopes, string AuthKind,
        string? SignedPayloadProblem, bool Accepted);

    /// <summary>
    /// An in-process OpenClaw gateway on 127.0.0.1 and a free port: System.Net.HttpListener accepts the WebSocket
    /// upgrade, <see cref="FakeGatewayConnection"/> speaks the protocol (challenge, signed connect, req/res), and
    /// <see cref="FakePairingStore"/> holds the devices. Everything the client sends is recorded, so tests can assert
    /// what was (and was not) sent. Misbehaviour is scripted through <see cref="Script"/>.
    /// </summary>
    public sealed class FakeGatewayServer : IDisposable
    {
        /// <summary>The device RPCs that change the gateway: none may be sent under -WhatIf.</summary>
        public static readonly string[] ChangingMethods =
            { "device.token.rotate", "device.token.revoke", "device.pair.approve", "device.pair.reject", "device.pair.remove" };

        private readonly HttpListener _listener;
        private readonly CancellationTokenSource _stopping = new();
        private readonly ConcurrentQueue<RecordedFrame> _frames = new();
        private readonly ConcurrentQueue<ConnectRecord> _connects = new();
        private readonly ConcurrentBag<FakeGatewayConnection> _connections = new();
        private readonly Task _acceptLoop;
        private int _connectionCount;

        public FakeGatewayServer()
        {
            (_listener, Port) = StartListener();
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        public Uri Url => new($"ws://127.0.0.1:{Port}");

        public FakePairingStore Store { get; } = new();

        public GatewayScript Script { get; } = new();

        /// <summary>The shared gateway token (gateway.auth.token). A secret: it must never show in a PowerShell stream.</summary>
        public string SharedToken { get; set; } = "shared-secret-" + Guid.NewGuid().ToString("N");

        /// <summary>When set, auth.password must equal it (gateway.auth.mode password).</summary>
        public string? Password { get; set; }

        /// <summary>hello-ok server.version: "2026.2.19" (as npm starts it), or "dev" (as node openclaw.mjs starts 2.x).</summary>
        public string ServerVersion { get; set; } = "2026.2.19";

        /// <summary>The protocol hello-ok reports; the client offers 3..4.</summary>
        public int Protocol { get; set; } = 3;

        /// <summary>The recorded hello-ok the answer is built from.</summary>
        public string HelloFixture { get; set; } = "frames-2026.2.19.jsonl";

        /// <summary>features.methods; null keeps the recorded release's list (89 methods on 2.19).</summary>
        public List<string>? Methods { get; set; }

        /// <summary>2026.2.19 refuses health to a connection without operator.read; 2026.2.21 answers it (MEASURED.md Q1).</summary>
        public bool HealthRequiresRead { get; set; } = true;

        /// <summary>config.schema's payload.version, answered to operator.admin connections only.</summary>
        public string ConfigSchemaVersion { get; set; } = "2026.2.19";

        /// <summary>The device token hello-ok.auth carries. A secret.</summary>
        public string HelloDeviceToken { get; } = "hello-secret-" + Guid.NewGuid().ToString("N");

        /// <summary>2.19 silently pairs a never-seen local device; off by default so device lists stay as seeded.</summary>
        public bool AutoPairConnectingDevices { get; set; }

        /// <summary>WebSockets accepted so far (a client may be waiting for the challenge on one).</summary>
        public int SocketsAccepted => Volatile.Read(ref _connectionCount);

        public IReadOnlyList<RecordedFrame> Frames => _frames.ToList();

        public IReadOnlyList<ConnectRecord> Connects => _connects.ToList();

        /// <summary>Requests of one method, connect excluded unless asked for.</summary>
        public IReadOnlyList<RecordedFrame> Requests(string method) => Frames.Where(f => f.Method == method).ToList();

        public IReadOnlyList<RecordedFrame> ChangingRequests => Frames.Where(f => ChangingMethods.Contains(f.Method)).ToList();

        /// <summary>Every secret this fake knows or issued: the shared token, the hello device token, stored and rotated tokens.</summary>
        public IReadOnlyList<string> Secrets =>
            new[] { SharedToken, HelloDeviceToken, Password }.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)
                .Concat(Store.TokenValues).ToList();

        internal CancellationToken Stopping => _stopping.Token;

        internal void Record(RecordedFrame frame) => _frames.Enqueue(frame);

        internal void Record(ConnectRecord connect) => _connects.Enqueue(connect);

        /// <summary>A TCP port on 127.0.0.1 that nothing listens on (for "gateway unreachable").</summary>
        public static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static (HttpListener, int) StartListener()
        {
            // HttpListener needs the port up front: take a free one and retry if another process grabs it first.
            for (var attempt = 0; ; attempt++)
            {
                var port = FreePort();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    return (listener, port);
                }
                catch (HttpListenerException) when (attempt < 10)
                {
                    listener.Close();
                }
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private async Task ServeAsync(HttpListenerContext context)
        {
            if (!context.Request.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                context.Response.Close();
                return;
            }
            try
            {
                var socket = (await context.AcceptWebSocketAsync(subProtocol: null).ConfigureAwait(false)).WebSocket;
                var connection = new FakeGatewayConnection(this, socket, Interlocked.Increment(ref _connectionCount));
                _connections.Add(connection);
                await connection.RunAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException || e is HttpListenerException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                // A client that goes away mid-handshake is not the fake's problem.
            }
        }

        /// <summary>The hello-ok payload for a connection that asked for <paramref name="scopes"/>.</summary>
        internal JsonObject BuildHello(IReadOnlyList<string> scopes)
        {
            var hello = FixtureFiles.HelloOk(HelloFixture);
            hello["protocol"] = Protocol;
            if (hello["server"] is JsonObject server)
            {
                server["version"] = ServerVersion;
                server["connId"] = Guid.NewGuid().ToString();
            }
            if (Methods != null && hello["features"] is JsonObject features) features["methods"] = FakeJson.Array(Methods);
            hello["auth"] = new JsonObject
            {
                ["deviceToken"] = HelloDeviceToken,
                ["role"] = "operator",
                ["scopes"] = FakeJson.Array(scopes),
                ["issuedAtMs"] = FakeJson.Now(),
            };
            return hello;
        }

        public void Dispose()
        {
            _stopping.Cancel();
            foreach (var connection in _connections) connection.Abort();
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
            _stopping.Dispose();
        }
    }
}
