namespace OpenClaw.Core.Tests.TestSupport;

/// <summary>RFC 8032 section 7.1, TEST 1 (empty message), plus the PEM forms Node writes for such a key.</summary>
public static class Rfc8032
{
    public const string SecretKeyHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    public const string EmptyMessageSignatureHex =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    /// <summary>The fixed DER prefix of an Ed25519 PKCS#8 private key (RFC 8410), followed by the 32-byte seed.</summary>
    public const string Pkcs8PrefixHex = "302e020100300506032b657004220420";

    /// <summary>The fixed DER prefix of an Ed25519 SPKI public key, followed by the 32-byte raw key.</summary>
    public const string SpkiPrefixHex = "302a300506032b6570032100";

    public static byte[] PublicKey => Convert.FromHexString(PublicKeyHex);

    public static string PrivateKeyPem => Pem("PRIVATE KEY", Pkcs8PrefixHex + SecretKeyHex);

    public static string PublicKeyPem => Pem("PUBLIC KEY", SpkiPrefixHex + PublicKeyHex);

    /// <summary>PEM as Node's <c>export({format:"pem"})</c> writes it: one base64 line, LF endings.</summary>
    public static string Pem(string label, string derHex) =>
        $"-----BEGIN {label}-----\n{Convert.ToBase64String(Convert.FromHexString(derHex))}\n-----END {label}-----\n";
}
