using OpenClaw.Core.Identity;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Identity;

/// <summary>Ed25519 signing against RFC 8032 TEST 1, loaded through the same PEM path as Node-written identities.</summary>
public sealed class DeviceIdentitySigningTests
{
    private static DeviceIdentity Rfc8032Identity() =>
        DeviceIdentity.FromPrivateKeyPem(Rfc8032.PrivateKeyPem, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Public_key_is_the_rfc_8032_public_key()
    {
        var identity = Rfc8032Identity();

        Assert.Equal(Rfc8032.PublicKeyHex, Convert.ToHexStringLower(identity.PublicKeyRaw));
        Assert.Equal(Independent.Base64Url(Rfc8032.PublicKey), identity.PublicKeyBase64Url);
    }

    [Fact]
    public void Device_id_is_the_lowercase_hex_sha256_of_the_raw_public_key()
    {
        var identity = Rfc8032Identity();

        Assert.Equal(Independent.DeviceId(Rfc8032.PublicKey), identity.DeviceId);
        Assert.Equal(Independent.DeviceId(Rfc8032.PublicKey), DeviceIdentity.ComputeDeviceId(Rfc8032.PublicKey));
    }

    [Fact]
    public void Signing_the_empty_message_gives_the_rfc_8032_signature_in_unpadded_base64url()
    {
        var signature = Rfc8032Identity().Sign("");

        Assert.Equal(Independent.Base64Url(Convert.FromHexString(Rfc8032.EmptyMessageSignatureHex)), signature);
        Assert.DoesNotContain("=", signature);
    }

    [Fact]
    public void Verify_accepts_the_rfc_8032_signature()
    {
        var signature = Independent.Base64Url(Convert.FromHexString(Rfc8032.EmptyMessageSignatureHex));

        Assert.True(DeviceIdentity.Verify(Rfc8032.PublicKey, "", signature));
    }

    [Theory]
    [InlineData("v2|id|cli|cli|operator|operator.admin|1795555317020|tok|nonce")]
    [InlineData("non-ASCII is signed as UTF-8: é ü 漢字")]
    public void Verify_accepts_what_Sign_produced(string payload)
    {
        var identity = Rfc8032Identity();

        Assert.True(DeviceIdentity.Verify(identity.PublicKeyRaw, payload, identity.Sign(payload)));
    }

    [Fact]
    public void Verify_rejects_a_tampered_payload()
    {
        var identity = Rfc8032Identity();
        var signature = identity.Sign("v2|id|cli|cli|operator|operator.read|1795555317020||nonce");

        Assert.False(DeviceIdentity.Verify(identity.PublicKeyRaw, "v2|id|cli|cli|operator|operator.admin|1795555317020||nonce", signature));
    }

    [Fact]
    public void Verify_rejects_a_signature_from_another_key()
    {
        var other = DeviceIdentity.Generate();

        Assert.False(DeviceIdentity.Verify(Rfc8032.PublicKey, "payload", other.Sign("payload")));
    }

    [Fact]
    public void Signatures_are_deterministic()
    {
        var identity = Rfc8032Identity();

        Assert.Equal(identity.Sign("same"), identity.Sign("same"));
    }
}
