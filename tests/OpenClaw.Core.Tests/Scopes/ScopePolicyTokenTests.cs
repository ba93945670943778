using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// The role token is judged apart from the approved scopes (facts §1.6): it only matters to a client that
/// authenticates with its device token, and 2.21's approve narrows it to the request (§3.2, §3.3).
/// </summary>
public sealed class ScopePolicyTokenTests
{
    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.9.6")]
    public void After_a_2_21_approve_the_device_is_under_scoped_by_its_narrowed_token_only(string release)
    {
        var device = TestDevices.FromStateFile(TestDevices.PairedAfterApprove221, TestDevices.CliDeviceId);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named(release));

        Assert.False(verdict.IsCompliant);
        Assert.Empty(verdict.MissingApprovedScopes);
        Assert.Equal(new[] { Scope.Read, Scope.Write }, verdict.TokenScopes);
        Assert.Contains(Scope.Admin, verdict.MissingTokenScopes);
        Assert.Contains(Scope.Approvals, verdict.MissingTokenScopes);
        Assert.Contains(Scope.Pairing, verdict.MissingTokenScopes);
        Assert.DoesNotContain(Scope.Read, verdict.MissingTokenScopes);
        Assert.DoesNotContain(Scope.Write, verdict.MissingTokenScopes);
    }

    [Fact]
    public void After_a_2_21_approve_the_token_misses_exactly_admin_approvals_and_pairing_on_2_21()
    {
        var device = TestDevices.FromStateFile(TestDevices.PairedAfterApprove221, TestDevices.CliDeviceId);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named("2026.2.21"));

        Assert.Equal(Scope.Legacy, verdict.MissingTokenScopes);
        Assert.Equal(Scope.FebruaryFive, verdict.TargetScopes);
    }

    [Theory]
    [InlineData("5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6", "2026.2.19")]
    [InlineData("c13a00a1ae3862e25de79c107cf71608e1a20ce8c0306d493dfe332e3298b7c7", "2026.2.19")]
    [InlineData("f071922b77a9bf604d91dd492c46ec4c27c55dcc4e2f4b318a35a37c381fcfbd", "2026.2.19")]
    [InlineData("5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6", "2026.2.21")]
    [InlineData("5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6", "2026.9.6")]
    [InlineData("5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6", TestReleases.DevProtocol3WithRemove)]
    public void After_the_five_scope_rotate_on_2_19_every_device_is_compliant(string deviceId, string release)
    {
        var device = TestDevices.FromStateFile(TestDevices.PairedAfterRotate219, deviceId);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named(release));

        Assert.True(verdict.IsCompliant, verdict.Reason);
        Assert.Empty(verdict.MissingApprovedScopes);
        Assert.Empty(verdict.MissingTokenScopes);
    }

    [Fact]
    public void A_token_that_lacks_a_scope_the_approved_set_grants_is_reported_on_its_own()
    {
        var device = TestDevices.Operator(Scope.FebruaryFive, tokenScopes: Scope.Legacy);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named("2026.2.19"));

        Assert.Empty(verdict.MissingApprovedScopes);
        Assert.Equal(new[] { Scope.Read, Scope.Write }, verdict.MissingTokenScopes);
        Assert.False(verdict.IsCompliant);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.9.6")]
    public void A_revoked_token_is_flagged_and_its_scopes_are_not_judged(string release)
    {
        var device = TestDevices.Operator(Scope.FebruaryFive, tokenScopes: new[] { Scope.Pairing }, tokenRevoked: true);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named(release));

        Assert.True(verdict.TokenRevoked);
        Assert.Empty(verdict.MissingTokenScopes);
        Assert.Empty(verdict.MissingApprovedScopes);
        Assert.Contains("revoked", verdict.Reason);
    }

    [Fact]
    public void A_revoked_token_does_not_hide_missing_approved_scopes()
    {
        var device = TestDevices.Operator(Scope.Legacy, tokenRevoked: true);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named("2026.2.19"));

        Assert.True(verdict.TokenRevoked);
        Assert.Empty(verdict.MissingTokenScopes);
        Assert.Equal(new[] { Scope.Read, Scope.Write }, verdict.MissingApprovedScopes);
        Assert.False(verdict.IsCompliant);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.9.6")]
    public void A_device_without_a_token_for_the_role_is_judged_by_its_approved_scopes_alone(string release)
    {
        var device = TestDevices.WithoutToken(Scope.FebruaryFive);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named(release));

        Assert.Null(verdict.TokenScopes);
        Assert.False(verdict.TokenRevoked);
        Assert.Empty(verdict.MissingTokenScopes);
        Assert.True(verdict.IsCompliant);
        Assert.Contains("no token", verdict.Reason);
    }

    [Fact]
    public void A_token_of_another_role_is_not_the_operator_token()
    {
        var device = PairedDevice.FromJson(TestDevices.ListEntry(TestDevices.CliDeviceId, Scope.FebruaryFive,
            tokenScopes: Array.Empty<string>(), tokenRole: "node"));

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named("2026.2.19"));

        Assert.Null(verdict.TokenScopes);
        Assert.Empty(verdict.MissingTokenScopes);
    }

    [Fact]
    public void The_state_file_shape_and_the_list_shape_give_the_same_verdict()
    {
        var record = (JObject)TestDevices.File(TestDevices.PairedLegacy)[TestDevices.CliDeviceId]!;
        var fromStateFile = PairedDevice.FromJson(record);
        var fromList = TestDevices.Operator(Scope.Legacy);
        var release = TestReleases.Named("2026.2.19");

        var a = ScopePolicy.Evaluate(fromStateFile, "operator", release);
        var b = ScopePolicy.Evaluate(fromList, "operator", release);

        Assert.Equal(b.TokenScopes, a.TokenScopes);
        Assert.Equal(b.MissingApprovedScopes, a.MissingApprovedScopes);
        Assert.Equal(b.MissingTokenScopes, a.MissingTokenScopes);
    }
}
