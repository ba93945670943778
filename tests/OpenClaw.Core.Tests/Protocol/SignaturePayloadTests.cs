using OpenClaw.Core.Protocol;

namespace OpenClaw.Core.Tests.Protocol;

/// <summary>The string a device signs in the connect handshake (facts §4.5).</summary>
public sealed class SignaturePayloadTests
{
    private const string DeviceId = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";
    private const string Token = "harness-token";
    private const string Nonce = "67488b4c-d723-45ed-9130-d9e88fa97376";
    private const long SignedAt = 1795555317020;

    private static readonly string[] CliScopes = { "operator.admin", "operator.approvals", "operator.pairing" };

    private static string V2(string? token = Token, IReadOnlyList<string>? scopes = null) =>
        SignaturePayload.V2(DeviceId, "cli", "cli", "operator", scopes ?? CliScopes, SignedAt, token, Nonce);

    private static string V3(string? platform, string? deviceFamily, string? token = Token) =>
        SignaturePayload.V3(DeviceId, "cli", "cli", "operator", CliScopes, SignedAt, token, Nonce, platform, deviceFamily);

    [Fact]
    public void V2_matches_the_string_the_2026_2_19_cli_signed()
    {
        Assert.Equal(
            $"v2|{DeviceId}|cli|cli|operator|operator.admin,operator.approvals,operator.pairing|1795555317020|{Token}|{Nonce}",
            V2());
    }

    [Fact]
    public void V2_with_no_token_has_an_empty_token_field()
    {
        Assert.Equal(
            $"v2|{DeviceId}|cli|cli|operator|operator.admin,operator.approvals,operator.pairing|1795555317020||{Nonce}",
            V2(token: null));
    }

    [Fact]
    public void V2_keeps_the_request_order_of_scopes()
    {
        var payload = V2(scopes: new[] { "operator.write", "operator.read", "operator.admin" });

        Assert.Contains("|operator.write,operator.read,operator.admin|", payload);
    }

    [Fact]
    public void V2_with_no_scopes_has_an_empty_scopes_field()
    {
        Assert.Equal($"v2|{DeviceId}|cli|cli|operator||1795555317020|{Token}|{Nonce}", V2(scopes: Array.Empty<string>()));
    }

    [Fact]
    public void V3_appends_platform_and_device_family_to_the_v2_fields()
    {
        var expected = V2().Replace("v2|", "v3|") + "|linux|desktop";

        Assert.Equal(expected, V3("linux", "desktop"));
    }

    [Theory]
    [InlineData("  Linux ", "linux")]
    [InlineData("DARWIN", "darwin")]
    [InlineData("\tWin32\n", "win32")]
    [InlineData("iPhone14,2", "iphone14,2")]
    // Only A-Z are lowered (ASCII lowercase, as 2026.9.6 does); other letters pass through unchanged.
    [InlineData("ÄPPLE", "Äpple")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void V3_trims_and_ascii_lowercases_platform_and_device_family(string? raw, string normalized)
    {
        var payload = V3(raw, raw);

        Assert.EndsWith($"|{Nonce}|{normalized}|{normalized}", payload);
    }

    [Fact]
    public void V3_with_no_token_has_an_empty_token_field()
    {
        Assert.Equal(
            $"v3|{DeviceId}|cli|cli|operator|operator.admin,operator.approvals,operator.pairing|1795555317020||{Nonce}|linux|",
            V3("linux", null, token: null));
    }
}
