using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// The wire floor again, in a minimal C# client (what bench-floor.mjs does, in a cold .NET process): one
    /// ClientWebSocket, the signed connect, one list, then one awaited rotate per legacy device. Its distance from
    /// the Node floor is what .NET itself costs; the module's distance from it is what the module adds.
    /// </summary>
    public static class DotnetFloor
    {
        private static readonly string[] Missing = { "operator.read", "operator.write" };

        public static JObject Run(string url, string token, string identityFile) => RunAsync(url, token, identityFile).GetAwaiter().GetResult();

        private static async Task<JObject> RunAsync(string url, string token, string identityFile)
        {
            using var identity = JsonDocument.Parse(File.ReadAllText(identityFile));
            var key = (Ed25519PrivateKeyParameters)new PemReader(new StringReader(identity.RootElement.GetProperty("privateKeyPem").GetString()!)).ReadObject();
            var publicKey = key.GeneratePublicKey().GetEncoded();
            var deviceId = Convert.ToHexString(SHA256.HashData(publicKey)).ToLowerInvariant();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();

            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(url), CancellationToken.None);
            var nonce = (await ReceiveAsync(socket, frame => frame.GetProperty("type").GetString() == "event")).GetProperty("payload").GetProperty("nonce").GetString()!;
            var signedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var payload = string.Join("|", "v2", deviceId, "cli", "cli", "operator", "operator.pairing", signedAt, token, nonce);
            var signer = new Ed25519Signer();
            signer.Init(true, key);
            var bytes = Encoding.UTF8.GetBytes(payload);
            signer.BlockUpdate(bytes, 0, bytes.Length);
            await RequestAsync(socket, "connect", "connect", new
            {
                minProtocol = 3, maxProtocol = 4, caps = Array.Empty<string>(), role = "operator", scopes = new[] { "operator.pairing" },
                client = new { id = "cli", version = "bench", platform = "linux", mode = "cli" },
                auth = new { token },
                device = new { id = deviceId, publicKey = Base64Url(publicKey), signature = Base64Url(signer.GenerateSignature()), signedAt, nonce },
            });
            var connected = watch.Elapsed.TotalMilliseconds;

            var list = await RequestAsync(socket, "l", "device.pair.list", new { });
            var targets = list.GetProperty("payload").GetProperty("paired").EnumerateArray()
                .Select(d => (Id: d.GetProperty("deviceId").GetString()!, Scopes: d.TryGetProperty("scopes", out var s) ? s.EnumerateArray().Select(x => x.GetString()!).ToList() : new List<string>()))
                .Where(d => !Missing.All(d.Scopes.Contains))
                .ToList();
            var listed = watch.Elapsed.TotalMilliseconds;
            var id = 0;
            foreach (var (device, scopes) in targets)
            {
                var union = scopes.Concat(Missing).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
                await RequestAsync(socket, "r" + ++id, "device.token.rotate", new { deviceId = device, role = "operator", scopes = union });
            }
            var total = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            return new JObject
            {
                ["count"] = targets.Count,
                ["connectMs"] = Math.Round(connected, 2),
                ["listMs"] = Math.Round(listed - connected, 2),
                ["rotateMs"] = Math.Round(total - listed, 2),
                ["totalMs"] = Math.Round(total, 2),
                ["cpuMs"] = Math.Round((process.TotalProcessorTime - cpu).TotalMilliseconds, 1),
            };
        }

        private static async Task<JsonElement> RequestAsync(ClientWebSocket socket, string id, string method, object parameters)
        {
            var frame = JsonSerializer.SerializeToUtf8Bytes(new { type = "req", id, method, @params = parameters });
            await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
            var answer = await ReceiveAsync(socket, f => f.GetProperty("type").GetString() == "res" && f.GetProperty("id").GetString() == id);
            if (!answer.GetProperty("ok").GetBoolean()) throw new InvalidOperationException($"{method} failed: {answer}");
            return answer;
        }

        /// <summary>Reads frames until one matches (events such as health and tick arrive in between).</summary>
        private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, Func<JsonElement, bool> wanted)
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException($"closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var frame = JsonDocument.Parse(message.ToArray()).RootElement;
                message.SetLength(0);
                if (wanted(frame)) return frame;
            }
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
