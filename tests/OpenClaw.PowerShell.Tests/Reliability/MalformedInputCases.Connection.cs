using OpenClaw.PowerShell.Tests.FakeGateway;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>Bad gateway addresses, wrong credentials, and gateways (or impostors) that break the protocol.</summary>
    public static partial class MalformedInputCases
    {
        private static IEnumerable<MalformedInput> Connection() => new[]
        {
            // Addresses: refused before any socket is opened.
            new MalformedInput("UrlWithHttpScheme", "Get-OpenClawDevice @c -Url 'http://127.0.0.1:18789'", "OpenClaw.InvalidGatewayUrl", true)
                { Mentions = _ => "http://127.0.0.1:18789" },
            new MalformedInput("UrlWithoutHost", "Get-OpenClawDevice @c -Url 'ws://'", "OpenClaw.InvalidGatewayUrl", true)
                { Mentions = _ => "ws://" },
            new MalformedInput("UrlThatIsGarbage", "Get-OpenClawDevice @c -Url 'gateway at my place'", "OpenClaw.InvalidGatewayUrl", true)
                { Mentions = _ => "gateway at my place" },
            new MalformedInput("UrlWithPortOutOfRange", "Get-OpenClawDevice @c -Url 'ws://127.0.0.1:99999'", "OpenClaw.InvalidGatewayUrl", true)
                { Mentions = _ => "99999" },
            new MalformedInput("ClosedLoopbackPort", "Test-OpenClawDeviceScope @c -Url $closed", "OpenClaw.GatewayUnreachable", true)
                { Mentions = _ => "127.0.0.1" },

            // Credentials.
            new MalformedInput("WrongToken", "Get-OpenClawDevice @c -Token 'not-the-gateway-token'", "OpenClaw.AuthenticationFailed", true),
            new MalformedInput("WrongPassword", "Get-OpenClawDevice -Url $c.Url -StateDirectory $c.StateDirectory -Password 'not-the-password'",
                "OpenClaw.AuthenticationFailed", true)
                { Arrange = shell => shell.Gateway.Password = "gateway-password-" + Guid.NewGuid().ToString("N") },
            new MalformedInput("TokenAndPasswordTogether", "Update-OpenClawDeviceScope @c -DeviceId $id -Password 'some-password'",
                "OpenClaw.ConflictingCredentials", true),
            new MalformedInput("ConnectionAndUrlTogether", "$conn = Connect-OpenClawGateway @c; Get-OpenClawDevice -Connection $conn -Url $c.Url",
                "OpenClaw.ConflictingConnection", true),
            new MalformedInput("ClosedConnectionObject",
                "$conn = Connect-OpenClawGateway @c; Disconnect-OpenClawGateway $conn; Get-OpenClawDevice -Connection $conn",
                "OpenClaw.ConnectionNotFound", true),

            // The scripted fake gateway misbehaving.
            new MalformedInput("ProtocolMismatch", "Get-OpenClawDevice @c", "OpenClaw.ProtocolMismatch", true)
                { Arrange = shell => shell.Gateway.Protocol = 9 },
            new MalformedInput("NeverSendsTheChallenge", "Get-OpenClawDevice @c -TimeoutSec 1", "OpenClaw.Timeout", true)
                { Arrange = shell => shell.Gateway.Script.SendChallenge = false },
            new MalformedInput("ConnectAnsweredWithGarbage", "Get-OpenClawDevice @c", "OpenClaw.ProtocolError", true)
                { Arrange = shell => shell.Gateway.Script.Add(new Reaction { Kind = ReactionKind.Malformed, Method = "connect" }) },
            new MalformedInput("ListAnsweredWithGarbage", "Get-OpenClawDevice @c", "OpenClaw.ProtocolError", true)
                { Arrange = shell => shell.Gateway.Script.SendMalformed("device.pair.list") },
            new MalformedInput("ClosedDuringConnect", "Get-OpenClawDevice @c", "OpenClaw.ConnectionClosed", true)
                { Arrange = shell => shell.Gateway.Script.CloseOn("connect", closeCode: 1011, reason: "internal error") },

            // An impostor peer: frames no gateway sends.
            new MalformedInput("OversizedFrame", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.ProtocolError", true)
                { Peer = async s => { await s.SendOversizedAsync(65L * 1024 * 1024); await s.DrainAsync(); }, Mentions = _ => "64 MiB" },
            new MalformedInput("FrameThatIsAJsonArray", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.ProtocolError", true)
                { Peer = async s => { await s.SendAsync("[1,2,3]"); await s.DrainAsync(); } },
            new MalformedInput("FrameOfUnknownType", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.ProtocolError", true)
                { Peer = async s => { await s.SendAsync("{\"type\":\"hello\"}"); await s.DrainAsync(); } },
            new MalformedInput("FrameWhoseTypeIsAnObject", "Get-OpenClawDevice @c -Url $peer -TimeoutSec 5", "OpenClaw.ProtocolError", true)
                { Peer = async s => { await s.SendAsync("{\"type\":{\"res\":true}}"); await s.DrainAsync(); } },
            new MalformedInput("ChallengeWithoutNonce", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.ProtocolError", true)
                { Peer = async s => { await s.SendAsync("{\"type\":\"event\",\"event\":\"connect.challenge\",\"payload\":{}}"); await s.DrainAsync(); } },
            new MalformedInput("ConnectAnsweredWithoutHelloOk", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.ProtocolError", true)
                { Peer = s => AnswerConnect(s, "{\"type\":\"welcome\"}") },
            // Fields of the wrong type are ignored where the module does not need them (policy); a protocol that was
            // not offered is a protocol error.
            new MalformedInput("HelloOkWithProtocolOfWrongType", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.ProtocolError", true)
                { Peer = s => AnswerConnect(s, "{\"type\":\"hello-ok\",\"protocol\":\"three\",\"policy\":\"strict\"}") },
            new MalformedInput("ConnectRefusedWithoutAnErrorObject", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.GatewayRequestFailed", true)
                { Peer = async s => { await s.SendChallengeAsync(); var r = await s.ReceiveRequestAsync(); await s.SendAsync($"{{\"type\":\"res\",\"id\":\"{r?.Id}\",\"ok\":false}}"); await s.DrainAsync(); } },
            new MalformedInput("PeerDropsTheSocketDuringConnect", "Get-OpenClawDevice @c -Url $peer", "OpenClaw.ConnectionClosed", true)
                { Peer = async s => { await s.SendChallengeAsync(); await s.ReceiveRequestAsync(); s.Abort(); } },
        };

        /// <summary>Challenge, then answer the connect with <paramref name="payload"/> as an ok response.</summary>
        private static async Task AnswerConnect(PeerSocket socket, string payload)
        {
            await socket.SendChallengeAsync();
            var request = await socket.ReceiveRequestAsync();
            await socket.SendAsync($"{{\"type\":\"res\",\"id\":\"{request?.Id}\",\"ok\":true,\"payload\":{payload}}}");
            await socket.DrainAsync();
        }
    }
}
