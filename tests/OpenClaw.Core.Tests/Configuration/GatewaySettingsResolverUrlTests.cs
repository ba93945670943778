using OpenClaw.Core.Configuration;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Configuration;

/// <summary>Which gateway URL is used: explicit, then environment, then openclaw.json, then the default.</summary>
public sealed class GatewaySettingsResolverUrlTests : IDisposable
{
    private readonly ResolverHarness _h = new ResolverHarness();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void With_nothing_configured_the_default_loopback_gateway_is_used()
    {
        var settings = _h.Resolve();

        Assert.Equal(new Uri("ws://127.0.0.1:18789"), settings.Url);
        Assert.Equal("default", settings.UrlSource);
        Assert.Null(settings.Credential);
        Assert.False(settings.ConfigExists);
        Assert.Equal(_h.DefaultStateDirectory, settings.StateDirectory);
        Assert.Equal(_h.DefaultConfigPath, settings.ConfigPath);
    }

    [Fact]
    public void Gateway_port_comes_from_openclaw_json()
    {
        _h.WriteFixtureConfig();

        var settings = _h.Resolve();

        Assert.Equal(new Uri("ws://127.0.0.1:18909"), settings.Url);
        Assert.Contains("gateway.port", settings.UrlSource);
        Assert.True(settings.ConfigExists);
    }

    [Fact]
    public void OPENCLAW_GATEWAY_PORT_beats_openclaw_json()
    {
        _h.WriteFixtureConfig();
        _h.Environment["OPENCLAW_GATEWAY_PORT"] = "19001";

        var settings = _h.Resolve();

        Assert.Equal(new Uri("ws://127.0.0.1:19001"), settings.Url);
        Assert.Equal("OPENCLAW_GATEWAY_PORT", settings.UrlSource);
    }

    [Fact]
    public void OPENCLAW_GATEWAY_URL_beats_OPENCLAW_GATEWAY_PORT()
    {
        _h.WriteFixtureConfig();
        _h.Environment["OPENCLAW_GATEWAY_PORT"] = "19001";
        _h.Environment["OPENCLAW_GATEWAY_URL"] = "wss://gateway.example:8443";

        var settings = _h.Resolve();

        Assert.Equal(new Uri("wss://gateway.example:8443"), settings.Url);
        Assert.Equal("OPENCLAW_GATEWAY_URL", settings.UrlSource);
    }

    [Fact]
    public void An_explicit_url_beats_everything()
    {
        _h.WriteFixtureConfig();
        _h.Environment["OPENCLAW_GATEWAY_URL"] = "wss://gateway.example:8443";
        _h.Environment["OPENCLAW_GATEWAY_PORT"] = "19001";

        var settings = _h.Resolve(new GatewaySettingsRequest { Url = "ws://10.0.0.5:18789" });

        Assert.Equal(new Uri("ws://10.0.0.5:18789"), settings.Url);
        Assert.Equal(GatewaySettingsResolver.ExplicitSource, settings.UrlSource);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_environment_values_count_as_unset(string blank)
    {
        _h.Environment["OPENCLAW_GATEWAY_URL"] = blank;
        _h.Environment["OPENCLAW_GATEWAY_PORT"] = blank;

        Assert.Equal("default", _h.Resolve(new GatewaySettingsRequest { Url = blank }).UrlSource);
    }

    [Fact]
    public void Remote_mode_uses_gateway_remote_url()
    {
        _h.WriteConfig("{\"gateway\":{\"mode\":\"remote\",\"port\":18909,\"remote\":{\"url\":\"wss://gateway.example:443\"}}}");

        var settings = _h.Resolve();

        Assert.Equal(new Uri("wss://gateway.example:443"), settings.Url);
        Assert.Contains("gateway.remote.url", settings.UrlSource);
    }

    [Fact]
    public void Local_mode_ignores_a_leftover_remote_block()
    {
        _h.WriteConfig("{\"gateway\":{\"mode\":\"local\",\"port\":18909,\"remote\":{\"url\":\"wss://gateway.example:443\"}}}");

        Assert.Equal(new Uri("ws://127.0.0.1:18909"), _h.Resolve().Url);
    }

    [Fact]
    public void OPENCLAW_CONFIG_PATH_points_at_another_config_file()
    {
        var elsewhere = _h.WriteConfig("{\"gateway\":{\"port\":19555}}", _h.Combine("elsewhere", "custom.json"));
        _h.WriteFixtureConfig();
        _h.Environment["OPENCLAW_CONFIG_PATH"] = elsewhere;

        var settings = _h.Resolve();

        Assert.Equal(elsewhere, settings.ConfigPath);
        Assert.Equal(new Uri("ws://127.0.0.1:19555"), settings.Url);
    }

    [Fact]
    public void OPENCLAW_STATE_DIR_moves_the_state_folder_and_its_config()
    {
        var stateDir = _h.Combine("state");
        _h.WriteConfig("{\"gateway\":{\"port\":19666}}", Path.Combine(stateDir, "openclaw.json"));
        _h.WriteFixtureConfig();
        _h.Environment["OPENCLAW_STATE_DIR"] = stateDir;

        var settings = _h.Resolve();

        Assert.Equal(stateDir, settings.StateDirectory);
        Assert.Equal(Path.Combine(stateDir, "openclaw.json"), settings.ConfigPath);
        Assert.Equal(new Uri("ws://127.0.0.1:19666"), settings.Url);
    }

    [Fact]
    public void An_explicit_state_directory_beats_OPENCLAW_STATE_DIR()
    {
        _h.Environment["OPENCLAW_STATE_DIR"] = _h.Combine("from-env");

        var settings = _h.Resolve(new GatewaySettingsRequest { StateDirectory = _h.Combine("explicit") });

        Assert.Equal(_h.Combine("explicit"), settings.StateDirectory);
    }

    [Theory]
    [InlineData(".clawdbot")]
    [InlineData(".moltbot")]
    public void A_legacy_state_folder_is_used_when_there_is_no_dot_openclaw(string legacy)
    {
        Directory.CreateDirectory(Path.Combine(_h.Home, legacy));

        Assert.Equal(Path.Combine(_h.Home, legacy), _h.Resolve().StateDirectory);
    }

    [Fact]
    public void Dot_openclaw_wins_over_a_legacy_state_folder()
    {
        Directory.CreateDirectory(Path.Combine(_h.Home, ".clawdbot"));
        Directory.CreateDirectory(_h.DefaultStateDirectory);

        Assert.Equal(_h.DefaultStateDirectory, _h.Resolve().StateDirectory);
    }
}
