using OpenClaw.Core.Devices;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Tests.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Requests;

/// <summary>
/// What a token must hold after an approval (facts §3.3: approving re-mints it with only the request's scopes),
/// and how an approval is verified: never narrowed, the request granted, the token covering the approved set.
/// </summary>
public sealed class TokenCoverageTests
{
    private static readonly string[] LegacyPlusWrite = { Scope.Admin, Scope.Approvals, Scope.Pairing, Scope.Write };

    private static PendingDeviceRequest WriteRequest() =>
        PendingDeviceRequest.FromJson(PairingSnapshots.PendingRequest("r1", TestDevices.CliDeviceId, 1000, new[] { Scope.Write }));

    [Fact]
    public void On2219TheTargetIsExactlyTheApprovedScopesBecauseARotateThereReplacesThem()
    {
        var approved = TestDevices.Operator(LegacyPlusWrite, new[] { Scope.Write });
        Assert.Equal(LegacyPlusWrite.OrderBy(s => s, StringComparer.Ordinal),
            TokenCoverage.Target(approved, Scope.FebruaryFive, TestReleases.Named("2026.2.19")));
    }

    [Fact]
    public void On2221TheFormerTokensReadIsKeptBecauseAdminGrantsItThere()
    {
        // Q2 of MEASURED.md: the token had all five, the device only the legacy three plus what it asked for.
        var approved = TestDevices.Operator(LegacyPlusWrite, new[] { Scope.Write });
        Assert.Equal(Scope.FebruaryFive, TokenCoverage.Target(approved, Scope.FebruaryFive, TestReleases.Named("2026.2.21")));
    }

    [Fact]
    public void AFormerTokenScopeTheApprovedScopesDoNotGrantIsDropped()
    {
        var approved = TestDevices.Operator(new[] { Scope.Read, Scope.Write }, new[] { Scope.Write });
        Assert.Equal(new[] { Scope.Read, Scope.Write },
            TokenCoverage.Target(approved, new[] { Scope.Read, Scope.Admin }, TestReleases.Named("2026.9.6")));
    }

    [Fact]
    public void ANarrowedOrRevokedTokenDoesNotCover()
    {
        Assert.False(TokenCoverage.Covers(TestDevices.Operator(LegacyPlusWrite, new[] { Scope.Write }).TokenFor("operator"), LegacyPlusWrite));
        Assert.False(TokenCoverage.Covers(TestDevices.Operator(LegacyPlusWrite, tokenRevoked: true).TokenFor("operator"), LegacyPlusWrite));
        Assert.False(TokenCoverage.Covers(null, LegacyPlusWrite));
        Assert.True(TokenCoverage.Covers(TestDevices.Operator(LegacyPlusWrite).TokenFor("operator"), LegacyPlusWrite));
    }

    [Fact]
    public void AWholeApprovalHasNoShortfall()
    {
        var before = TestDevices.Operator(Scope.Legacy);
        var after = TestDevices.Operator(LegacyPlusWrite);
        Assert.Empty(TokenCoverage.Shortfall(before, WriteRequest(), after, "operator", LegacyPlusWrite, TestReleases.Named("2026.2.19")));
    }

    [Fact]
    public void TheShortfallNamesALostScopeAMissingGrantAndANarrowToken()
    {
        var before = TestDevices.Operator(Scope.Legacy);
        var after = TestDevices.Operator(new[] { Scope.Admin, Scope.Approvals }, new[] { Scope.Admin });
        var shortfall = TokenCoverage.Shortfall(before, WriteRequest(), after, "operator", LegacyPlusWrite, TestReleases.Named("2026.2.19"));
        Assert.Contains("operator.pairing (approved scopes)", shortfall);
        Assert.Contains("operator.write (approved scopes)", shortfall);
        Assert.Contains("operator.approvals (token)", shortfall);
    }

    [Fact]
    public void ARevokedTokenIsAShortfall()
    {
        var after = TestDevices.Operator(LegacyPlusWrite, tokenRevoked: true);
        Assert.Equal(new[] { "a usable operator token" },
            TokenCoverage.Shortfall(null, WriteRequest(), after, "operator", LegacyPlusWrite, TestReleases.Named("2026.2.21")));
    }
}
