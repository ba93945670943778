using System.Security.Cryptography;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Identity;

/// <summary>Reading and writing the SPKI/PKCS#8 PEM that Node's generateKeyPairSync("ed25519") produces (facts §1.3).</summary>
public sealed class DeviceIdentityPemTests
{
    // From identity-device-2026.2.19.json, written by the real 2026.2.19 CLI.
    private const string FixturePublicKeyPem =
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEATA+8TV+ecVAX46uY0BA+u0HWRzufq6B42Pw6Mdrt03E=\n-----END PUBLIC KEY-----\n";
    private const string FixturePublicKeyBase64Url = "TA-8TV-ecVAX46uY0BA-u0HWRzufq6B42Pw6Mdrt03E";
    private const string FixtureDeviceId = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";

    [Fact]
    public void The_2026_2_19_public_key_gives_its_raw_key_and_device_id()
    {
        var raw = DeviceIdentity.PublicKeyFromPem(FixturePublicKeyPem);

        Assert.Equal(32, raw.Length);
        Assert.Equal(FixturePublicKeyBase64Url, Base64Url.Encode(raw));
        Assert.Equal(FixtureDeviceId, DeviceIdentity.ComputeDeviceId(raw));
    }

    [Fact]
    public void The_fixture_device_id_agrees_with_the_fixture_file()
    {
        var json = Newtonsoft.Json.Linq.JObject.Parse(Fixtures.Text(Fixtures.IdentityDevice));
        var raw = DeviceIdentity.PublicKeyFromPem((string)json["publicKeyPem"]!);

        Assert.Equal((string?)json["deviceId"], Independent.DeviceId(raw));
    }

    [Fact]
    public void Generate_export_and_reimport_keeps_the_device_id()
    {
        var original = DeviceIdentity.Generate();

        var reloaded = DeviceIdentity.FromPrivateKeyPem(original.ExportPrivateKeyPem(), original.CreatedAt);

        Assert.Equal(original.DeviceId, reloaded.DeviceId);
        Assert.Equal(original.DeviceId, DeviceIdentity.ComputeDeviceId(DeviceIdentity.PublicKeyFromPem(original.ExportPublicKeyPem())));
    }

    [Fact]
    public void Exported_pems_use_the_standard_labels_and_lf_line_endings()
    {
        var identity = DeviceIdentity.Generate();

        var privatePem = identity.ExportPrivateKeyPem();
        var publicPem = identity.ExportPublicKeyPem();

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", privatePem);
        Assert.EndsWith("-----END PRIVATE KEY-----\n", privatePem);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", publicPem);
        Assert.EndsWith("-----END PUBLIC KEY-----\n", publicPem);
        Assert.DoesNotContain("\r", privatePem + publicPem);
    }

    [Fact]
    public void Exported_public_pem_is_the_44_byte_spki_node_writes()
    {
        var identity = DeviceIdentity.FromPrivateKeyPem(Rfc8032.PrivateKeyPem, DateTimeOffset.UnixEpoch);

        Assert.Equal(Rfc8032.PublicKeyPem, identity.ExportPublicKeyPem());
    }

    /// <summary>
    /// Node writes PKCS#8 v1 (48 bytes, one base64 line). A v2 OneAsymmetricKey that also carries the public key is
    /// rejected by OpenSSL 3.0 (checked with Node 20.20 / OpenSSL 3.0.19: ERR_OSSL_UNSUPPORTED), so a device.json
    /// holding it is not "the same format" as the CLI's.
    /// </summary>
    [Fact]
    public void Exported_private_pem_is_the_48_byte_pkcs8_node_writes()
    {
        var identity = DeviceIdentity.FromPrivateKeyPem(Rfc8032.PrivateKeyPem, DateTimeOffset.UnixEpoch);

        Assert.Equal(Rfc8032.PrivateKeyPem, identity.ExportPrivateKeyPem());
    }

    [Fact]
    public void A_pem_with_crlf_line_endings_is_read()
    {
        var identity = DeviceIdentity.FromPrivateKeyPem(Rfc8032.PrivateKeyPem.Replace("\n", "\r\n"), DateTimeOffset.UnixEpoch);

        Assert.Equal(Rfc8032.PublicKeyHex, Convert.ToHexStringLower(identity.PublicKeyRaw));
    }

    /// <summary>(what is wrong, the PEM, a phrase the message must contain so the user can tell what is wrong).</summary>
    public static TheoryData<string, string, string> BadPrivateKeyPems() => new()
    {
        { "empty", "", "private key" },
        { "garbage", "this is not a PEM at all", "private key" },
        { "truncated base64", TruncatedBody(Rfc8032.PrivateKeyPem), "private key" },
        { "redacted body, as in the fixture", "-----BEGIN PRIVATE KEY-----\n<redacted>\n-----END PRIVATE KEY-----\n", "private key" },
        { "no END line", "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(Convert.FromHexString(Rfc8032.Pkcs8PrefixHex + Rfc8032.SecretKeyHex)) + "\n", "private key" },
        { "RSA PKCS#8", RsaPkcs8Pem(), "not an Ed25519 key" },
        { "EC P-256 PKCS#8", EcP256Pkcs8Pem(), "not an Ed25519 key" },
        { "a public key instead of a private key", Rfc8032.PublicKeyPem, "private key" },
    };

    [Theory]
    [MemberData(nameof(BadPrivateKeyPems))]
    public void A_bad_private_key_pem_gives_a_FormatException_that_says_what_is_wrong(string because, string pem, string phrase)
    {
        var e = Record.Exception(() => DeviceIdentity.FromPrivateKeyPem(pem, DateTimeOffset.UnixEpoch));

        Assert.True(e is FormatException, $"{because}: expected FormatException, got {e?.GetType().FullName ?? "no exception"}: {e?.Message}");
        Assert.Contains(phrase, e!.Message, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string> BadPublicKeyPems() => new()
    {
        { "empty", "" },
        { "garbage", "this is not a PEM at all" },
        { "truncated base64", TruncatedBody(FixturePublicKeyPem) },
        { "EC P-256 SPKI", EcP256SpkiPem() },
        { "a private key instead of a public key", Rfc8032.PrivateKeyPem },
    };

    [Theory]
    [MemberData(nameof(BadPublicKeyPems))]
    public void A_bad_public_key_pem_gives_a_FormatException(string because, string pem)
    {
        var e = Record.Exception(() => DeviceIdentity.PublicKeyFromPem(pem));

        Assert.True(e is FormatException, $"{because}: expected FormatException, got {e?.GetType().FullName ?? "no exception"}: {e?.Message}");
    }

    /// <summary>Cuts the base64 body so that its length is no longer a multiple of four.</summary>
    private static string TruncatedBody(string pem)
    {
        var lines = pem.Split('\n');
        lines[1] = lines[1].Substring(0, lines[1].Length - 7);
        return string.Join("\n", lines);
    }

    private static string RsaPkcs8Pem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string EcP256Pkcs8Pem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    private static string EcP256SpkiPem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportSubjectPublicKeyInfoPem();
    }
}
