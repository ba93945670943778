using Newtonsoft.Json.Linq;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Configuration;

/// <summary>Which secret is sent, and the rule that a typed -Url never receives a configured secret.</summary>
public sealed class GatewaySettingsResolverCredentialTests : IDisposable
{
    private const string ConfigSource = "openclaw.json";

    private readonly ResolverHarness _h = new ResolverHarness();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void The_shared_token_comes_from_gateway_auth_token_in_openclaw_json()
    {
        _h.WriteFixtureConfig();

        var credential = _h.Resolve().Credential;

        Assert.NotNull(credential);
        Assert.Equal(GatewayCredentialKind.Token, credential!.Kind);
        Assert.Equal("harnes…", credential.Value);
        Assert.Equal(_h.DefaultConfigPath, credential.Source);
    }

    /// <summary>
    /// Sets up every source named in <paramref name="present"/> (comma list of request.token, request.password,
    /// env.token, env.password, config.token, config.password), each with its own secret, and checks which one wins.
    /// </summary>
    [Theory]
    [InlineData("request.token,request.password,env.token,env.password,config.token,config.password", GatewayCredentialKind.Token, GatewaySettingsResolver.ExplicitSource)]
    [InlineData("request.password,env.token,env.password,config.token,config.password", GatewayCredentialKind.Password, GatewaySettingsResolver.ExplicitSource)]
    [InlineData("env.token,env.password,config.token,config.password", GatewayCredentialKind.Token, "OPENCLAW_GATEWAY_TOKEN")]
    [InlineData("env.password,config.token,config.password", GatewayCredentialKind.Password, "OPENCLAW_GATEWAY_PASSWORD")]
    [InlineData("config.token,config.password", GatewayCredentialKind.Token, ConfigSource)]
    [InlineData("config.password", GatewayCredentialKind.Password, ConfigSource)]
    public void Credentials_follow_the_precedence_explicit_then_environment_then_config(
        string present, GatewayCredentialKind kind, string source)
    {
        var sources = present.Split(',');
        var request = new GatewaySettingsRequest
        {
            Token = Secret(sources, "request.token"),
            Password = Secret(sources, "request.password"),
        };
        _h.Environment["OPENCLAW_GATEWAY_TOKEN"] = Secret(sources, "env.token");
        _h.Environment["OPENCLAW_GATEWAY_PASSWORD"] = Secret(sources, "env.password");
        var auth = new JObject();
        if (Secret(sources, "config.token") is { } configToken) auth["token"] = configToken;
        if (Secret(sources, "config.password") is { } configPassword) auth["password"] = configPassword;
        _h.WriteConfig(new JObject { ["gateway"] = new JObject { ["auth"] = auth } }.ToString());

        var credential = _h.Resolve(request).Credential!;

        Assert.Equal(kind, credential.Kind);
        Assert.Equal(source == ConfigSource ? _h.DefaultConfigPath : source, credential.Source);
        Assert.Equal(Secret(sources, sources[0]), credential.Value);
    }

    [Fact]
    public void An_explicit_url_takes_no_credential_from_the_environment_or_config()
    {
        _h.WriteFixtureConfig();
        _h.Environment["OPENCLAW_GATEWAY_TOKEN"] = "env-secret";
        _h.Environment["OPENCLAW_GATEWAY_PASSWORD"] = "env-password";

        var settings = _h.Resolve(new GatewaySettingsRequest { Url = "wss://somewhere.example" });

        Assert.Null(settings.Credential);
    }

    [Fact]
    public void An_explicit_url_takes_an_explicit_token()
    {
        _h.WriteFixtureConfig();
        _h.Environment["OPENCLAW_GATEWAY_TOKEN"] = "env-secret";

        var credential = _h.Resolve(new GatewaySettingsRequest { Url = "wss://somewhere.example", Token = "typed" }).Credential;

        Assert.Equal("typed", credential!.Value);
        Assert.Equal(GatewaySettingsResolver.ExplicitSource, credential.Source);
    }

    [Fact]
    public void Remote_mode_sends_the_remote_token_not_the_local_one()
    {
        _h.WriteConfig("{\"gateway\":{\"mode\":\"remote\",\"auth\":{\"token\":\"local-secret\"}," +
                       "\"remote\":{\"url\":\"wss://gateway.example:443\",\"token\":\"remote-secret\"}}}");

        var credential = _h.Resolve().Credential;

        Assert.Equal("remote-secret", credential!.Value);
        Assert.Equal(GatewayCredentialKind.Token, credential.Kind);
    }

    [Fact]
    public void Remote_mode_without_a_remote_token_sends_no_local_secret()
    {
        _h.WriteConfig("{\"gateway\":{\"mode\":\"remote\",\"auth\":{\"token\":\"local-secret\"}," +
                       "\"remote\":{\"url\":\"wss://gateway.example:443\"}}}");

        Assert.Null(_h.Resolve().Credential);
    }

    [Fact]
    public void Remote_mode_can_use_a_remote_password()
    {
        _h.WriteConfig("{\"gateway\":{\"mode\":\"remote\",\"remote\":{\"url\":\"wss://gateway.example:443\",\"password\":\"remote-pw\"}}}");

        var credential = _h.Resolve().Credential;

        Assert.Equal(GatewayCredentialKind.Password, credential!.Kind);
        Assert.Equal("remote-pw", credential.Value);
    }

    [Theory]
    [InlineData(GatewayCredentialKind.Token)]
    [InlineData(GatewayCredentialKind.Password)]
    [InlineData(GatewayCredentialKind.DeviceToken)]
    public void A_credential_never_shows_its_secret(GatewayCredentialKind kind)
    {
        var credential = new GatewayCredential(kind, "s3cr3t-value", "OPENCLAW_GATEWAY_TOKEN");

        Assert.DoesNotContain("s3cr3t", credential.ToString());
        Assert.Contains("OPENCLAW_GATEWAY_TOKEN", credential.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_credential_cannot_be_empty(string? value)
    {
        Assert.Throws<ArgumentException>(() => new GatewayCredential(GatewayCredentialKind.Token, value!, "-Token"));
    }

    private static string? Secret(string[] present, string source) =>
        present.Contains(source) ? "secret-from-" + source : null;
}
