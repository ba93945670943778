using OpenClaw.Core.Protocol;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// The release read from hello-ok (MEASURED Q1, facts §10.6): 9.6 reports its version; 2.x reports "dev", so the
/// protocol number and device.pair.remove (added in 2.19) narrow it down, and the ambiguous 2.19/2.21 case is judged
/// by the strictest rule.
/// </summary>
public sealed class GatewayReleaseDetectTests
{
    [Fact]
    public void A_reported_version_gives_the_exact_release()
    {
        var release = GatewayRelease.Detect(TestReleases.Hello(4, "2026.9.6", "device.pair.list"));

        Assert.Equal(ReleaseVersion.Parse("2026.9.6"), release.Version);
        Assert.Equal("2026.9.6", release.Name);
        Assert.Equal(ScopeCheckRule.AdminImpliesAll, release.ScopeCheck);
        Assert.Equal(Scope.SeptemberTen, release.KnownScopes.OrderBy(s => s, StringComparer.Ordinal));
        Assert.Contains("2026.9.6", release.Evidence);
    }

    [Fact]
    public void A_reported_2x_version_wins_over_the_protocol_number()
    {
        var release = GatewayRelease.Detect(TestReleases.Hello(3, "2026.2.19", "device.pair.list", "device.pair.remove"));

        Assert.Equal(ReleaseVersion.Parse("2026.2.19"), release.Version);
        Assert.Equal(ScopeCheckRule.LiteralMembership, release.ScopeCheck);
        Assert.Equal(RepairStrategy.RotateReplacesScopes, release.Repair);
    }

    /// <summary>
    /// Releases 2026.5.12-2026.8.x speak protocol 4 and report their real version; they were once taken for
    /// "2026.9 or later" (issue 13). Suffixes of republished and beta builds are part of the release.
    /// </summary>
    [Theory]
    [InlineData("2026.5.12", ScopeCheckRule.AdminImpliesAll)]
    [InlineData("2026.7.35", ScopeCheckRule.AdminImpliesAll)]
    [InlineData("2026.7.1-2", ScopeCheckRule.AdminImpliesAll)]
    [InlineData("2026.8.1", ScopeCheckRule.AdminImpliesAll)]
    [InlineData("2026.9.6-beta.3", ScopeCheckRule.AdminImpliesAll)]
    public void A_protocol_4_gateway_is_the_release_it_reports(string reported, ScopeCheckRule rule)
    {
        var release = GatewayRelease.Detect(TestReleases.Hello(4, reported, "device.pair.list", "device.pair.remove"));

        Assert.Equal(reported, release.Name);
        Assert.Equal(ReleaseVersion.Parse(reported), release.Version);
        Assert.Equal(rule, release.ScopeCheck);
        Assert.Contains(reported, release.Evidence);
    }

    /// <summary>No release before 2026.5.12 speaks protocol 4, so such a version was overridden (OPENCLAW_VERSION).</summary>
    [Fact]
    public void A_protocol_4_gateway_reporting_a_release_older_than_protocol_4_is_not_believed()
    {
        var release = GatewayRelease.Detect(TestReleases.Hello(4, "2026.2.19", "device.pair.list"));

        Assert.Null(release.Version);
        Assert.Equal("2026.5.12 or later", release.Name);
    }

    [Fact]
    public void Protocol_4_without_a_version_is_2026_5_12_or_later()
    {
        var release = TestReleases.Named(TestReleases.DevProtocol4);

        Assert.Null(release.Version);
        Assert.Equal("2026.5.12 or later", release.Name);
        Assert.Equal(ScopeCheckRule.AdminImpliesAll, release.ScopeCheck);
        Assert.Equal(RepairStrategy.ApproveThenRotate, release.Repair);
        Assert.Equal(Scope.SeptemberTen, release.KnownScopes.OrderBy(s => s, StringComparer.Ordinal));
    }

    /// <summary>9.6 started with OPENCLAW_VERSION=9.9.9-… reports that string (MEASURED Q1), which is no version.</summary>
    [Fact]
    public void Protocol_4_without_a_version_still_needs_admin_for_cross_device_changes()
    {
        var release = GatewayRelease.Detect(TestReleases.Hello(4, "9.9.9-from-OPENCLAW_VERSION", "device.pair.list"));

        Assert.True(release.CrossDeviceChangesNeedAdmin);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData(null)]
    public void Protocol_3_without_device_pair_remove_is_2_17_or_earlier(string? serverVersion)
    {
        var release = GatewayRelease.Detect(TestReleases.Hello(3, serverVersion, "device.pair.list", "device.token.rotate"));

        Assert.Null(release.Version);
        Assert.Contains("2026.2.17", release.Name);
        Assert.Equal(ScopeCheckRule.LiteralMembership, release.ScopeCheck);
        Assert.Equal(RepairStrategy.RotateReplacesScopes, release.Repair);
        Assert.Equal(Scope.FebruaryFive, release.KnownScopes.OrderBy(s => s, StringComparer.Ordinal));
        Assert.False(release.CrossDeviceChangesNeedAdmin);
    }

    [Fact]
    public void Protocol_3_with_device_pair_remove_is_judged_by_the_strictest_2x_rule()
    {
        var release = TestReleases.Named(TestReleases.DevProtocol3WithRemove);

        Assert.Null(release.Version);
        Assert.Contains("2026.2.19", release.Name);
        Assert.Equal(ScopeCheckRule.LiteralMembership, release.ScopeCheck);
        Assert.Equal(RepairStrategy.RotateThenApprove, release.Repair);
        Assert.Equal(Scope.FebruaryFive, release.KnownScopes.OrderBy(s => s, StringComparer.Ordinal));
        Assert.Contains("strictest rule", release.Evidence);
    }

    [Theory]
    [InlineData(Fixtures.Frames2219, RepairStrategy.RotateThenApprove, ScopeCheckRule.LiteralMembership)]
    [InlineData(Fixtures.Frames96Hello, RepairStrategy.ApproveThenRotate, ScopeCheckRule.AdminImpliesAll)]
    public void The_recorded_hellos_are_detected_as_measured(string fixture, RepairStrategy repair, ScopeCheckRule rule)
    {
        var release = GatewayRelease.Detect(HelloOk.Parse(Fixtures.HelloOkPayload(fixture)));

        Assert.Equal(repair, release.Repair);
        Assert.Equal(rule, release.ScopeCheck);
    }
}
