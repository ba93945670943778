using OpenClaw.Core.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>
/// The repair method follows the release (facts §3.2, §9): up to 2.19 a rotate with the full union sets the device's
/// scopes; from 2.21 a rotate cannot widen them; an unidentified 2.x gets rotate-or-approve.
/// </summary>
public sealed class RepairPlannerMethodByReleaseTests
{
    [Theory]
    [InlineData("2026.2.12")]
    [InlineData("2026.2.17")]
    [InlineData("2026.2.19")]
    [InlineData(TestReleases.DevProtocol3)]
    public void Up_to_2_19_a_legacy_device_is_repaired_by_a_rotate_with_the_sorted_five(string release)
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy, TestDevices.PendingScopeUpgrade);

        var plan = Plans.For(snapshot, release);

        Assert.Equal(RepairMethod.Rotate, plan.Method);
        Assert.Equal(Scope.FebruaryFive, plan.TargetScopes);
        Assert.True(plan.IsPossible);
        Assert.True(plan.NeedsChange);
        Assert.Null(plan.RequestToApprove);
        Assert.Equal(TestDevices.CliDeviceId, plan.DeviceId);
        Assert.Equal("operator", plan.Role);
    }

    [Fact]
    public void On_an_unidentified_2x_release_a_legacy_device_gets_rotate_or_approve()
    {
        var snapshot = PairingSnapshots.Snapshot(TestDevices.PairedLegacy);

        var plan = Plans.For(snapshot, TestReleases.DevProtocol3WithRemove);

        Assert.Equal(RepairMethod.RotateOrApprove, plan.Method);
        Assert.Equal(Scope.FebruaryFive, plan.TargetScopes);
        Assert.True(plan.IsPossible);
    }

    [Theory]
    [InlineData("2026.2.22")]
    [InlineData("2026.4.23")]
    [InlineData("2026.9.6")]
    [InlineData(TestReleases.DevProtocol4)]
    public void From_2_22_a_legacy_device_needs_nothing(string release)
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedLegacy, TestDevices.PendingScopeUpgrade), release);

        Assert.Equal(RepairMethod.None, plan.Method);
        Assert.True(plan.IsPossible);
        Assert.False(plan.NeedsChange);
        Assert.Null(plan.RequestToApprove);
    }

    [Theory]
    [InlineData(TestDevices.CliDeviceId, "2026.2.19")]
    [InlineData(TestDevices.OtherDeviceId, "2026.2.19")]
    [InlineData(TestDevices.CliDeviceId, "2026.2.21")]
    [InlineData(TestDevices.CliDeviceId, TestReleases.DevProtocol3WithRemove)]
    public void A_compliant_device_needs_no_change(string deviceId, string release)
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedAfterRotate219), release, deviceId: deviceId);

        Assert.Equal(RepairMethod.None, plan.Method);
        Assert.True(plan.IsPossible);
        Assert.Null(plan.NotPossibleReason);
        Assert.Equal(Scope.FebruaryFive, plan.TargetScopes);
    }

    [Fact]
    public void On_2_21_a_device_short_only_in_its_token_is_repaired_by_a_rotate_back_to_the_full_set()
    {
        var plan = Plans.For(PairingSnapshots.Snapshot(TestDevices.PairedAfterApprove221), "2026.2.21");

        Assert.Equal(RepairMethod.Rotate, plan.Method);
        Assert.Equal(Scope.FebruaryFive, plan.TargetScopes);
        Assert.True(plan.IsPossible);
    }
}
