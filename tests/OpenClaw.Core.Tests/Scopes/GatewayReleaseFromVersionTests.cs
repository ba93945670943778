using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// The rules an exact release implies (facts §2, §3.2, §3.8, §11.1.1): literal membership up to 2.19, read implied
/// by write or admin on 2.21, admin implies every operator.* from 2.22; rotate replaces device scopes up to 2.19.
/// </summary>
public sealed class GatewayReleaseFromVersionTests
{
    [Theory]
    [InlineData("2026.2.12", ScopeCheckRule.LiteralMembership, RepairStrategy.RotateReplacesScopes)]
    [InlineData("2026.2.17", ScopeCheckRule.LiteralMembership, RepairStrategy.RotateReplacesScopes)]
    [InlineData("2026.2.19", ScopeCheckRule.LiteralMembership, RepairStrategy.RotateReplacesScopes)]
    [InlineData("2026.2.21", ScopeCheckRule.ReadImpliedByWriteOrAdmin, RepairStrategy.ApproveThenRotate)]
    [InlineData("2026.2.21-2", ScopeCheckRule.ReadImpliedByWriteOrAdmin, RepairStrategy.ApproveThenRotate)]
    [InlineData("2026.2.22", ScopeCheckRule.AdminImpliesAll, RepairStrategy.ApproveThenRotate)]
    [InlineData("2026.2.22-1", ScopeCheckRule.AdminImpliesAll, RepairStrategy.ApproveThenRotate)]
    [InlineData("2026.4.23", ScopeCheckRule.AdminImpliesAll, RepairStrategy.ApproveThenRotate)]
    [InlineData("2026.8.1", ScopeCheckRule.AdminImpliesAll, RepairStrategy.ApproveThenRotate)]
    [InlineData("2026.9.6", ScopeCheckRule.AdminImpliesAll, RepairStrategy.ApproveThenRotate)]
    public void The_scope_rule_and_repair_strategy_follow_the_release(string version, ScopeCheckRule rule, RepairStrategy repair)
    {
        var release = TestReleases.Named(version);

        Assert.Equal(rule, release.ScopeCheck);
        Assert.Equal(repair, release.Repair);
    }

    [Theory]
    [InlineData("2026.2.12")]
    [InlineData("2026.2.17")]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.2.22")]
    [InlineData("2026.4.23")]
    [InlineData("2026.7.35")]
    public void Releases_before_2026_8_1_know_the_five_february_scopes(string version)
    {
        Assert.Equal(Scope.FebruaryFive, TestReleases.Named(version).KnownScopes.OrderBy(s => s, StringComparer.Ordinal));
    }

    /// <summary>operator.questions and operator.talk arrived in 2026.8.1 (docs/release-matrix.md, Part 1 §3).</summary>
    [Theory]
    [InlineData("2026.8.1")]
    [InlineData("2026.9.1")]
    [InlineData("2026.9.5")]
    public void Releases_from_2026_8_1_to_2026_9_5_know_eight_scopes(string version)
    {
        Assert.Equal(Scope.AugustEight, TestReleases.Named(version).KnownScopes.OrderBy(s => s, StringComparer.Ordinal));
    }

    /// <summary>operator.sessions.read and .write arrived in 2026.9.6.</summary>
    [Theory]
    [InlineData("2026.9.6")]
    [InlineData("2026.9.6-1")]
    public void Releases_from_2026_9_6_know_the_ten_september_scopes(string version)
    {
        Assert.Equal(Scope.SeptemberTen, TestReleases.Named(version).KnownScopes.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2026.2.19", false)]
    [InlineData("2026.2.21", false)]
    [InlineData("2026.2.22", false)]
    [InlineData("2026.3.7", false)]
    [InlineData("2026.4.5", true)]
    [InlineData("2026.8.1", true)]
    [InlineData("2026.9.6", true)]
    public void Cross_device_changes_need_admin_from_2026_4_5(string version, bool needsAdmin)
    {
        Assert.Equal(needsAdmin, TestReleases.Named(version).CrossDeviceChangesNeedAdmin);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.22-1")]
    [InlineData("v2026.9.6")]
    public void An_exact_release_carries_its_version_and_is_named_after_it(string text)
    {
        var version = ReleaseVersion.Parse(text);

        var release = GatewayRelease.FromVersion(version, "because the test says so");

        Assert.Equal(version, release.Version);
        Assert.Equal(version.ToString(), release.Name);
        Assert.Equal(release.Name, release.ToString());
        Assert.Equal("because the test says so", release.Evidence);
    }

    [Fact]
    public void A_user_given_release_is_judged_like_the_same_detected_one()
    {
        var release = GatewayRelease.FromUser("2026.2.21");

        Assert.Equal(ScopeCheckRule.ReadImpliedByWriteOrAdmin, release.ScopeCheck);
        Assert.Equal(RepairStrategy.ApproveThenRotate, release.Repair);
        Assert.Equal(GatewayRelease.GivenByUser, release.Evidence);
    }

    [Fact]
    public void A_user_given_release_that_is_not_a_version_is_refused()
    {
        Assert.Throws<FormatException>(() => GatewayRelease.FromUser("dev"));
    }
}
