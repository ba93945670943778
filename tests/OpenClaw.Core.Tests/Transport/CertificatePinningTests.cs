using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Tests.Transport;

/// <summary>
/// -TlsFingerprint: what Parse accepts, how Format prints, and the per-socket check Apply installs (invoked here
/// directly with certificates made at test time; the integration tests drive it through a real TLS handshake).
/// </summary>
public sealed class CertificatePinningTests
{
    private static readonly Uri Wss = new("wss://gateway.example:8443");

    // SHA-256 of the DER bytes, as `openssl x509 -noout -fingerprint -sha256` prints it.
    private static readonly X509Certificate2 Gateway = Certificate("gateway");
    private static readonly X509Certificate2 Interceptor = Certificate("gateway");
    private static readonly string GatewayFingerprint = BitConverter.ToString(SHA256.HashData(Gateway.RawData)).Replace('-', ':');

    [Fact]
    public void Format_prints_uppercase_hex_pairs_joined_by_colons()
    {
        Assert.Equal("0A:FF:00:7B", CertificatePinning.Format(new byte[] { 0x0a, 0xff, 0x00, 0x7b }));
        Assert.Equal("", CertificatePinning.Format(Array.Empty<byte>()));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("{1}")]
    [InlineData("{2}")]
    [InlineData("  {0}  ")]
    [InlineData("sha256 Fingerprint={0}")]
    [InlineData("SHA256 Fingerprint={0}\n")]
    public void Parse_accepts_the_forms_people_paste(string form)
    {
        var plainUpper = GatewayFingerprint.Replace(":", "");
        var text = string.Format(form, GatewayFingerprint, plainUpper.ToLowerInvariant(), GatewayFingerprint.Replace(':', ' '));

        Assert.Equal(GatewayFingerprint, CertificatePinning.Parse(text).Fingerprint);
    }

    [Fact]
    public void Parse_and_Format_round_trip_any_sha256()
    {
        var hash = RandomNumberGenerator.GetBytes(32);
        var text = CertificatePinning.Format(hash);

        Assert.Equal(95, text.Length);
        Assert.Equal(text, CertificatePinning.Parse(text).Fingerprint);
        Assert.Equal(text, CertificatePinning.Parse(text.Replace(":", "").ToLowerInvariant()).Fingerprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-a-fingerprint")]
    [InlineData("AB:CD")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")] // SHA-1 length
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")] // 63 digits
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")] // 65 digits
    [InlineData("g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Parse_refuses_anything_but_64_hex_digits(string text)
    {
        var error = Assert.Throws<OpenClawException>(() => CertificatePinning.Parse(text));

        Assert.Equal(CertificatePinning.InvalidErrorId, error.ErrorId);
        Assert.Equal(OpenClawErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(text, error.Target);
        Assert.Contains("-fingerprint -sha256", error.RecommendedAction);
    }

    [Fact]
    public void Parse_refuses_null_as_invalid_not_with_a_crash()
    {
        var error = Assert.Throws<OpenClawException>(() => CertificatePinning.Parse(null!));
        Assert.Equal(CertificatePinning.InvalidErrorId, error.ErrorId);
    }

    [Fact]
    public void A_pin_on_a_ws_url_is_invalid_and_system_trust_leaves_ws_alone()
    {
        using var socket = new ClientWebSocket();
        var error = Assert.Throws<OpenClawException>(() => CertificatePinning.Parse(GatewayFingerprint).Apply(socket.Options, new Uri("ws://127.0.0.1:18789")));
        Assert.Equal(CertificatePinning.InvalidErrorId, error.ErrorId);
        Assert.Contains("wss://", error.Message);

        CertificatePinning.SystemTrust().Apply(socket.Options, new Uri("ws://127.0.0.1:18789"));
        Assert.Null(socket.Options.RemoteCertificateValidationCallback);
    }

    [Fact]
    public void A_pin_accepts_exactly_the_pinned_certificate_whatever_the_chain_says()
    {
        var pin = CertificatePinning.Parse(GatewayFingerprint);
        var check = Installed(pin);

        Assert.True(check(this, Gateway, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.Null(pin.RefusedFingerprint);
        Assert.False(check(this, Interceptor, null, SslPolicyErrors.None));
        Assert.False(check(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));

        var presented = BitConverter.ToString(SHA256.HashData(Interceptor.RawData)).Replace('-', ':');
        Assert.Equal(presented, pin.RefusedFingerprint);
        var error = pin.RejectionError(Wss);
        Assert.Equal(CertificatePinning.MismatchErrorId, error.ErrorId);
        Assert.Equal(OpenClawErrorKind.AuthenticationError, error.Kind);
        Assert.Contains(presented, error.Message);
        Assert.Contains(GatewayFingerprint, error.Message);
        Assert.Equal(Wss.ToString(), error.Target);
    }

    [Fact]
    public void System_trust_answers_as_the_default_check_and_names_what_it_refused()
    {
        var trust = CertificatePinning.SystemTrust();
        var check = Installed(trust);

        Assert.Null(trust.Fingerprint);
        Assert.True(check(this, Gateway, null, SslPolicyErrors.None));
        Assert.False(check(this, Gateway, null, SslPolicyErrors.RemoteCertificateChainErrors));

        Assert.Equal(GatewayFingerprint, trust.RefusedFingerprint);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, trust.PolicyErrors);
        var error = trust.RejectionError(Wss);
        Assert.Equal(CertificatePinning.UntrustedErrorId, error.ErrorId);
        Assert.Contains(GatewayFingerprint, error.Message);
        Assert.Contains("RemoteCertificateChainErrors", error.Message);
        Assert.Equal(RemedyKind.PinCertificate, error.Remedy?.Kind);
    }

    private static RemoteCertificateValidationCallback Installed(CertificatePinning pinning)
    {
        using var socket = new ClientWebSocket();
        pinning.Apply(socket.Options, Wss);
        return socket.Options.RemoteCertificateValidationCallback ?? throw new InvalidOperationException("No callback was installed.");
    }

    private static X509Certificate2 Certificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
