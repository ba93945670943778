using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>
    /// A WebSocket peer that is not a gateway at all: it runs one scripted behaviour per socket (send any bytes,
    /// answer the connect with anything, close or drop the socket), for the frames <see cref="FakeGatewayServer"/>
    /// is too well-behaved to send: oversized frames, frames that are JSON but not frames, a challenge without a
    /// nonce, a broken hello-ok. Listens on 127.0.0.1 and a free port, like the fake.
    /// </summary>
    public sealed class RawFramePeer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Func<PeerSocket, Task> _behaviour;
        private readonly CancellationTokenSource _stopping = new();
        private readonly Task _acceptLoop;

        public RawFramePeer(Func<PeerSocket, Task> behaviour)
        {
            _behaviour = behaviour;
            for (var attempt = 0; ; attempt++)
            {
                Port = FakeGatewayServer.FreePort();
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                try
                {
                    _listener.Start();
                    break;
                }
                catch (HttpListenerException) when (attempt < 10)
                {
                }
            }
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; private set; }

        public Uri Url => new($"ws://127.0.0.1:{Port}");

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
                _ = Task.Run(async () =>
                {
                    try
                    {
                        var socket = (await context.AcceptWebSocketAsync(subProtocol: null).ConfigureAwait(false)).WebSocket;
                        await _behaviour(new PeerSocket(socket, context.Response, _stopping.Token)).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is WebSocketException || e is HttpListenerException || e is ObjectDisposedException || e is OperationCanceledException)
                    {
                        // The client dropping the socket is what most behaviours provoke.
                    }
                });
            }
        }

        public void Dispose()
        {
            _stopping.Cancel();
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

    /// <summary>One accepted socket of a <see cref="RawFramePeer"/>, with the few moves a behaviour needs.</summary>
    public sealed class PeerSocket
    {
        private readonly WebSocket _socket;
        private readonly HttpListenerResponse _response;
        private readonly CancellationToken _stopping;

        internal PeerSocket(WebSocket socket, HttpListenerResponse response, CancellationToken stopping)
        {
            _socket = socket;
            _response = response;
            _stopping = stopping;
        }

        public Task SendAsync(string text) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _stopping);

        /// <summary>A well-formed challenge, as every gateway sends first.</summary>
        public Task SendChallengeAsync() =>
            SendAsync(new JsonObject
            {
                ["type"] = "event",
                ["event"] = "connect.challenge",
                ["payload"] = new JsonObject { ["nonce"] = Guid.NewGuid().ToString(), ["ts"] = FakeJson.Now() },
            }.ToJsonString());

        /// <summary>One text message of <paramref name="bytes"/> bytes, sent in 1 MiB fragments; stops when the client drops it.</summary>
        public async Task SendOversizedAsync(long bytes)
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
            for (long sent = 0; sent < bytes; sent += chunk.Length)
            {
                if (_socket.State != WebSocketState.Open) return;
                await _socket.SendAsync(chunk, WebSocketMessageType.Text, sent + chunk.Length >= bytes, _stopping).ConfigureAwait(false);
            }
        }

        /// <summary>The next request frame the client sends (its id and method), or null when the client went away.</summary>
        public async Task<(string Id, string Method)?> ReceiveRequestAsync()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _stopping).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) as JsonObject;
                return (FakeJson.String(frame, "id") ?? "", FakeJson.String(frame, "method") ?? "");
            }
        }

        public async Task CloseAsync(int code, string reason)
        {
            if (_socket.State == WebSocketState.Open || _socket.State == WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, _stopping).ConfigureAwait(false);
        }

        /// <summary>Drops the TCP connection without a close frame, as a crashed process does.</summary>
        public void Abort()
        {
            _socket.Abort();
            // HttpListener keeps the TCP connection after WebSocket.Abort; aborting the response closes it.
            _response.Abort();
        }

        /// <summary>Keeps the socket open until the client closes it (so the client, not the peer, decides what happens).</summary>
        public async Task DrainAsync()
        {
            var buffer = new byte[64 * 1024];
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stopping).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
    }
}
