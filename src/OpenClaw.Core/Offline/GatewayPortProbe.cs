using System;
using System.IO;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Protocol;

namespace OpenClaw.Core.Offline
{
    /// <summary>What a probe of one local port found.</summary>
    internal sealed class PortProbeResult
    {
        public bool Listening { get; set; }

        /// <summary>hello-ok's snapshot.stateDir: the state folder the gateway on that port serves.</summary>
        public string? StateDirectory { get; set; }

        /// <summary>Why no hello-ok came (not an OpenClaw gateway, wrong credential, …).</summary>
        public string? Problem { get; set; }
    }

    /// <summary>
    /// Asks the gateway on a loopback port which state folder it serves. The connect presents no device, so the
    /// gateway pairs nothing and writes nothing (observed on 2.19: paired.json untouched; MEASURED.md Q2); it
    /// only needs the shared token or password, which the state folder's own openclaw.json may hold. Without a
    /// usable credential the gateway refuses the connect, and the port is known only to be "an OpenClaw-like
    /// listener".
    /// </summary>
    internal static class GatewayPortProbe
    {
        public static async Task<PortProbeResult> ProbeAsync(int port, string? token, string? password, TimeSpan timeout, CancellationToken cancellation)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            limit.CancelAfter(timeout);
            if (!await IsListeningAsync(port, limit.Token).ConfigureAwait(false)) return new PortProbeResult();
            var result = new PortProbeResult { Listening = true };
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(new Uri("ws://127.0.0.1:" + port), limit.Token).ConfigureAwait(false);
                var first = await ReceiveAsync(socket, limit.Token).ConfigureAwait(false);
                if ((string?)first?["event"] != "connect.challenge")
                {
                    result.Problem = "it did not send an OpenClaw connect challenge";
                    return result;
                }
                var auth = new JObject();
                if (token != null) auth["token"] = token;
                else if (password != null) auth["password"] = password;
                var connect = new JObject
                {
                    ["type"] = "req",
                    ["id"] = "probe",
                    ["method"] = "connect",
                    ["params"] = new JObject
                    {
                        ["minProtocol"] = ConnectRequest.MinProtocol,
                        ["maxProtocol"] = ConnectRequest.MaxProtocol,
                        ["client"] = new JObject { ["id"] = "cli", ["version"] = "openclaw-powershell-probe", ["platform"] = ConnectOptions.CurrentPlatform(), ["mode"] = "cli" },
                        ["caps"] = new JArray(),
                        ["role"] = "operator",
                        ["scopes"] = new JArray(),
                        ["auth"] = auth,
                    },
                };
                var bytes = Encoding.UTF8.GetBytes(connect.ToString(Newtonsoft.Json.Formatting.None));
                await socket.SendAsync(new ArraySegment<byte>(bytes), WebSocketMessageType.Text, true, limit.Token).ConfigureAwait(false);
                JObject? answer;
                do
                {
                    answer = await ReceiveAsync(socket, limit.Token).ConfigureAwait(false);
                }
                while (answer != null && (string?)answer["type"] != "res");
                if ((bool?)answer?["ok"] == true) result.StateDirectory = (string?)answer!["payload"]?["snapshot"]?["stateDir"];
                else result.Problem = "it refused the probe: " + ((string?)answer?["error"]?["message"] ?? "no answer");
            }
            catch (Exception e) when (e is WebSocketException || e is OperationCanceledException || e is IOException || e is Newtonsoft.Json.JsonException)
            {
                result.Problem = e is OperationCanceledException ? "it did not answer in time" : "it is not an OpenClaw gateway (" + e.Message + ")";
            }
            finally
            {
                if (socket.State == WebSocketState.Open)
                {
                    try
                    {
                        using var close = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "probe done", close.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is WebSocketException || e is OperationCanceledException)
                    {
                    }
                }
            }
            return result;
        }

        private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellation)
        {
            using var client = new TcpClient();
            try
            {
                var connect = client.ConnectAsync("127.0.0.1", port);
                var done = await Task.WhenAny(connect, Task.Delay(Timeout.Infinite, cancellation)).ConfigureAwait(false);
                if (done != connect) return false;
                await connect.ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private static async Task<JObject?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellation)
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var part = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), cancellation).ConfigureAwait(false);
                if (part.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, part.Count);
                // hello-ok of 2026.9 is large; more than a few MB means this is not a gateway we understand.
                if (message.Length > 8 * 1024 * 1024) throw new IOException("the answer is too large");
                if (part.EndOfMessage) break;
            }
            return JToken.Parse(Encoding.UTF8.GetString(message.ToArray())) as JObject;
        }
    }
}
