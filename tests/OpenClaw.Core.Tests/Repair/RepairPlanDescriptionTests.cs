using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>
/// The plan's one-line description is what -WhatIf and -Confirm show. It never carries a token value (facts §9: the
/// module must not print tokens) and names what will be approved.
/// </summary>
public sealed class RepairPlanDescriptionTests
{
    private const string RequestId = "0f50fcc8-f963-4086-a514-0078ccf40aa4";

    public static TheoryData<string, string, string, RepairMethod> Scenarios() => new()
    {
        // release, own device, pending scopes ("" = none), expected method
        { "2026.2.19", TestDevices.OtherDeviceId, "", RepairMethod.Rotate },
        { "2026.2.21", TestDevices.OtherDeviceId, "operator.write", RepairMethod.ApproveAndRotate },
        { "2026.2.21", TestDevices.CliDeviceId, "", RepairMethod.RequestApproveAndRotate },
        { "2026.2.21", TestDevices.OtherDeviceId, "", RepairMethod.None },
        { TestReleases.DevProtocol3WithRemove, TestDevices.OtherDeviceId, "operator.read operator.write", RepairMethod.RotateOrApprove },
        { "2026.9.6", TestDevices.OtherDeviceId, "", RepairMethod.None },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void No_text_of_a_plan_contains_a_token_value_from_the_source(string release, string ownDeviceId, string pending, RepairMethod method)
    {
        var plan = Plans.For(LeakySnapshot(pending), release, ownDeviceId: ownDeviceId);

        Assert.Equal(method, plan.Method);
        Assert.DoesNotContain(PairingSnapshots.PlantedToken, plan.Description);
        Assert.DoesNotContain(PairingSnapshots.PlantedToken, plan.NotPossibleReason ?? "");
        Assert.DoesNotContain(PairingSnapshots.PlantedToken, plan.Before.Reason);
    }

    [Fact]
    public void A_state_file_record_with_its_token_value_does_not_leak_it_into_the_plan()
    {
        var record = (JObject)TestDevices.File(TestDevices.PairedLegacy)[TestDevices.CliDeviceId]!;
        record["tokens"]!["operator"]!["token"] = PairingSnapshots.PlantedToken;
        var snapshot = new DevicePairingSnapshot(new[] { PairedDevice.FromJson(record) }, Array.Empty<PendingDeviceRequest>());

        var plan = Plans.For(snapshot, "2026.2.19");

        Assert.Equal(RepairMethod.Rotate, plan.Method);
        Assert.DoesNotContain(PairingSnapshots.PlantedToken, plan.Description);
        Assert.DoesNotContain(PairingSnapshots.PlantedToken, plan.Before.Reason);
    }

    [Fact]
    public void Approve_and_rotate_names_the_request_and_what_it_asks_for()
    {
        var plan = Plans.For(LeakySnapshot("operator.write"), "2026.2.21");

        Assert.Equal(RepairMethod.ApproveAndRotate, plan.Method);
        Assert.Contains(RequestId, plan.Description);
        Assert.Contains("[operator.write]", plan.Description);
        Assert.StartsWith("add operator.", plan.Description);
        Assert.Contains(Scope.Write, plan.Description);
    }

    [Fact]
    public void Rotate_names_the_full_target_and_the_release()
    {
        var plan = Plans.For(LeakySnapshot(""), "2026.2.19");

        Assert.Contains("[operator.admin, operator.approvals, operator.pairing, operator.read, operator.write]", plan.Description);
        Assert.Contains("2026.2.19", plan.Description);
    }

    [Fact]
    public void Rotate_or_approve_names_the_request_it_may_approve()
    {
        var plan = Plans.For(LeakySnapshot("operator.read operator.write"), TestReleases.DevProtocol3WithRemove);

        Assert.Contains(RequestId, plan.Description);
    }

    [Fact]
    public void A_token_only_repair_says_it_reissues_the_token()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedAfterApprove221), "2026.2.21");

        Assert.Contains("re-issue the token", plan.Description);
    }

    [Fact]
    public void Nothing_to_change_says_so()
    {
        var plan = Plans.For(LeakySnapshot(""), "2026.9.6");

        Assert.Equal("nothing to change", plan.Description);
    }

    /// <summary>The legacy fixture as a list payload whose token summaries still carry a (planted) token value.</summary>
    private static DevicePairingSnapshot LeakySnapshot(string pendingScopes)
    {
        var pending = pendingScopes.Length == 0
            ? Array.Empty<JObject>()
            : new[] { PairingSnapshots.PendingRequest(RequestId, TestDevices.CliDeviceId, 1795555243275, Scope.List(pendingScopes)) };
        var payload = PairingSnapshots.ListPayload(TestDevices.PairedLegacy, plantTokenValues: true, morePending: pending);
        Assert.Contains(PairingSnapshots.PlantedToken, payload.ToString());
        return DevicePairingSnapshot.FromListPayload(payload);
    }
}
