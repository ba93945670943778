using System;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Protocol;

namespace OpenClaw.Core.Transport
{
    /// <summary>
    /// One authenticated WebSocket to a gateway. A background loop reads frames and completes the request waiting
    /// for each <c>res</c> by id, so any number of requests share the socket. Every wait has a timeout and honours
    /// the caller's cancellation token, so Ctrl+C in a cmdlet stops promptly.
    /// </summary>
    public sealed class GatewayConnection : IDisposable
    {
        /// <summary>Frames larger than this are refused; the gateway's own limit is 25 MiB (policy.maxPayload).</summary>
        public const int MaxFrameBytes = 64 * 1024 * 1024;

        private readonly ClientWebSocket _socket;
        private readonly TimeSpan _timeout;
        private readonly IGatewayLog _log;
        private readonly PendingReplies _replies;
        private readonly SemaphoreSlim _sendLock = new SemaphoreSlim(1, 1);
        private readonly CancellationTokenSource _lifetime = new CancellationTokenSource();
        private Task? _receiveLoop;
        private long _nextId;
        private volatile OpenClawException? _closedBecause;

        private GatewayConnection(Uri url, ClientWebSocket socket, TimeSpan timeout, IGatewayLog log)
        {
            Url = url;
            _socket = socket;
            _timeout = timeout;
            _log = log;
            _replies = new PendingReplies(timeout, Timeout);
        }

        public Uri Url { get; }

        public HelloOk Hello { get; private set; } = null!;

        public bool IsOpen => _closedBecause == null && _socket.State == WebSocketState.Open;

        /// <summary>Raised on the receive thread for every event frame (name, payload).</summary>
        public event Action<string, JObject>? EventReceived;

        /// <summary>Opens the socket, answers the challenge with a signed connect and waits for hello-ok.</summary>
        public static async Task<GatewayConnection> OpenAsync(Uri url, ConnectOptions options, TimeSpan timeout,
            IGatewayLog log, CancellationToken cancellation, CertificatePinning? pinning = null)
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
            var connection = new GatewayConnection(url, socket, timeout, log);
            // Without a pin the system's trust decides, through the same per-socket check, so that a refused
            // certificate is reported as such (with its fingerprint) instead of as an unreachable gateway.
            var certificates = pinning ?? CertificatePinning.SystemTrust();
            try
            {
                certificates.Apply(socket.Options, url);
                await connection.HandshakeAsync(options, cancellation).ConfigureAwait(false);
                return connection;
            }
            catch (OpenClawException e) when (e.ErrorId == ErrorIds.GatewayUnreachable && certificates.RefusedFingerprint != null)
            {
                connection.Dispose();
                throw certificates.RejectionError(url, e.InnerException);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private async Task HandshakeAsync(ConnectOptions options, CancellationToken cancellation)
        {
            _log.Verbose($"Connecting to {Url} as device {Short(options.Identity.DeviceId)} with scopes [{string.Join(", ", options.Scopes)}].");
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                connectTimeout.CancelAfter(_timeout);
                try
                {
                    await _socket.ConnectAsync(Url, connectTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw Timeout($"opening a WebSocket to {Url}");
                }
                catch (Exception e) when (e is WebSocketException || e is IOException || e is System.Net.Http.HttpRequestException
                                           || e is System.Security.Authentication.AuthenticationException)
                {
                    throw new OpenClawException(ErrorIds.GatewayUnreachable, OpenClawErrorKind.ConnectionError,
                        $"Cannot reach the OpenClaw gateway at {Url}: {Innermost(e).Message}",
                        "Check that the gateway is running (openclaw gateway status) and that the URL and port are right.", Url.ToString(), e);
                }
            }
            // Expected before the receive loop starts, so the challenge cannot arrive unawaited.
            var expected = _replies.Expect(PendingReplies.Challenge, "the connect challenge");
            _receiveLoop = Task.Run(ReceiveLoopAsync);

            JObject challenge;
            try
            {
                using (PendingReplies.CancelWith(expected, cancellation))
                {
                    challenge = await expected.Task.ConfigureAwait(false);
                }
            }
            finally
            {
                _replies.Forget(PendingReplies.Challenge);
            }
            string nonce;
            long? ts;
            try
            {
                (nonce, ts) = ConnectRequest.ReadChallenge(challenge);
            }
            catch (FormatException e)
            {
                throw new OpenClawException(ErrorIds.ProtocolError, OpenClawErrorKind.ProtocolError,
                    $"The gateway at {Url} broke the protocol: {e.Message}", null, Url.ToString(), e);
            }
            var signedAt = ts ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var response = await SendAsync(ConnectRequest.Build(NextId(), options, nonce, signedAt), "connect", cancellation).ConfigureAwait(false);
            if (JsonRead.Boolean(response["ok"]) != true)
            {
                throw GatewayErrorMap.FromErrorFrame(response["error"] as JObject, "the connection", Url.ToString());
            }
            try
            {
                Hello = HelloOk.Parse(response["payload"] as JObject ?? new JObject());
            }
            catch (FormatException e)
            {
                throw new OpenClawException(ErrorIds.ProtocolError, OpenClawErrorKind.ProtocolError, e.Message, null, Url.ToString(), e);
            }
            if (Hello.Protocol < ConnectRequest.MinProtocol || Hello.Protocol > ConnectRequest.MaxProtocol)
            {
                throw new OpenClawException(ErrorIds.ProtocolError, OpenClawErrorKind.ProtocolError,
                    $"The gateway at {Url} answered with a hello-ok for protocol {Hello.Protocol}, which was not offered ({ConnectRequest.MinProtocol}-{ConnectRequest.MaxProtocol}).",
                    null, Url.ToString());
            }
            _log.Verbose($"Connected: protocol {Hello.Protocol}, server version '{Hello.ServerVersion ?? "unknown"}', token scopes [{string.Join(", ", Hello.GrantedScopes)}].");
        }

        /// <summary>Sends one request and returns its payload; a gateway error becomes an <see cref="OpenClawException"/>.</summary>
        public async Task<JToken?> RequestAsync(string method, JObject parameters, object? target, CancellationToken cancellation)
        {
            var response = await SendAsync(Frames.Request(NextId(), method, parameters), method, cancellation).ConfigureAwait(false);
            if (JsonRead.Boolean(response["ok"]) == true) return response["payload"];
            throw GatewayErrorMap.FromErrorFrame(response["error"] as JObject, method, target);
        }

        private async Task<JObject> SendAsync(JObject frame, string operation, CancellationToken cancellation)
        {
            var id = (string)frame["id"]!;
            var reply = _replies.Expect(id, operation);
            try
            {
                if (_closedBecause is { } closed) throw closed;
                var bytes = Encoding.UTF8.GetBytes(frame.ToString(Formatting.None));
                await _sendLock.WaitAsync(cancellation).ConfigureAwait(false);
                try
                {
                    await _socket.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Text, true, cancellation).ConfigureAwait(false);
                }
                catch (Exception e) when (e is WebSocketException || e is IOException || e is ObjectDisposedException)
                {
                    throw _closedBecause ?? GatewayErrorMap.FromClose(null, e.Message, operation, Url.ToString());
                }
                finally
                {
                    _sendLock.Release();
                }
                using (PendingReplies.CancelWith(reply, cancellation))
                {
                    return await reply.Task.ConfigureAwait(false);
                }
            }
            finally
            {
                _replies.Forget(id);
            }
        }

        private async Task ReceiveLoopAsync()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            try
            {
                while (!_lifetime.IsCancellationRequested)
                {
                    var result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer), _lifetime.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        Close(GatewayErrorMap.FromClose((int?)result.CloseStatus, result.CloseStatusDescription, "the request", Url.ToString()));
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                    if (message.Length > MaxFrameBytes)
                    {
                        Close(new OpenClawException(ErrorIds.ProtocolError, OpenClawErrorKind.ProtocolError,
                            $"The gateway at {Url} sent a frame larger than {MaxFrameBytes / (1024 * 1024)} MiB; the connection was dropped.", null, Url.ToString()));
                        return;
                    }
                    if (!result.EndOfMessage) continue;
                    var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                    message.SetLength(0);
                    Dispatch(text);
                }
            }
            catch (OperationCanceledException)
            {
                Close(GatewayErrorMap.FromClose(null, "the connection was closed by the module", "the request", Url.ToString()));
            }
            catch (Exception e) when (e is WebSocketException || e is IOException || e is ObjectDisposedException)
            {
                Close(GatewayErrorMap.FromClose(null, Innermost(e).Message, "the request", Url.ToString()));
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException || e is InvalidOperationException)
            {
                // Anything else a peer's frame makes the parser throw must still end every waiting request, or
                // they would all sit out their timeouts behind a dead receive loop.
                Close(new OpenClawException(ErrorIds.ProtocolError, OpenClawErrorKind.ProtocolError,
                    $"The gateway at {Url} broke the protocol: {e.Message}", null, Url.ToString(), e));
            }
        }

        private void Dispatch(string text)
        {
            var frame = Frames.Parse(text);
            switch (JsonRead.Text(frame["type"]))
            {
                case "res":
                    if (JsonRead.Text(frame["id"]) is { } id) _replies.TryComplete(id, frame);
                    break;
                case "event":
                    var name = JsonRead.Text(frame["event"]) ?? "";
                    var payload = frame["payload"] as JObject ?? new JObject();
                    if (name == "connect.challenge") _replies.TryComplete(PendingReplies.Challenge, payload);
                    else EventReceived?.Invoke(name, payload);
                    break;
            }
        }

        private void Close(OpenClawException reason)
        {
            _closedBecause ??= reason;
            _replies.FailAll(_closedBecause);
        }

        private string NextId() => "ps" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private OpenClawException Timeout(string operation) =>
            new OpenClawException(ErrorIds.Timeout, OpenClawErrorKind.OperationTimeout,
                $"The gateway at {Url} did not answer {operation} within {_timeout.TotalSeconds:0.#} s.",
                new ErrorRemedy(RemedyKind.AllowMoreTime), Url.ToString());

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }

        internal static string Short(string deviceId) => deviceId.Length > 12 ? deviceId.Substring(0, 12) : deviceId;

        public void Dispose()
        {
            if (_socket.State == WebSocketState.Open)
            {
                try
                {
                    using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", closeTimeout.Token).Wait(closeTimeout.Token);
                }
                catch (Exception e) when (e is WebSocketException || e is OperationCanceledException || e is AggregateException || e is ObjectDisposedException)
                {
                    // Closing politely is best effort; the socket is disposed either way.
                }
            }
            _lifetime.Cancel();
            _socket.Dispose();
            _lifetime.Dispose();
            _sendLock.Dispose();
            _replies.Dispose();
        }
    }
}
