using Newtonsoft.Json.Linq;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Protocol;

/// <summary>The connect request the module sends after connect.challenge (facts §4.1, §4.5).</summary>
public sealed class ConnectRequestTests
{
    private const string Nonce = "73225eea-1889-4a2d-956e-2ae00300b141";
    private const long SignedAt = 1795556102000;
    private const string Secret = "harness-shared-secret";

    private static readonly string[] CliScopes = { "operator.admin", "operator.approvals", "operator.pairing" };
    private static readonly DeviceIdentity Identity = DeviceIdentity.FromPrivateKeyPem(Rfc8032.PrivateKeyPem, DateTimeOffset.UnixEpoch);

    private static ConnectOptions Options(GatewayCredential? credential = null, IReadOnlyList<string>? scopes = null) =>
        new ConnectOptions(Identity, credential, scopes ?? CliScopes) { Platform = "linux", ClientVersion = "1.2.3" };

    private static JObject Build(ConnectOptions options) => ConnectRequest.Build("p1", options, Nonce, SignedAt);

    private static JObject Params(JObject frame) => (JObject)frame["params"]!;

    private static string[] Names(JToken? obj) => ((JObject)obj!).Properties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_frame_is_a_connect_request_offering_protocols_3_to_4()
    {
        var frame = Build(Options(new GatewayCredential(GatewayCredentialKind.Token, Secret, "-Token")));

        Assert.Equal("req", (string?)frame["type"]);
        Assert.Equal("p1", (string?)frame["id"]);
        Assert.Equal("connect", (string?)frame["method"]);
        Assert.Equal(3, (int)Params(frame)["minProtocol"]!);
        Assert.Equal(4, (int)Params(frame)["maxProtocol"]!);
        Assert.Empty((JArray)Params(frame)["caps"]!);
    }

    [Fact]
    public void The_client_block_presents_the_module_as_the_cli()
    {
        var client = Params(Build(Options()))["client"]!;

        Assert.Equal("cli", (string?)client["id"]);
        Assert.Equal("cli", (string?)client["mode"]);
        Assert.Equal("linux", (string?)client["platform"]);
        Assert.Equal("1.2.3", (string?)client["version"]);
        Assert.Null(client["displayName"]);
    }

    [Fact]
    public void A_display_name_is_sent_only_when_set()
    {
        var options = Options();
        options.DisplayName = "OpenClaw.PowerShell";

        Assert.Equal("OpenClaw.PowerShell", (string?)Params(Build(options))["client"]!["displayName"]);
    }

    [Fact]
    public void Role_and_scopes_are_sent_in_request_order()
    {
        var scopes = new[] { "operator.write", "operator.read", "operator.pairing" };

        var parameters = Params(Build(Options(scopes: scopes)));

        Assert.Equal("operator", (string?)parameters["role"]);
        Assert.Equal(scopes, parameters["scopes"]!.Values<string>());
    }

    [Fact]
    public void The_device_block_carries_the_identity_and_the_challenge()
    {
        var device = Params(Build(Options()))["device"]!;

        Assert.Equal(Independent.DeviceId(Rfc8032.PublicKey), (string?)device["id"]);
        Assert.Equal(Independent.Base64Url(Rfc8032.PublicKey), (string?)device["publicKey"]);
        Assert.Equal(SignedAt, (long)device["signedAt"]!);
        Assert.Equal(Nonce, (string?)device["nonce"]);
    }

    [Fact]
    public void The_params_have_the_same_fields_as_the_2026_2_19_cli_connect()
    {
        var recorded = Params(Fixtures.Frame(Fixtures.Frames2219, f => (string?)f["method"] == "connect"));

        var built = Params(Build(Options(new GatewayCredential(GatewayCredentialKind.Token, Secret, "-Token"))));

        Assert.Equal(Names(recorded), Names(built));
        Assert.Equal(Names(recorded["client"]), Names(built["client"]));
        Assert.Equal(Names(recorded["device"]), Names(built["device"]));
        Assert.Equal(Names(recorded["auth"]), Names(built["auth"]));
    }

    public static TheoryData<GatewayCredentialKind?, string?, string?, string> Credentials() => new()
    {
        // kind, auth.token, auth.password, the token field of the signed payload
        { GatewayCredentialKind.Token, Secret, null, Secret },
        { GatewayCredentialKind.DeviceToken, Secret, null, Secret },
        { GatewayCredentialKind.Password, null, Secret, "" },
        { null, null, null, "" },
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public void Auth_carries_the_credential_and_the_signature_covers_the_v2_payload(
        GatewayCredentialKind? kind, string? authToken, string? authPassword, string signedToken)
    {
        var credential = kind is { } k ? new GatewayCredential(k, Secret, "test") : null;

        var parameters = Params(Build(Options(credential)));

        var auth = (JObject)parameters["auth"]!;
        Assert.Equal(authToken, (string?)auth["token"]);
        Assert.Equal(authPassword, (string?)auth["password"]);
        Assert.Equal(new[] { "password", "token" }.Where(n => auth[n] != null), Names(auth));
        var expectedPayload = SignaturePayload.V2(Identity.DeviceId, "cli", "cli", "operator", CliScopes, SignedAt, signedToken, Nonce);
        Assert.True(DeviceIdentity.Verify(Rfc8032.PublicKey, expectedPayload, (string)parameters["device"]!["signature"]!));
    }

    [Fact]
    public void Client_id_mode_and_role_are_signed_as_sent()
    {
        var options = Options();
        options.ClientId = "gateway-client";
        options.ClientMode = "backend";
        options.Role = "node";

        var parameters = Params(Build(options));

        var payload = SignaturePayload.V2(Identity.DeviceId, "gateway-client", "backend", "node", CliScopes, SignedAt, null, Nonce);
        Assert.Equal("gateway-client", (string?)parameters["client"]!["id"]);
        Assert.Equal("backend", (string?)parameters["client"]!["mode"]);
        Assert.Equal("node", (string?)parameters["role"]);
        Assert.True(DeviceIdentity.Verify(Rfc8032.PublicKey, payload, (string)parameters["device"]!["signature"]!));
    }

    [Fact]
    public void The_signature_does_not_verify_for_other_scopes()
    {
        var parameters = Params(Build(Options()));

        var widened = SignaturePayload.V2(Identity.DeviceId, "cli", "cli", "operator",
            CliScopes.Append("operator.write").ToArray(), SignedAt, null, Nonce);
        Assert.False(DeviceIdentity.Verify(Rfc8032.PublicKey, widened, (string)parameters["device"]!["signature"]!));
    }

    [Theory]
    [InlineData(Fixtures.Frames2219, "73225eea-1889-4a2d-956e-2ae00300b141", 1795556102000)]
    [InlineData(Fixtures.Frames96Hello, "26d247a3-3c18-4ae0-8b02-305cb92e83d1", 1795555785992)]
    public void ReadChallenge_reads_nonce_and_ts_from_a_real_challenge(string fixture, string nonce, long ts)
    {
        var payload = (JObject)Fixtures.Challenge(fixture)["payload"]!;

        Assert.Equal((nonce, (long?)ts), ConnectRequest.ReadChallenge(payload));
    }

    [Fact]
    public void ReadChallenge_without_ts_gives_a_null_ts()
    {
        Assert.Null(ConnectRequest.ReadChallenge(new JObject { ["nonce"] = Nonce }).Ts);
    }

    [Theory]
    [InlineData("{\"ts\":1795556102000}")]
    [InlineData("{\"nonce\":\"\",\"ts\":1795556102000}")]
    [InlineData("{\"nonce\":null}")]
    public void ReadChallenge_rejects_a_challenge_without_a_nonce(string payload)
    {
        var e = Assert.Throws<FormatException>(() => ConnectRequest.ReadChallenge(JObject.Parse(payload)));

        Assert.Contains("nonce", e.Message);
    }
}
