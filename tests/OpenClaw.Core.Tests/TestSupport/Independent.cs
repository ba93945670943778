using System.Security.Cryptography;

namespace OpenClaw.Core.Tests.TestSupport;

/// <summary>
/// The expected values computed without the code under test (BCL only), so a test never checks
/// the library against itself.
/// </summary>
public static class Independent
{
    /// <summary>OpenClaw's device id: lowercase hex SHA-256 of the raw 32-byte public key.</summary>
    public static string DeviceId(byte[] rawPublicKey) => Convert.ToHexStringLower(SHA256.HashData(rawPublicKey));

    public static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
