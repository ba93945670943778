using OpenClaw.Core.Configuration;

namespace OpenClaw.Core.Tests.Configuration;

/// <summary>The digest tells credentials apart (e.g. whether two commands may share a session) without showing them.</summary>
public sealed class GatewayCredentialDigestTests
{
    [Fact]
    public void The_same_secret_gives_the_same_digest_whatever_its_source()
    {
        var fromParameter = new GatewayCredential(GatewayCredentialKind.Token, "s3cret-value", "-Token");
        var fromEnvironment = new GatewayCredential(GatewayCredentialKind.Token, "s3cret-value", "OPENCLAW_GATEWAY_TOKEN");

        Assert.Equal(fromParameter.Digest, fromEnvironment.Digest);
    }

    [Theory]
    [InlineData(GatewayCredentialKind.Token, "s3cret-valuf")]
    [InlineData(GatewayCredentialKind.Password, "s3cret-value")]
    public void Another_secret_or_kind_gives_another_digest(GatewayCredentialKind kind, string value)
    {
        var reference = new GatewayCredential(GatewayCredentialKind.Token, "s3cret-value", "-Token");

        Assert.NotEqual(reference.Digest, new GatewayCredential(kind, value, "-Token").Digest);
    }

    [Fact]
    public void The_digest_does_not_contain_the_secret()
    {
        var credential = new GatewayCredential(GatewayCredentialKind.Password, "s3cret-value", "-Password");

        Assert.DoesNotContain("s3cret", credential.Digest, StringComparison.Ordinal);
        Assert.Equal(44, credential.Digest.Length); // Base64 of 32 bytes
    }
}
