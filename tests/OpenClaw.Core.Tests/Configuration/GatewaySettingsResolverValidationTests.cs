using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Configuration;

/// <summary>Bad gateway URLs and ports are OpenClaw.InvalidGatewayUrl errors that name where they came from.</summary>
public sealed class GatewaySettingsResolverValidationTests : IDisposable
{
    private readonly ResolverHarness _h = new ResolverHarness();

    public void Dispose() => _h.Dispose();

    public static TheoryData<string> BadUrls() => new()
    {
        "http://127.0.0.1:18789",
        "https://gateway.example",
        "not a url",
        "ws://",
        "ws://:18789",
        "wss:///path",
        "ws://127.0.0.1:99999",
        "127.0.0.1:18789",
        "/tmp/gateway.sock",
    };

    [Theory]
    [MemberData(nameof(BadUrls))]
    public void A_bad_explicit_url_is_InvalidGatewayUrl(string url)
    {
        var e = Assert.Throws<OpenClawException>(() => _h.Resolve(new GatewaySettingsRequest { Url = url }));

        AssertInvalidUrl(e, url, "from " + GatewaySettingsResolver.ExplicitSource);
    }

    [Theory]
    [MemberData(nameof(BadUrls))]
    public void A_bad_OPENCLAW_GATEWAY_URL_is_InvalidGatewayUrl(string url)
    {
        _h.Environment["OPENCLAW_GATEWAY_URL"] = url;

        AssertInvalidUrl(Assert.Throws<OpenClawException>(() => _h.Resolve()), url, "OPENCLAW_GATEWAY_URL");
    }

    [Fact]
    public void A_bad_gateway_remote_url_names_the_config_file()
    {
        var path = _h.WriteConfig("{\"gateway\":{\"mode\":\"remote\",\"remote\":{\"url\":\"http://gateway.example\"}}}");

        AssertInvalidUrl(Assert.Throws<OpenClawException>(() => _h.Resolve()), "http://gateway.example", path);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:18789")]
    [InlineData("wss://gateway.example:443/")]
    [InlineData("  ws://[::1]:18789  ")]
    [InlineData("WS://LOCALHOST:18789")]
    public void Ws_and_wss_urls_are_accepted(string url)
    {
        var uri = _h.Resolve(new GatewaySettingsRequest { Url = url }).Url;

        Assert.Contains(uri.Scheme, new[] { "ws", "wss" });
    }

    [Theory]
    [InlineData("ws://operator:s3cret-pw@127.0.0.1:18789")]
    [InlineData("wss://s3cret-pw@gateway.example/openclaw")]
    public void A_url_with_a_user_name_or_password_is_refused_without_echoing_the_secret(string url)
    {
        var e = Assert.Throws<OpenClawException>(() => _h.Resolve(new GatewaySettingsRequest { Url = url }));

        Assert.Equal(ErrorIds.InvalidGatewayUrl, e.ErrorId);
        Assert.Contains("from " + GatewaySettingsResolver.ExplicitSource, e.Message);
        Assert.DoesNotContain("s3cret", e.Message + e.RecommendedAction + e.Target, StringComparison.Ordinal);
        Assert.Equal(RemedyKind.SecretOutsideUrl, e.Remedy?.Kind);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("18789.5")]
    public void A_bad_OPENCLAW_GATEWAY_PORT_is_InvalidGatewayUrl(string port)
    {
        _h.Environment["OPENCLAW_GATEWAY_PORT"] = port;

        var e = Assert.Throws<OpenClawException>(() => _h.Resolve());

        Assert.Equal(ErrorIds.InvalidGatewayUrl, e.ErrorId);
        Assert.Contains($"'{port}'", e.Message);
        Assert.Contains("OPENCLAW_GATEWAY_PORT", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("\"abc\"")]
    public void A_bad_gateway_port_in_openclaw_json_is_InvalidGatewayUrl(string portJson)
    {
        var path = _h.WriteConfig("{\"gateway\":{\"port\":" + portJson + "}}");

        var e = Assert.Throws<OpenClawException>(() => _h.Resolve());

        Assert.Equal(ErrorIds.InvalidGatewayUrl, e.ErrorId);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{}")]
    public void A_gateway_port_of_the_wrong_type_is_ConfigInvalid_naming_the_key(string portJson)
    {
        var path = _h.WriteConfig("{\"gateway\":{\"port\":" + portJson + "}}");

        var e = Assert.Throws<OpenClawException>(() => _h.Resolve());

        Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Contains("gateway.port", e.Message);
    }

    [Fact]
    public void OPENCLAW_GATEWAY_PORT_accepts_surrounding_whitespace()
    {
        _h.Environment["OPENCLAW_GATEWAY_PORT"] = " 19001 ";

        Assert.Equal(new Uri("ws://127.0.0.1:19001"), _h.Resolve().Url);
    }

    private static void AssertInvalidUrl(OpenClawException e, string url, string source)
    {
        Assert.Equal(ErrorIds.InvalidGatewayUrl, e.ErrorId);
        Assert.Equal(OpenClawErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(url, e.Message);
        Assert.Contains(source, e.Message);
        Assert.Contains("ws://", e.RecommendedAction);
    }
}
