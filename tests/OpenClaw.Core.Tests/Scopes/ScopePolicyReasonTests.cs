using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>The verdict's reason is what the user reads: it names the release and what is missing.</summary>
public sealed class ScopePolicyReasonTests
{
    [Theory]
    [InlineData("2026.2.19", "operator.read operator.write")]
    [InlineData("2026.2.21", "operator.write")]
    [InlineData(TestReleases.DevProtocol3WithRemove, "operator.read operator.write")]
    public void An_under_scoped_device_is_explained_by_release_and_missing_scopes(string release, string missing)
    {
        var gateway = TestReleases.Named(release);

        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", gateway);

        Assert.Contains(gateway.Name, verdict.Reason);
        Assert.Contains("pairing required", verdict.Reason);
        foreach (var scope in Scope.List(missing)) Assert.Contains(scope, verdict.Reason);
    }

    [Fact]
    public void On_2_21_the_reason_does_not_claim_read_is_missing()
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", TestReleases.Named("2026.2.21"));

        Assert.DoesNotContain(Scope.Read, verdict.Reason);
    }

    [Theory]
    [InlineData("2026.2.21")]
    [InlineData("2026.9.6")]
    public void A_device_under_scoped_by_its_token_is_explained_by_release_and_missing_token_scopes(string release)
    {
        var gateway = TestReleases.Named(release);
        var device = TestDevices.FromStateFile(TestDevices.PairedAfterApprove221, TestDevices.CliDeviceId);

        var verdict = ScopePolicy.Evaluate(device, "operator", gateway);

        Assert.Contains("device token mismatch", verdict.Reason);
        foreach (var scope in verdict.MissingTokenScopes) Assert.Contains(scope, verdict.Reason);
        Assert.Contains(gateway.Name, verdict.Reason);
    }

    [Theory]
    [InlineData("2026.2.22")]
    [InlineData("2026.9.6")]
    [InlineData(TestReleases.DevProtocol4)]
    public void A_compliant_device_is_explained_by_release(string release)
    {
        var gateway = TestReleases.Named(release);

        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", gateway);

        Assert.True(verdict.IsCompliant);
        Assert.Contains(gateway.Name, verdict.Reason);
    }
}
