using System.Management.Automation;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Revoke-OpenClawDeviceToken, Remove-OpenClawDevice and Rename-OpenClawDevice against real gateways: what the
    /// gateway does afterwards (a revoked token is refused, a removed device pairs again silently, a new name is
    /// listed), that -WhatIf leaves the state files byte for byte, and every error id on the way.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class DeviceLifecycleTests
    {
        private readonly ITestOutputHelper _log;

        public DeviceLifecycleTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.19")]
        public void RevokedTokensAreRefusedAndReportedAsRevoked()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            var phone = gateway.Device("phone", "cli", "cli", "operator.read");
            var tablet = gateway.Device("tablet", "cli", "cli", "operator.read");
            Assert.True(phone.Ok && tablet.Ok, $"{phone} / {tablet}");
            var phoneToken = (string)gateway.PairedJson()[phone.DeviceId!]!["tokens"]!["operator"]!["token"]!;
            Assert.True(ConnectWithDeviceToken(gateway, "phone", phoneToken, "operator.read").Ok);

            using var shell = new ModuleShell(gateway);
            var own = OwnDeviceId(shell); // the module's first connect pairs its own device: before the snapshot
            var before = gateway.StateFiles();
            var whatIf = shell.Run($"Revoke-OpenClawDeviceToken @c -DeviceId {Short(phone)} -WhatIf");
            whatIf.ThrowIfFailed();
            Assert.Contains("What if: Performing the operation \"Revoke the operator device token\" on target \"phone (" + Short(phone) + "), role operator", whatIf.HostText);
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());

            // One unknown id in the batch is reported and the rest goes on; the records come from a list read afterwards.
            var revoke = shell.Run($"'{Short(phone)}', 'feedfacecafe' | ForEach-Object {{ [pscustomobject]@{{ DeviceId = $_ }} }} | Revoke-OpenClawDeviceToken @c -Confirm:$false -PassThru");
            Assert.Equal(new[] { "OpenClaw.DeviceNotFound" }, revoke.ErrorIds.ToArray());
            Assert.Equal("feedfacecafe", revoke.Errors[0].TargetObject);
            var record = Assert.Single(revoke.Output);
            Assert.Equal("OpenClaw.PowerShell.DeviceTokenRevocation", record.BaseObject.GetType().FullName);
            Assert.Equal("Revoked", record.Properties["Status"].Value);
            Assert.Equal(true, record.Properties["Verified"].Value);
            Assert.NotNull(record.Properties["RevokedAt"].Value);
            Assert.DoesNotContain(phoneToken, revoke.AllText);

            var refused = ConnectWithDeviceToken(gateway, "phone", phoneToken, "operator.read");
            _log.WriteLine("after revoke: " + refused);
            Assert.False(refused.Ok);
            Assert.Contains("device token mismatch", refused.Message);
            var report = shell.Run($"Test-OpenClawDeviceScope @c -DeviceId {phone.DeviceId}");
            report.ThrowIfFailed();
            Assert.Equal(true, Assert.Single(report.Output).Properties["TokenRevoked"].Value);

            // Revoking again sends nothing; a role the device has no token for and the module's own device are refused.
            before = gateway.StateFiles();
            var again = shell.Run($"Revoke-OpenClawDeviceToken @c -DeviceId {phone.DeviceId} -Confirm:$false -PassThru");
            again.ThrowIfFailed();
            Assert.Equal("AlreadyRevoked", Assert.Single(again.Output).Properties["Status"].Value);
            var node = shell.Run($"Revoke-OpenClawDeviceToken @c -DeviceId {tablet.DeviceId} -Role node -Confirm:$false");
            Assert.Equal(new[] { "OpenClaw.RoleNotFound" }, node.ErrorIds.ToArray());
            var self = shell.Run($"Get-OpenClawDevice @c -DeviceId {own} | Revoke-OpenClawDeviceToken @c -Confirm:$false");
            Assert.Equal(new[] { "OpenClaw.CurrentIdentityProtected" }, self.ErrorIds.ToArray());
            Assert.Contains("the module would lose access", self.Errors[0].Exception.Message);
            Assert.Contains("-Force", self.Errors[0].ErrorDetails.RecommendedAction);
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());
        }

        [GatewayFact("2026.2.19")]
        public void RemovalRejectsTheLeftoverRequestSoTheDeviceCanPairAgainSilently()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            Assert.Equal(0, gateway.Cli("2026.2.19", "devices", "list", "--json").ExitCode); // the module acts as the CLI device
            Assert.True(gateway.Device("tablet", "cli", "cli", "operator.read").Ok);
            Assert.True(gateway.Device("control", "cli", "cli", "operator.read").Ok);
            // A scope upgrade files a non-silent repair request, which device.pair.remove leaves behind.
            var leftover = gateway.Device("tablet", "cli", "cli", "operator.write");
            var controlLeftover = gateway.Device("control", "cli", "cli", "operator.write");
            Assert.Equal("NOT_PAIRED", leftover.Code);
            Assert.NotNull(leftover.RequestId);

            // Control: removed without rejecting its request (the openclaw CLI), a device is not paired again.
            Assert.Equal(0, gateway.Cli("2026.2.19", "devices", "remove", controlLeftover.DeviceId!).ExitCode);
            var blocked = gateway.Device("control", "cli", "cli", "operator.read");
            Assert.Equal("NOT_PAIRED", blocked.Code);
            Assert.Equal(controlLeftover.RequestId, blocked.RequestId);

            using var shell = new ModuleShell(gateway);
            var before = gateway.StateFiles();
            var whatIf = shell.Run($"Get-OpenClawDevice @c -DeviceId {leftover.DeviceId} | Remove-OpenClawDevice @c -WhatIf");
            whatIf.ThrowIfFailed();
            Assert.Contains("Remove the device and reject its 1 pending request", whatIf.HostText);
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());

            var remove = shell.Run($"Get-OpenClawDevice @c -DeviceId {leftover.DeviceId} | Remove-OpenClawDevice @c -Confirm:$false -PassThru");
            remove.ThrowIfFailed();
            var record = Assert.Single(remove.Output);
            Assert.Equal("OpenClaw.PowerShell.DeviceRemoval", record.BaseObject.GetType().FullName);
            Assert.Equal("Removed", record.Properties["Status"].Value);
            Assert.Equal(true, record.Properties["Verified"].Value);
            Assert.Equal(new[] { leftover.RequestId }, (string[])record.Properties["RejectedRequests"].Value);
            Assert.Null(gateway.PairedJson()[leftover.DeviceId!]);
            Assert.Null(gateway.PendingJson()[leftover.RequestId!]);

            Assert.True(gateway.Device("tablet", "cli", "cli", "operator.read").Ok, "the removed device pairs again silently");
            Assert.NotNull(gateway.PairedJson()[leftover.DeviceId!]);

            // Unknown ids are reported and the batch goes on; the CLI's own device is refused without -Force.
            var cli = OwnDeviceId(shell);
            var mixed = shell.Run($"Remove-OpenClawDevice @c -DeviceId feedfacecafe, {cli}, {leftover.DeviceId} -Confirm:$false -PassThru");
            Assert.Equal(new[] { "OpenClaw.DeviceNotFound", "OpenClaw.CurrentIdentityProtected" }, mixed.ErrorIds.ToArray());
            Assert.Contains("the CLI would lose access too", mixed.Errors[1].Exception.Message);
            Assert.Equal("Removed", Assert.Single(mixed.Output).Properties["Status"].Value);
            Assert.NotNull(gateway.PairedJson()[cli]);

            var forced = shell.Run($"Remove-OpenClawDevice @c -DeviceId {cli} -Force -Confirm:$false -PassThru");
            forced.ThrowIfFailed();
            Assert.Equal(true, Assert.Single(forced.Output).Properties["IsCurrentIdentity"].Value);
            Assert.Null(gateway.PairedJson()[cli]);
        }

        [GatewayFact("2026.2.17")]
        public void RemoveAndRenameNeedReleasesThatOfferThem()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            var kiosk = gateway.Device("kiosk", "cli", "cli", "operator.read");
            Assert.True(kiosk.Ok, kiosk.ToString());
            using var shell = new ModuleShell(gateway);
            OwnDeviceId(shell); // pairs the module's own device before the snapshot
            var before = gateway.StateFiles();

            var remove = Terminating(shell, $"Remove-OpenClawDevice @c -DeviceId {kiosk.DeviceId} -Confirm:$false");
            Assert.Equal("OpenClaw.NotSupportedByRelease", remove.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("device.pair.remove is not supported by this gateway release", remove.Exception.Message);
            Assert.Contains("needs 2026.2.19 or later", remove.Exception.Message);
            var rename = Terminating(shell, $"Rename-OpenClawDevice @c -DeviceId {kiosk.DeviceId} -NewName Kiosk");
            Assert.Equal("OpenClaw.NotSupportedByRelease", rename.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("needs 2026.8.1 or later", rename.Exception.Message);
            Assert.Equal(ErrorCategory.NotImplemented, rename.CategoryInfo.Category);
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());
        }

        [GatewayFact("2026.9.6")]
        public void RenameOn2026096ListsTheNewNameAndRevokeAndRemoveWorkThere()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.9.6");
            var kiosk = gateway.Device("kiosk", "cli", "cli", "operator.read");
            var spare = gateway.Device("spare", "cli", "cli", "operator.read");
            Assert.True(kiosk.Ok && spare.Ok, $"{kiosk} / {spare}");
            using var shell = new ModuleShell(gateway);

            var whatIf = shell.Run($"Rename-OpenClawDevice @c {Short(kiosk)} 'Front desk' -WhatIf; (Get-OpenClawDevice @c -DeviceId {kiosk.DeviceId}).DisplayName");
            whatIf.ThrowIfFailed();
            Assert.Contains("Rename to 'Front desk'", whatIf.HostText);
            Assert.Equal("kiosk", Assert.Single(whatIf.Output).BaseObject);

            var rename = shell.Run($"Rename-OpenClawDevice @c -DeviceId {Short(kiosk)} -NewName 'Front desk' -PassThru");
            rename.ThrowIfFailed();
            var renamed = Assert.Single(rename.Output);
            Assert.Equal("OpenClaw.PowerShell.OpenClawDevice", renamed.BaseObject.GetType().FullName);
            Assert.Equal("Front desk", renamed.Properties["DisplayName"].Value);
            Assert.Equal("Front desk", renamed.Properties["Name"].Value);
            var listed = shell.Run("Get-OpenClawDevice @c -Name 'Front desk'");
            listed.ThrowIfFailed();
            Assert.Equal(kiosk.DeviceId, Assert.Single(listed.Output).Properties["DeviceId"].Value);
            Assert.Equal(new[] { "'Front desk'" }, CompletionTests.Complete(shell, "Get-OpenClawDevice -Name Fro"));

            var tooLong = shell.Run($"Rename-OpenClawDevice @c -DeviceId {kiosk.DeviceId} -NewName ('x' * 65)");
            Assert.Equal(new[] { "ParameterArgumentValidationError" }, tooLong.ErrorIds.ToArray());
            Assert.Contains("64", tooLong.Errors[0].Exception.Message);
            var blank = shell.Run($"Rename-OpenClawDevice @c -DeviceId {kiosk.DeviceId} -NewName '   '");
            Assert.Equal(new[] { "OpenClaw.InvalidDeviceName" }, blank.ErrorIds.ToArray());
            var unknown = shell.Run("Rename-OpenClawDevice @c -DeviceId feedfacecafe -NewName Nobody");
            Assert.Equal(new[] { "OpenClaw.DeviceNotFound" }, unknown.ErrorIds.ToArray());
            Assert.Equal("Front desk", (string)shell.Run($"(Get-OpenClawDevice @c -DeviceId {kiosk.DeviceId}).DisplayName").Output.Single().BaseObject);

            // 2026.9 lets only admin callers change other devices: the module widens its connection for these.
            var revoke = shell.Run($"Revoke-OpenClawDeviceToken @c -DeviceId {spare.DeviceId} -Confirm:$false -PassThru");
            revoke.ThrowIfFailed();
            Assert.Equal(true, Assert.Single(revoke.Output).Properties["Verified"].Value);
            var remove = shell.Run($"Get-OpenClawDevice @c -Name 'Front desk' | Remove-OpenClawDevice @c -Confirm:$false -PassThru");
            remove.ThrowIfFailed();
            Assert.Equal(true, Assert.Single(remove.Output).Properties["Verified"].Value);
            var left = shell.Run("Get-OpenClawDevice @c");
            left.ThrowIfFailed();
            Assert.DoesNotContain(left.Output, d => (string)d.Properties["DeviceId"].Value == kiosk.DeviceId);
        }

        [GatewayFact("2026.2.19")]
        public void InactiveForListsDevicesNotUsedWithinTheSpanAndFeedsRemove()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            var idle = gateway.Device("idle", "cli", "cli", "operator.read");
            var busy = gateway.Device("busy", "cli", "cli", "operator.read");
            Assert.True(idle.Ok && busy.Ok, $"{idle} / {busy}");
            var busyToken = (string)gateway.PairedJson()[busy.DeviceId!]!["tokens"]!["operator"]!["token"]!;
            using var shell = new ModuleShell(gateway);
            var own = OwnDeviceId(shell);
            Thread.Sleep(TimeSpan.FromSeconds(3));

            foreach (var span in new[] { "2s", "'00:00:02'", "([TimeSpan]::FromSeconds(2))" })
            {
                // 2026.2.x records use only for device-token sign-ins, so "busy" uses its token right before each look.
                Assert.True(ConnectWithDeviceToken(gateway, "busy", busyToken, "operator.read").Ok);
                var inactive = shell.Run($"Get-OpenClawDevice @c -InactiveFor {span}");
                inactive.ThrowIfFailed();
                var ids = inactive.Output.Select(d => (string)d.Properties["DeviceId"].Value).ToList();
                Assert.Contains(idle.DeviceId, ids); // never used: counted from when it was approved, 3 s ago
                Assert.Contains(own, ids);           // the module signs in with the gateway token, which 2.x does not record
                Assert.DoesNotContain(busy.DeviceId, ids);
                Assert.Contains(inactive.Warnings, w => w.Contains("only when it signs in with its device token"));
            }
            foreach (var span in new[] { "1h", "90d", "2w" })
            {
                var recent = shell.Run($"Get-OpenClawDevice @c -InactiveFor {span}");
                recent.ThrowIfFailed();
                Assert.Empty(recent.Output);
            }

            var before = gateway.StateFiles();
            var whatIf = shell.Run("Get-OpenClawDevice @c -InactiveFor 2s | Remove-OpenClawDevice @c -WhatIf");
            Assert.Equal(new[] { "OpenClaw.CurrentIdentityProtected" }, whatIf.ErrorIds.ToArray());
            var previews = whatIf.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
            Assert.Contains($"idle ({idle.DeviceId!.Substring(0, 12)})", Assert.Single(previews));
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());
        }

        [Fact]
        public void InactiveForRefusesWhatIsNotAPositiveDuration()
        {
            using var gateway = new LocalGateway(); // never started: binding fails before anything connects
            using var shell = new ModuleShell(gateway);
            foreach (var bad in new[] { "90", "'90'", "90x", "soon", "0s", "'-1.00:00:00'" })
            {
                var result = shell.Run($"Get-OpenClawDevice @c -InactiveFor {bad}");
                Assert.Equal(new[] { "ParameterArgumentTransformationError" }, result.ErrorIds.ToArray());
                _log.WriteLine($"{bad}: {result.Errors[0].Exception.Message}");
            }
            Assert.Contains("write 90d for days", shell.Run("Get-OpenClawDevice @c -InactiveFor 90").Errors[0].Exception.Message);
            Assert.Contains("90d, 12h, 30m, 2w", shell.Run("Get-OpenClawDevice @c -InactiveFor 90x").Errors[0].Exception.Message);
            // Every accepted form gets past binding (unquoted 90d and 2s reach the cmdlet as a decimal and an Int16)
            // and only then fails, on connecting to the gateway that was never started.
            foreach (var good in new[] { "90d", "'90d'", "12h", "30m", "2w", "2s", "1d12h", "90.00:00:00", "([TimeSpan]'01:00:00')" })
            {
                Assert.Equal(new[] { "OpenClaw.GatewayUnreachable" }, shell.Run($"Get-OpenClawDevice @c -InactiveFor {good} -TimeoutSec 2").ErrorIds.ToArray());
            }
        }

        /// <summary>
        /// Connects as a test device authenticating with its own device token instead of the shared one: that is
        /// what a revoke cuts off, and on 2026.2.x the only kind of connect that records lastUsedAtMs.
        /// </summary>
        internal static DeviceConnect ConnectWithDeviceToken(LocalGateway gateway, string name, string deviceToken, params string[] scopes)
        {
            var result = ProcessRunner.Run(GatewayInstalls.Node,
                new[] { Path.Combine(GatewayInstalls.ScriptsDirectory, "device-client.mjs"), Path.Combine(gateway.Root, "devices", name + ".json"),
                    gateway.Url, deviceToken, "cli", "cli", string.Join(",", scopes), name },
                new Dictionary<string, string>(), TimeSpan.FromSeconds(40));
            var line = result.Output.Split('\n').LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException("device-client printed no result: " + result.All);
            return new DeviceConnect(JObject.Parse(line));
        }

        internal static string OwnDeviceId(ModuleShell shell)
        {
            var own = shell.Run("Get-OpenClawDevice @c | Where-Object IsCurrentIdentity");
            own.ThrowIfFailed();
            return (string)Assert.Single(own.Output).Properties["DeviceId"].Value;
        }

        /// <summary>A cmdlet's terminating error ends its statement, not the script: try/catch is how to catch it.</summary>
        private static ErrorRecord Terminating(ModuleShell shell, string command)
        {
            var result = shell.Run("try { " + command + "; 'not terminated' } catch { $_ }");
            return Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        }

        private static string Short(DeviceConnect device) => device.DeviceId!.Substring(0, 12);
    }
}
