using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Tests.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Requests;

/// <summary>
/// A request read with its device: new device or scope upgrade, what approving would add on the running release,
/// and the -WhatIf text, which must name every scope an approval would grant.
/// </summary>
public sealed class PairingRequestTests
{
    private static PendingDeviceRequest Request(string[] scopes, Action<JObject>? change = null) => PairingSnapshots.CliRequest(scopes, change);

    [Fact]
    public void TheFixturesRepairRequestIsAScopeUpgradeOfTheLegacyDeviceOn2219()
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy, TestDevices.PendingScopeUpgrade);
        var request = new PairingRequest(snapshot.Pending[0], snapshot.Find(snapshot.Pending[0].DeviceId), TestReleases.Named("2026.2.19"));
        Assert.True(request.IsScopeUpgrade);
        Assert.Equal(new[] { Scope.Read }, request.AddedScopes);
        Assert.Equal(Scope.Legacy, request.ApprovedScopes);
        Assert.Equal("operator", request.Role);
    }

    [Fact]
    public void AScopeTheReleaseAlreadyGrantsIsNotAnUpgrade()
    {
        // 2.21 lets admin stand for read: such a request is a repair, and approving it adds nothing.
        var request = new PairingRequest(Request(new[] { Scope.Read }), TestDevices.Operator(Scope.Legacy), TestReleases.Named("2026.2.21"));
        Assert.False(request.IsScopeUpgrade);
        Assert.Empty(request.AddedScopes);
    }

    [Fact]
    public void ANewDeviceIsNoUpgradeAndWouldGainEveryRequestedScope()
    {
        var request = new PairingRequest(Request(new[] { Scope.Write, Scope.Read }, j => j["isRepair"] = false), null, TestReleases.Named("2026.2.19"));
        Assert.False(request.IsScopeUpgrade);
        Assert.Null(request.ApprovedScopes);
        Assert.Null(request.TokenScopes);
        Assert.Equal(new[] { Scope.Read, Scope.Write }, request.AddedScopes);
    }

    [Fact]
    public void TheApprovalTextOfANewDeviceNamesItsClientAddressAndScopes()
    {
        var request = new PairingRequest(Request(new[] { Scope.Read }, j =>
        {
            j["isRepair"] = false;
            j["displayName"] = "laptop";
            j["remoteIp"] = "203.0.113.7";
        }), null, TestReleases.Named("2026.9.6"));
        Assert.Equal("pair the new device laptop (5a454ab5b746, cli/cli on linux connecting from 203.0.113.7) as operator with [operator.read]",
            request.DescribeApproval());
        Assert.Equal("deny pairing the new device laptop (5a454ab5b746) as operator with [operator.read]", request.DescribeDenial());
    }

    [Fact]
    public void TheApprovalTextOfAnUpgradeNamesWhatIsAddedToWhat()
    {
        var request = new PairingRequest(Request(new[] { Scope.Write }), TestDevices.Operator(Scope.Legacy), TestReleases.Named("2026.2.21"));
        Assert.StartsWith("add [operator.write] to the approved scopes [operator.admin, operator.approvals, operator.pairing] of cli (5a454ab5b746)",
            request.DescribeApproval());
        Assert.Equal("deny [operator.write] to cli (5a454ab5b746), role operator; it keeps [operator.admin, operator.approvals, operator.pairing]",
            request.DescribeDenial());
    }

    [Fact]
    public void TheRoleAndNameFallBackWhenTheRequestOmitsThem()
    {
        var request = new PairingRequest(Request(new[] { Scope.Read }, j =>
        {
            j.Remove("role");
            j.Remove("roles");
            j.Remove("clientId");
        }), null, TestReleases.Named("2026.2.19"));
        Assert.Equal("operator", request.Role);
        Assert.Equal("5a454ab5b746", request.Name);
    }
}
