using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>
    /// The core gives the next step as data (ErrorRemedy); these are the words a user reads in
    /// ErrorDetails.RecommendedAction, with the cmdlets and parameters that carry it out.
    /// </summary>
    public sealed class RecommendedActionsTests
    {
        private const string Folder = "/srv/it's/.openclaw";
        private static readonly ModuleInternals Module = new();

        [Fact]
        public void EveryRemedyIsWorded()
        {
            foreach (var kind in Module.RemedyKinds)
            {
                Assert.False(string.IsNullOrWhiteSpace(Action(Module.Remedy(kind))), $"{kind} has no words");
            }
        }

        [Fact]
        public void AnOfflineStepReadsTheSameFolderQuotedForPowerShell()
        {
            var action = Action(Module.Remedy("CheckDevice", folder: Folder));

            Assert.Equal("Check the device with Test-OpenClawDeviceScope -Offline -StateDirectory '/srv/it''s/.openclaw';"
                         + " Update-OpenClawDeviceScope -Offline -StateDirectory '/srv/it''s/.openclaw' restores missing scopes.", action);
        }

        [Fact]
        public void AnOfflineStepWithoutAKnownFolderAsksForOne()
        {
            Assert.Contains("Get-OpenClawDevice -Offline -StateDirectory <folder>", Action(Module.Remedy("ListDevices", offline: true)));
            Assert.Equal("List the paired devices with Get-OpenClawDevice and use an id from that list.", Action(Module.Remedy("ListDevices")));
        }

        [Fact]
        public void AMissingRoleIsCheckedAmongTheDevicesRoles()
        {
            Assert.Contains("Check the device's roles with Get-OpenClawDevice -Offline",
                Action(Module.Remedy("ListDevices", offline: true), "OpenClaw.RoleNotFound"));
        }

        [Fact]
        public void ARequestThatIsGonePointsToTheCurrentOnesAndToDeviceId()
        {
            var action = Action(Module.Remedy("ListRequests"));
            Assert.Contains("Get-OpenClawDeviceRequest,", action);
            Assert.Contains("-DeviceId", action);
        }

        [Fact]
        public void ALocalJsonStoreGetsTheExactOfflineRepairWithForce()
        {
            var action = Action(Module.Remedy("RepairOffline", folder: Folder, forceWriteAllowed: true, deviceId: "dev1", release: "2026.2.21"));

            Assert.Contains("Update-OpenClawDeviceScope -Offline -StateDirectory '/srv/it''s/.openclaw' -DeviceId dev1 -Release 2026.2.21 -Force", action);
            Assert.Contains("stop the gateway first", action);
            Assert.Contains("5 minutes", action);
        }

        [Fact]
        public void ALocalSqliteStoreIsRepairedOfflineWithTheGatewayStopped()
        {
            var action = Action(Module.Remedy("RepairOffline", folder: Folder, deviceId: "dev1"));

            Assert.StartsWith("Stop the gateway and repair it offline", action);
            Assert.Contains("-DeviceId dev1.", action);
            Assert.DoesNotContain("-Force", action);
            Assert.DoesNotContain("-Release", action);
        }

        [Fact]
        public void AnOfflineRepairWithoutALocalFolderNamesBothWaysAndTheHelpTopic()
        {
            var action = Action(Module.Remedy("RepairOffline", deviceId: "dev1"));

            Assert.StartsWith("Let the device make the call that fails", action);
            Assert.Contains("Update-OpenClawDeviceScope -Offline -StateDirectory <folder>", action);
            Assert.Contains("about_OpenClaw_OfflineRepair", action);
        }

        [Fact]
        public void ARunningGatewayOffersForceOnlyWhereAGuardedWriteIsPossible()
        {
            Assert.Contains("Or add -Force", Action(Module.Remedy("StopGateway", offline: true, forceWriteAllowed: true)));
            Assert.Contains("-Force does not apply", Action(Module.Remedy("StopGateway", offline: true)));
        }

        [Fact]
        public void AChangeTheRunningGatewayMakesItselfNamesTheCommandToRunOnline()
        {
            var error = Module.Error("OpenClaw.GatewayRunning", "The gateway that owns 'x' is running (pid 1); nothing was written.", Module.Remedy("ChangeOnline", offline: true));

            var action = Module.Record(error, "Remove-OpenClawDevice").ErrorDetails.RecommendedAction;

            Assert.Contains("run Remove-OpenClawDevice without -Offline", action);
            Assert.Equal("The gateway that owns 'x' is running (pid 1). " + action, Module.AsWarning(error, "Remove-OpenClawDevice"));
        }

        [Theory]
        [InlineData("OpenClaw.DeviceTokenMismatch", "-Token or OPENCLAW_GATEWAY_TOKEN")]
        [InlineData("OpenClaw.AuthenticationFailed", "-Token, OPENCLAW_GATEWAY_TOKEN")]
        public void AGatewaySecretIsAskedForByItsParameters(string errorId, string expected)
        {
            Assert.Contains(expected, Action(Module.Remedy("GiveGatewaySecret"), errorId));
        }

        [Fact]
        public void AnActionTheCoreWordedIsKeptAsItIs()
        {
            Assert.Equal("Wait for the other run to finish.", Module.Record(Module.Error("OpenClaw.StateLocked", "locked", "Wait for the other run to finish.")).ErrorDetails.RecommendedAction);
            Assert.Null(Module.Record(Module.Error("OpenClaw.StateLocked", "locked", null)).ErrorDetails);
        }

        [Fact]
        public void AnInexactReleaseComesWithTheWayToAnExactVerdict()
        {
            Assert.Equal("the store does not record it; pass -Release for an exact verdict", Module.ReleaseEvidence("Unrecorded", "2026.2.19", "the store does not record it"));
            Assert.Equal("given with -Release", Module.ReleaseEvidence("FromUser", "2026.2.21"));
            Assert.Equal("the gateway reports version 2026.2.21", Module.ReleaseEvidence("FromVersion", "2026.2.21", "the gateway reports version 2026.2.21"));
        }

        private static string? Action(object remedy, string errorId = "OpenClaw.DeviceNotFound") =>
            Module.Record(Module.Error(errorId, "what happened", remedy)).ErrorDetails?.RecommendedAction;
    }
}
