using OpenClaw.Core.Identity;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Identity;

/// <summary>
/// The direct reader of Node's Ed25519 PEM takes exactly that format and leaves everything else to BouncyCastle,
/// which still loads other valid encodings and gives the specific errors (DeviceIdentityPemTests).
/// </summary>
public sealed class Ed25519PemTests
{
    [Fact]
    public void Nodes_pkcs8_and_spki_pems_are_read_directly()
    {
        Assert.Equal(Rfc8032.SecretKeyHex, Convert.ToHexStringLower(Ed25519Pem.TryReadPrivateSeed(Rfc8032.PrivateKeyPem)!));
        Assert.Equal(Rfc8032.PublicKeyHex, Convert.ToHexStringLower(Ed25519Pem.TryReadPublicKey(Rfc8032.PublicKeyPem)!));
        Assert.NotNull(Ed25519Pem.TryReadPrivateSeed(Rfc8032.PrivateKeyPem.Replace("\n", "\r\n")));
    }

    /// <summary>(what differs from Node's private key PEM, the PEM).</summary>
    public static TheoryData<string, string> NotNodesPrivateKeyPem() => new()
    {
        { "a public key", Rfc8032.PublicKeyPem },
        { "PKCS#8 v2 with the public key attached", Rfc8032.Pem("PRIVATE KEY", Pkcs8V2Hex) },
        { "another algorithm's OID (X25519)", Rfc8032.Pem("PRIVATE KEY", Rfc8032.Pkcs8PrefixHex.Replace("2b6570", "2b656e") + Rfc8032.SecretKeyHex) },
        { "a seed one byte short", Rfc8032.Pem("PRIVATE KEY", Rfc8032.Pkcs8PrefixHex + Rfc8032.SecretKeyHex.Substring(2)) },
        { "text before the armour", "my key\n" + Rfc8032.PrivateKeyPem },
        { "a header line", Rfc8032.PrivateKeyPem.Replace("KEY-----\n", "KEY-----\nProc-Type: 4,ENCRYPTED\n\n", StringComparison.Ordinal) },
        { "the body on the BEGIN line", Rfc8032.PrivateKeyPem.Replace("KEY-----\n", "KEY-----", StringComparison.Ordinal) },
        { "two keys", Rfc8032.PrivateKeyPem + Rfc8032.PrivateKeyPem },
        { "an END label of another kind", Rfc8032.PrivateKeyPem.Replace("END PRIVATE", "END PUBLIC", StringComparison.Ordinal) },
        { "not base64", "-----BEGIN PRIVATE KEY-----\n<redacted>\n-----END PRIVATE KEY-----\n" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(NotNodesPrivateKeyPem))]
    public void Anything_but_nodes_private_key_pem_is_left_to_the_general_reader(string because, string pem)
    {
        Assert.True(Ed25519Pem.TryReadPrivateSeed(pem) == null, because);
    }

    [Fact]
    public void A_pkcs8_v2_key_still_loads_through_the_general_reader()
    {
        var identity = DeviceIdentity.FromPrivateKeyPem(Rfc8032.Pem("PRIVATE KEY", Pkcs8V2Hex), DateTimeOffset.UnixEpoch);

        Assert.Equal(Rfc8032.PublicKeyHex, Convert.ToHexStringLower(identity.PublicKeyRaw));
    }

    [Fact]
    public void A_pem_with_text_before_it_still_loads_through_the_general_reader()
    {
        var identity = DeviceIdentity.FromPrivateKeyPem("my key\n" + Rfc8032.PrivateKeyPem, DateTimeOffset.UnixEpoch);

        Assert.Equal(Rfc8032.PublicKeyHex, Convert.ToHexStringLower(identity.PublicKeyRaw));
        Assert.Equal(Rfc8032.PublicKey, DeviceIdentity.PublicKeyFromPem("my key\n" + Rfc8032.PublicKeyPem));
    }

    [Fact]
    public void A_spki_of_another_algorithm_is_left_to_the_general_reader()
    {
        Assert.Null(Ed25519Pem.TryReadPublicKey(Rfc8032.Pem("PUBLIC KEY", Rfc8032.SpkiPrefixHex.Replace("2b6570", "2b656e") + Rfc8032.PublicKeyHex)));
        Assert.Null(Ed25519Pem.TryReadPublicKey(Rfc8032.PrivateKeyPem));
    }

    /// <summary>RFC 8410 OneAsymmetricKey v2: version 1, the seed, then [1] the public key.</summary>
    private static string Pkcs8V2Hex =>
        "3051020101300506032b657004220420" + Rfc8032.SecretKeyHex + "812100" + Rfc8032.PublicKeyHex;
}
