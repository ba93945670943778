using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// The heart of the module: one device, many releases (facts §2 per-version table and §9). Under-scoped depends on
/// the release: the legacy set needs read and write on 2.19, write on 2.21 and nothing from 2.22 on.
/// </summary>
public sealed class ScopePolicyReleaseTableTests
{
    [Theory]
    [InlineData("2026.2.12", "operator.read operator.write")]
    [InlineData("2026.2.17", "operator.read operator.write")]
    [InlineData("2026.2.19", "operator.read operator.write")]
    [InlineData(TestReleases.DevProtocol3, "operator.read operator.write")]
    [InlineData(TestReleases.DevProtocol3WithRemove, "operator.read operator.write")]
    [InlineData("2026.2.21", "operator.write")]
    [InlineData("2026.2.22", "")]
    [InlineData("2026.2.22-1", "")]
    [InlineData("2026.4.23", "")]
    [InlineData("2026.8.1", "")]
    [InlineData("2026.9.6", "")]
    [InlineData(TestReleases.DevProtocol4, "")]
    public void A_legacy_admin_device_misses_exactly_what_the_release_does_not_imply_from_admin(string release, string missing)
    {
        var device = TestDevices.Operator(Scope.Legacy);

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named(release));

        Assert.Equal(Scope.List(missing), verdict.MissingApprovedScopes);
        Assert.Equal(Scope.List(missing), verdict.MissingTokenScopes);
        Assert.Equal(missing.Length == 0, verdict.IsCompliant);
        Assert.Equal(Scope.Legacy, verdict.ApprovedScopes);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.2.22")]
    [InlineData("2026.7.35")]
    public void Before_8_1_a_legacy_admin_device_is_entitled_to_the_five_february_scopes(string release)
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", TestReleases.Named(release));

        Assert.Equal(Scope.FebruaryFive, verdict.RequiredScopes);
    }

    [Theory]
    [InlineData("2026.8.1")]
    [InlineData("2026.9.5")]
    public void From_8_1_to_9_5_a_legacy_admin_device_is_entitled_to_the_eight_known_scopes_and_admin_grants_them_all(string release)
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", TestReleases.Named(release));

        Assert.Equal(Scope.AugustEight, verdict.RequiredScopes);
        Assert.True(verdict.IsCompliant);
    }

    [Fact]
    public void On_9_6_a_legacy_admin_device_is_entitled_to_the_ten_known_scopes_and_admin_grants_them_all()
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", TestReleases.Named("2026.9.6"));

        Assert.Equal(Scope.SeptemberTen, verdict.RequiredScopes);
        Assert.True(verdict.IsCompliant);
    }

    [Theory]
    [MemberData(nameof(AllReleases))]
    public void A_read_only_device_is_compliant_everywhere_and_never_told_to_gain_write_or_admin(string release)
    {
        var device = TestDevices.Operator(new[] { Scope.Read });

        var verdict = ScopePolicy.Evaluate(device, "operator", TestReleases.Named(release));

        Assert.True(verdict.IsCompliant, verdict.Reason);
        Assert.Contains(Scope.Read, verdict.RequiredScopes);
        Assert.DoesNotContain(Scope.Write, verdict.RequiredScopes);
        Assert.DoesNotContain(Scope.Admin, verdict.RequiredScopes);
        Assert.Equal(new[] { Scope.Read }, verdict.TargetScopes);
    }

    [Theory]
    [InlineData("2026.2.19", "operator.read")]
    [InlineData("2026.9.6", "operator.read operator.sessions.read")]
    public void A_read_only_device_requires_read_and_on_9_6_the_sessions_read_it_implies(string release, string required)
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(new[] { Scope.Read }), "operator", TestReleases.Named(release));

        Assert.Equal(Scope.List(required), verdict.RequiredScopes);
    }

    [Theory]
    [InlineData("2026.2.17", "operator.read")]
    [InlineData("2026.2.19", "operator.read")]
    [InlineData(TestReleases.DevProtocol3WithRemove, "operator.read")]
    [InlineData("2026.2.21", "")]
    [InlineData("2026.2.22", "")]
    [InlineData("2026.9.6", "")]
    [InlineData(TestReleases.DevProtocol4, "")]
    public void A_write_only_device_misses_read_only_where_write_does_not_imply_it(string release, string missing)
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(new[] { Scope.Write }), "operator", TestReleases.Named(release));

        Assert.Equal(Scope.List(missing), verdict.MissingApprovedScopes);
        Assert.Equal(missing.Length == 0, verdict.IsCompliant);
        Assert.DoesNotContain(Scope.Admin, verdict.RequiredScopes);
    }

    [Theory]
    [InlineData("2026.2.19", "operator.read operator.write")]
    [InlineData("2026.9.6", "operator.read operator.sessions.read operator.sessions.write operator.talk operator.write")]
    public void A_write_only_device_is_entitled_to_what_write_implies_among_the_known_scopes(string release, string required)
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(new[] { Scope.Write }), "operator", TestReleases.Named(release));

        Assert.Equal(Scope.List(required), verdict.RequiredScopes);
    }

    public static TheoryData<string> AllReleases() => TestReleases.AllAsTheoryData();
}
