using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>
    /// One client socket: sends connect.challenge, judges the connect (credential, protocol range, the shape of the
    /// signed device block), then answers requests from the store, each on its own task so a delayed answer does
    /// not stop the fake from seeing the client close. Scripted reactions apply before the normal answer.
    /// </summary>
    internal sealed class FakeGatewayConnection
    {
        private static readonly string[] PairingMethods =
        {
            "device.pair.list", "device.token.rotate", "device.pair.approve", "device.pair.reject",
            "device.pair.remove", "device.token.revoke", "device.pair.rename",
        };

        private readonly FakeGatewayServer _server;
        private readonly WebSocket _socket;
        private readonly int _number;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly string _nonce = Guid.NewGuid().ToString();
        private List<string>? _scopes;

        public FakeGatewayConnection(FakeGatewayServer server, WebSocket socket, int number)
        {
            _server = server;
            _socket = socket;
            _number = number;
        }

        public async Task RunAsync()
        {
            if (_server.Script.SendChallenge)
            {
                await SendAsync(new JsonObject
                {
                    ["type"] = "event",
                    ["event"] = "connect.challenge",
                    ["payload"] = new JsonObject { ["nonce"] = _nonce, ["ts"] = FakeJson.Now() },
                }.ToJsonString()).ConfigureAwait(false);
            }
            while (_socket.State == WebSocketState.Open && !_server.Stopping.IsCancellationRequested)
            {
                var text = await ReceiveTextAsync().ConfigureAwait(false);
                if (text == null) return;
                JsonObject? frame;
                try
                {
                    frame = JsonNode.Parse(text) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                    frame = null;
                }
                var id = FakeJson.String(frame, "id") ?? "";
                var method = FakeJson.String(frame, "type") == "req" ? FakeJson.String(frame, "method") ?? "(none)" : "(not a request)";
                var parameters = frame?["params"] as JsonObject ?? new JsonObject();
                _server.Record(new RecordedFrame(_number, id, method, (JsonObject)parameters.DeepClone(), text));
                if (_scopes == null)
                {
                    if (!await ConnectAsync(id, method, parameters).ConfigureAwait(false)) return;
                    continue;
                }
                _ = Task.Run(() => AnswerAsync(id, method, parameters));
            }
        }

        /// <summary>Returns false when the connection was refused (and closed).</summary>
        private async Task<bool> ConnectAsync(string id, string method, JsonObject parameters)
        {
            if (method != "connect")
            {
                await RefuseAsync(id, FakeReply.Fail("invalid handshake: first request must be connect"), 1008, "invalid handshake").ConfigureAwait(false);
                return false;
            }
            var (delay, reaction) = _server.Script.Match("connect", parameters);
            await WaitAsync(delay).ConfigureAwait(false);

            var scopes = FakeJson.Strings(parameters["scopes"]);
            var auth = parameters["auth"] as JsonObject;
            var device = parameters["device"] as JsonObject;
            var deviceId = FakeJson.String(device, "id");
            var authKind = FakeJson.String(auth, "token") != null ? "token" : FakeJson.String(auth, "password") != null ? "password" : "none";
            var problem = DeviceProblem(device);
            var (min, max) = (FakeJson.Long(parameters, "minProtocol") ?? 0, FakeJson.Long(parameters, "maxProtocol") ?? 0);

            (FakeReply Reply, int Code, string Reason)? refusal = null;
            if (reaction != null)
                refusal = (reaction.Reply ?? FakeReply.Fail("refused by the script"), reaction.CloseCode, reaction.CloseReason);
            else if (min > _server.Protocol || max < _server.Protocol)
                refusal = (FakeReply.Fail("protocol mismatch", details: new JsonObject { ["expectedProtocol"] = _server.Protocol }), 1002, "protocol mismatch");
            else if (!CredentialAccepted(auth, deviceId))
                refusal = (FakeReply.Fail("unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)"), 1008, "unauthorized");
            else if (problem != null)
                refusal = (FakeReply.Fail("device signature invalid"), 1008, "device signature invalid");

            _server.Record(new ConnectRecord(_number, deviceId, scopes, authKind, problem, refusal == null));
            if (refusal is { } r)
            {
                if (reaction?.Kind == ReactionKind.Malformed) await SendAsync("{ this is not json").ConfigureAwait(false);
                else if (reaction?.Kind != ReactionKind.Close) await SendAsync(r.Reply.ToFrame(id).ToJsonString()).ConfigureAwait(false);
                await CloseAsync(r.Code, r.Reason).ConfigureAwait(false);
                return false;
            }
            if (_server.AutoPairConnectingDevices && deviceId != null && _server.Store.Device(deviceId) == null)
            {
                var paired = FakeDevice.Create(deviceId, scopes);
                paired.DeviceId = deviceId;
                paired.PublicKey = FakeJson.String(device, "publicKey") ?? "";
                _server.Store.Add(paired);
            }
            _scopes = scopes;
            await SendAsync(FakeReply.Ok(_server.BuildHello(scopes)).ToFrame(id).ToJsonString()).ConfigureAwait(false);
            return true;
        }

        private async Task AnswerAsync(string id, string method, JsonObject parameters)
        {
            try
            {
                var (delay, reaction) = _server.Script.Match(method, parameters);
                await WaitAsync(delay).ConfigureAwait(false);
                switch (reaction?.Kind)
                {
                    case ReactionKind.Close:
                        await CloseAsync(reaction.CloseCode, reaction.CloseReason).ConfigureAwait(false);
                        return;
                    case ReactionKind.Malformed:
                        await SendAsync("{ this is not json").ConfigureAwait(false);
                        return;
                }
                var reply = reaction?.Reply ?? Dispatch(method, parameters);
                foreach (var e in reply.Events) await SendAsync(e.ToJsonString()).ConfigureAwait(false);
                await SendAsync(reply.ToFrame(id).ToJsonString()).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException || e is OperationCanceledException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                // The client went away while the answer was delayed.
            }
        }

        private FakeReply Dispatch(string method, JsonObject parameters)
        {
            var scopes = _scopes ?? new List<string>();
            bool Has(params string[] any) => any.Any(scopes.Contains);
            if (PairingMethods.Contains(method) && !Has(Scopes.Pairing, Scopes.Admin)) return FakeReply.Fail("missing scope: operator.pairing");
            switch (method)
            {
                case "device.pair.list": return _server.Store.List();
                case "device.token.rotate": return _server.Store.RotateToken(parameters);
                case "device.pair.approve": return _server.Store.Approve(parameters);
                case "device.pair.reject": return _server.Store.Reject(parameters);
                case "device.pair.remove": return _server.Store.Remove(parameters);
                case "device.token.revoke": return _server.Store.RevokeToken(parameters);
                case "device.pair.rename": return _server.Store.Rename(parameters);
                case "health":
                    return _server.HealthRequiresRead && !Has(Scopes.Read, Scopes.Write, Scopes.Admin)
                        ? FakeReply.Fail("missing scope: operator.read")
                        : FakeReply.Ok(new JsonObject { ["ok"] = true, ["ts"] = FakeJson.Now() });
                case "config.schema":
                    return Has(Scopes.Admin)
                        ? FakeReply.Ok(new JsonObject { ["version"] = _server.ConfigSchemaVersion, ["schema"] = new JsonObject() })
                        : FakeReply.Fail("missing scope: operator.admin");
                default:
                    return Has(Scopes.Admin) ? FakeReply.Fail("unknown method: " + method) : FakeReply.Fail("missing scope: operator.admin");
            }
        }

        private bool CredentialAccepted(JsonObject? auth, string? deviceId)
        {
            var token = FakeJson.String(auth, "token");
            if (token != null && token == _server.SharedToken) return true;
            var password = FakeJson.String(auth, "password");
            if (password != null && password == _server.Password) return true;
            var device = deviceId == null ? null : _server.Store.Device(deviceId);
            return token != null && device != null && device.Tokens.Values.Any(t => t.Token == token && t.RevokedAtMs == null);
        }

        /// <summary>
        /// The shape of a v2-signed device block (facts §4.5): id = sha256 hex of the raw 32-byte key, key and
        /// signature unpadded base64url (32 and 64 bytes), the challenge's nonce, a signedAt within 10 minutes.
        /// The Ed25519 maths itself is not checked; the integration tests do that against real gateways.
        /// </summary>
        private string? DeviceProblem(JsonObject? device)
        {
            if (device == null) return "no device block";
            var key = Base64Url(FakeJson.String(device, "publicKey"));
            if (key is not { Length: 32 }) return "publicKey is not 32 bytes of base64url";
            if (FakeJson.String(device, "id") != Convert.ToHexString(SHA256.HashData(key)).ToLowerInvariant()) return "id is not sha256(publicKey)";
            if (Base64Url(FakeJson.String(device, "signature")) is not { Length: 64 }) return "signature is not 64 bytes of base64url";
            if (FakeJson.String(device, "nonce") != _nonce) return "nonce is not the challenge's";
            if (FakeJson.Long(device, "signedAt") is not { } signedAt || Math.Abs(signedAt - FakeJson.Now()) > 600_000) return "signedAt is missing or skewed";
            return null;
        }

        private static byte[]? Base64Url(string? text)
        {
            if (text == null || text.Contains('=') || text.Contains('+') || text.Contains('/')) return null;
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            try
            {
                return Convert.FromBase64String(padded);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private Task WaitAsync(TimeSpan delay) => delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _server.Stopping);

        private async Task RefuseAsync(string id, FakeReply reply, int code, string reason)
        {
            await SendAsync(reply.ToFrame(id).ToJsonString()).ConfigureAwait(false);
            await CloseAsync(code, reason).ConfigureAwait(false);
        }

        private async Task SendAsync(string text)
        {
            await _sendLock.WaitAsync(_server.Stopping).ConfigureAwait(false);
            try
            {
                if (_socket.State != WebSocketState.Open) return;
                await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _server.Stopping).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private async Task CloseAsync(int code, string reason)
        {
            await _sendLock.WaitAsync(_server.Stopping).ConfigureAwait(false);
            try
            {
                if (_socket.State == WebSocketState.Open || _socket.State == WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, _server.Stopping).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private async Task<string?> ReceiveTextAsync()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(buffer, _server.Stopping).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAsync(1000, "bye").ConfigureAwait(false);
                        return null;
                    }
                    message.Write(buffer, 0, result.Count);
                    if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
                }
            }
            catch (Exception e) when (e is WebSocketException || e is OperationCanceledException || e is ObjectDisposedException)
            {
                return null;
            }
        }

        public void Abort() => _socket.Abort();
    }
}
