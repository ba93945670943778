using System.Text;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Configuration;

/// <summary>Reading openclaw.json: JSON5-flavoured text, BOMs, and clear errors for a broken file.</summary>
public sealed class GatewaySettingsResolverConfigFileTests : IDisposable
{
    private readonly ResolverHarness _h = new ResolverHarness();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void A_config_with_a_utf8_bom_is_read()
    {
        Directory.CreateDirectory(_h.DefaultStateDirectory);
        File.WriteAllText(_h.DefaultConfigPath, Fixtures.Text(Fixtures.OpenClawJsonMinimal), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(new Uri("ws://127.0.0.1:18909"), _h.Resolve().Url);
    }

    [Theory]
    [InlineData("// written by hand\n{\n  // the port\n  \"gateway\": { \"port\": 18909 } // trailing\n}\n")]
    [InlineData("/* block */ {\"gateway\": /* inline */ {\"port\": 18909}}")]
    [InlineData("{gateway: {port: 18909, auth: {token: 'harnes…',},},}")]
    public void Json5_flavoured_config_is_read(string text)
    {
        _h.WriteConfig(text);

        Assert.Equal(new Uri("ws://127.0.0.1:18909"), _h.Resolve().Url);
    }

    [Fact]
    public void A_config_without_a_gateway_section_gives_the_default()
    {
        _h.WriteConfig("{\"meta\":{\"lastTouchedVersion\":\"2026.2.19\"}}");

        var settings = _h.Resolve();

        Assert.True(settings.ConfigExists);
        Assert.Equal("default", settings.UrlSource);
        Assert.Null(settings.Credential);
    }

    [Theory]
    [InlineData("{\"gateway\": {\"port\": 18909,")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("")]
    public void A_broken_config_is_ConfigInvalid_naming_the_file(string text)
    {
        var path = _h.WriteConfig(text);

        var e = Assert.Throws<OpenClawException>(() => _h.Resolve());

        Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
        Assert.Equal(OpenClawErrorKind.InvalidData, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.Target);
    }

    [Theory]
    [InlineData("{\"gateway\":{\"auth\":{\"token\":{\"source\":\"env\"}}}}")]
    [InlineData("{\"gateway\":{\"auth\":{\"password\":[\"a\"]}}}")]
    [InlineData("{\"gateway\":{\"mode\":[\"remote\"]}}")]
    [InlineData("{\"gateway\":{\"mode\":\"remote\",\"remote\":{\"url\":{\"host\":\"gateway.example\"}}}}")]
    public void A_value_of_the_wrong_type_is_ConfigInvalid_naming_the_file(string text)
    {
        var path = _h.WriteConfig(text);

        var e = Record.Exception(() => _h.Resolve());

        var error = Assert.IsType<OpenClawException>(e);
        Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_broken_config_named_by_OPENCLAW_CONFIG_PATH_is_named_in_the_error()
    {
        var path = _h.WriteConfig("{", _h.Combine("custom", "openclaw.json"));
        _h.Environment["OPENCLAW_CONFIG_PATH"] = path;

        var e = Assert.Throws<OpenClawException>(() => _h.Resolve());

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void The_config_error_does_not_quote_the_secret_in_the_file()
    {
        _h.WriteConfig("{\"gateway\":{\"auth\":{\"token\":\"very-secret-token\"}} garbage");

        var e = Assert.Throws<OpenClawException>(() => _h.Resolve());

        Assert.DoesNotContain("very-secret-token", e.Message);
    }

    /// <summary>The ConfigInvalid error recommends giving the URL and token explicitly, so doing that must work.</summary>
    [Fact]
    public void Explicit_url_and_token_work_around_a_broken_config_as_the_error_recommends()
    {
        _h.WriteConfig("{ broken");
        var recommended = Assert.Throws<OpenClawException>(() => _h.Resolve()).Remedy;
        Assert.Equal(RemedyKind.GiveGatewaySettings, recommended?.Kind);

        var settings = _h.Resolve(new GatewaySettingsRequest { Url = "ws://127.0.0.1:18789", Token = "typed" });

        Assert.Equal(new Uri("ws://127.0.0.1:18789"), settings.Url);
        Assert.Equal(GatewaySettingsResolver.ExplicitSource, settings.Credential!.Source);
    }
}
