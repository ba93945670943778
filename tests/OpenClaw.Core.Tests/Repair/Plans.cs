using OpenClaw.Core.Devices;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>RepairPlanner.Plan with the defaults most tests share: the CLI device, role operator, signed as another device.</summary>
public static class Plans
{
    public static RepairPlan For(DevicePairingSnapshot snapshot, string release, string ownDeviceId = TestDevices.OtherDeviceId,
        string deviceId = TestDevices.CliDeviceId, string role = "operator", IReadOnlyCollection<string>? extraScopes = null,
        IReadOnlyCollection<string>? requiredOverride = null) =>
        RepairPlanner.Plan(snapshot, TestReleases.Named(release), ownDeviceId, deviceId, role,
            extraScopes ?? Array.Empty<string>(), requiredOverride);
}
