using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Tests.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Requests;

/// <summary>
/// Whether approving a request grants only what the device is already entitled to under its release's rules (the
/// basis of a safe unattended approve), and the refusal when a request listed as within no longer is.
/// </summary>
public sealed class RequestEntitlementTests
{
    private static PendingDeviceRequest Request(string[] scopes, Action<JObject>? change = null) => PairingSnapshots.CliRequest(scopes, change);

    private static RequestEntitlement Judge(string[] approved, string[] requested, string release, Action<JObject>? change = null) =>
        RequestEntitlement.Judge(Request(requested, change), TestDevices.Operator(approved), TestReleases.Named(release));

    [Theory]
    [InlineData("2026.2.19", "operator.read")]
    [InlineData("2026.2.19", "operator.write")]
    [InlineData("2026.2.19", "operator.read operator.write")]
    [InlineData("2026.2.21", "operator.write")]
    [InlineData("2026.2.21", "operator.read operator.write")]
    public void ALegacyDeviceAskingForReadOrWriteIsWithin(string release, string requested)
    {
        // admin entitles every operator.* under current semantics, within the five scopes the February releases know.
        var entitlement = Judge(Scope.Legacy, Scope.List(requested), release);
        Assert.True(entitlement.IsWithin);
        Assert.Equal(EntitlementStanding.Within, entitlement.Standing);
        Assert.Empty(entitlement.BeyondScopes);
        Assert.Equal(Scope.FebruaryFive, entitlement.EntitledScopes);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.9.6")]
    public void AReadOnlyDeviceAskingForAdminIsNot(string release)
    {
        var entitlement = Judge(new[] { Scope.Read }, new[] { Scope.Admin }, release);
        Assert.False(entitlement.IsWithin);
        Assert.Equal(EntitlementStanding.BeyondEntitlement, entitlement.Standing);
        Assert.Equal(new[] { Scope.Admin }, entitlement.BeyondScopes);
    }

    [Fact]
    public void AReadOnlyDeviceAskingForWriteIsNot()
    {
        // write grants read, never the other way round.
        var entitlement = Judge(new[] { Scope.Read }, new[] { Scope.Read, Scope.Write }, "2026.2.21");
        Assert.Equal(new[] { Scope.Write }, entitlement.BeyondScopes);
    }

    [Fact]
    public void AScopeTheReleaseDoesNotKnowIsNotEntitledEvenToAnAdmin()
    {
        // 2026.2.21 knows five connect scopes; a verdict never requires talk.secrets there, so approving it is not repair.
        var entitlement = Judge(Scope.Legacy, new[] { Scope.Write, Scope.TalkSecrets }, "2026.2.21");
        Assert.Equal(EntitlementStanding.BeyondEntitlement, entitlement.Standing);
        Assert.Equal(new[] { Scope.TalkSecrets }, entitlement.BeyondScopes);
        // 2026.9.6 knows it, and admin implies it there.
        Assert.True(Judge(Scope.Legacy, new[] { Scope.Write, Scope.TalkSecrets }, "2026.9.6").IsWithin);
    }

    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.9.6")]
    public void ANewDeviceIsNeverWithin(string release)
    {
        var entitlement = RequestEntitlement.Judge(Request(new[] { Scope.Read }, j => j["isRepair"] = false), null, TestReleases.Named(release));
        Assert.False(entitlement.IsWithin);
        Assert.Equal(EntitlementStanding.NewDevice, entitlement.Standing);
        Assert.Empty(entitlement.EntitledScopes);
    }

    [Fact]
    public void ARoleUpgradeIsNeverWithinEvenWithoutScopes()
    {
        var entitlement = Judge(Scope.Legacy, Array.Empty<string>(), "2026.9.6", j =>
        {
            j["role"] = "node";
            j["roles"] = new JArray("node");
        });
        Assert.Equal(EntitlementStanding.RoleNotHeld, entitlement.Standing);
        Assert.Equal(new[] { "node" }, entitlement.RolesNotHeld);
    }

    [Fact]
    public void ARoleMergedIntoAnOperatorRequestOn2221IsARoleUpgrade()
    {
        // mergePendingDevicePairingRequest keeps the first role and unions the roles.
        var entitlement = Judge(Scope.Legacy, new[] { Scope.Write }, "2026.2.21", j => j["roles"] = new JArray("operator", "node"));
        Assert.Equal(EntitlementStanding.RoleNotHeld, entitlement.Standing);
        Assert.Equal(new[] { "node" }, entitlement.RolesNotHeld);
    }

    [Fact]
    public void ARoleWhoseTokenWasRevokedIsNotHeld()
    {
        var device = TestDevices.Operator(Scope.Legacy, tokenRevoked: true);
        var entitlement = RequestEntitlement.Judge(Request(new[] { Scope.Write }), device, TestReleases.Named("2026.2.21"));
        Assert.Equal(EntitlementStanding.RoleNotHeld, entitlement.Standing);
    }

    [Fact]
    public void TheRefusalNamesTheRequestTheDeviceAndTheScopesBeyondTheEntitlement()
    {
        var live = new PairingRequest(Request(new[] { Scope.Write, Scope.TalkSecrets }), TestDevices.Operator(Scope.Legacy), TestReleases.Named("2026.2.21"));
        var refusal = RequestEntitlement.NoLongerWithin(live, offline: false);
        Assert.NotNull(refusal);
        Assert.Equal(ErrorIds.RequestNoLongerEntitled, refusal!.ErrorId);
        Assert.Equal(OpenClawErrorKind.InvalidOperation, refusal.Kind);
        Assert.Equal("r1", refusal.Target);
        Assert.Equal(RemedyKind.ReviewRequest, refusal.Remedy!.Value.Kind);
        Assert.Equal(PairingRequest.ShortId(TestDevices.CliDeviceId), refusal.Remedy.Value.DeviceId);
        Assert.Contains("Request r1", refusal.Message);
        Assert.Contains(PairingRequest.ShortId(TestDevices.CliDeviceId), refusal.Message);
        Assert.Contains($"now asks for [{Scope.Write}, {Scope.TalkSecrets}]: [{Scope.TalkSecrets}] is beyond what its approved scopes", refusal.Message);
        Assert.Contains("nothing was approved", refusal.Message);
    }

    [Fact]
    public void NoRefusalWhileTheLiveRequestIsStillWithin()
    {
        var live = new PairingRequest(Request(new[] { Scope.Read, Scope.Write }), TestDevices.Operator(Scope.Legacy), TestReleases.Named("2026.2.21"));
        Assert.Null(RequestEntitlement.NoLongerWithin(live, offline: false));
    }

    [Fact]
    public void ARefusalOfARemovedDeviceSaysItIsNotPaired()
    {
        var live = new PairingRequest(Request(new[] { Scope.Write }), null, TestReleases.Named("2026.2.21"));
        Assert.Contains("the device is not paired", RequestEntitlement.NoLongerWithin(live, offline: false)!.Message);
    }

    [Fact]
    public void ARefusalAfterTheDeviceWasNarrowedSaysSo()
    {
        // Same scopes, but the device was narrowed to read-only between the list and the approval.
        var live = new PairingRequest(Request(new[] { Scope.Write }), TestDevices.Operator(new[] { Scope.Read }), TestReleases.Named("2026.2.21"));
        var refusal = RequestEntitlement.NoLongerWithin(live, offline: false)!;
        Assert.Contains($"[{Scope.Write}] is beyond what its approved scopes [{Scope.Read}] entitle it to on 2026.2.21", refusal.Message);
    }
}
