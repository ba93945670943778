using System.IO;
using System.Linq;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Requests;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;
using static OpenClaw.Integration.Tests.Requests.Props;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Get-, Approve- and Deny-OpenClawDeviceRequest against real gateways. A new device is made to look remote (an
    /// untrusted X-Forwarded-For), because on loopback 2026.2.19+ pairs a new device silently; a paired device that
    /// asks for more files a scope-upgrade request on 2.19 and 2.21 (on 9.6 only when remote).
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class DeviceRequestTests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private static readonly string[] Read = { "operator.read" };
        private static readonly string[] Write = { "operator.write" };
        private readonly ITestOutputHelper _log;

        public DeviceRequestTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.19")]
        public void BulkApprovalFromThePipelineLeavesEveryTokenCoveringTheFullScopes()
        {
            using var gateway = Started("2026.2.19", pairCli: true);
            Assert.True(gateway.Device("backend", "gateway-client", "backend", Legacy).Ok);
            var upgrade = Refused(gateway.Device("backend", "gateway-client", "backend", Write));
            var newcomer = Refused(RequestDevice.Connect(gateway, "laptop", Read, remote: true));
            var own = Refused(gateway.AsCliDevice(Write));

            using var shell = new RequestShell(gateway);
            var listed = Succeeded(shell.Run("Get-OpenClawDeviceRequest @c"));
            Assert.Equal(3, listed.Output.Count);
            var repair = Assert.Single(listed.Output, r => r.Id() == upgrade.RequestId);
            Assert.Equal(true, repair.Get("IsRepair"));
            Assert.Equal(true, repair.Get("IsScopeUpgrade"));
            Assert.Equal(Legacy, repair.Get<string[]>("ApprovedScopes"));
            Assert.Equal(Legacy, repair.Get<string[]>("TokenScopes"));
            Assert.Equal(Write, repair.Get<string[]>("AddedScopes"));
            Assert.Equal("2026.2.19", repair.Get("GatewayRelease"));
            Assert.InRange(repair.Get<TimeSpan>("TimeLeft"), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5));
            Assert.Equal(repair.Get<DateTimeOffset>("RequestedAt").AddMinutes(5), repair.Get<DateTimeOffset>("ExpiresAt"));
            var fresh = Assert.Single(listed.Output, r => r.Id() == newcomer.RequestId);
            Assert.Equal(false, fresh.Get("IsRepair"));
            Assert.Null(fresh.Get("ApprovedScopes"));
            Assert.Equal("laptop", fresh.Get("Name"));

            var before = gateway.StateFiles();
            var whatIf = Succeeded(shell.Run("Get-OpenClawDeviceRequest @c | Approve-OpenClawDeviceRequest @c -WhatIf"));
            Assert.Equal(3, whatIf.HostText.Split('\n').Count(l => l.StartsWith("What if:", StringComparison.Ordinal)));
            Assert.Contains("pair the new device laptop", whatIf.HostText);
            Assert.Contains("add [operator.write] to the approved scopes [operator.admin, operator.approvals, operator.pairing]", whatIf.HostText);
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());

            var approved = Succeeded(shell.Run("Get-OpenClawDeviceRequest @c | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru"));
            Assert.Equal(3, approved.Output.Count);
            Assert.All(approved.Output, r => Assert.Equal("Approved", r.Get("Status")));
            Assert.All(approved.Output, r => Assert.Equal(true, r.Get("Verified")));
            var backend = Assert.Single(approved.Output, r => r.Id() == upgrade.RequestId);
            var full = Sorted(Legacy.Concat(Write).ToArray());
            Assert.Equal(full, backend.Get<string[]>("ScopesAfter"));
            Assert.Equal(full, backend.Get<string[]>("TokenScopesAfter"));
            Assert.Equal(true, backend.Get("TokenRotated"));
            var laptop = Assert.Single(approved.Output, r => r.Id() == newcomer.RequestId);
            Assert.Equal(Read, laptop.Get<string[]>("ScopesAfter"));
            Assert.Equal(false, laptop.Get("TokenRotated"));
            Assert.Equal(true, Assert.Single(approved.Output, r => r.Id() == own.RequestId).Get("TokenCacheUpdated"));
            Assert.Empty(gateway.PendingJson().Properties());

            // The requested scopes work, and so do the old ones, with the shared token and with the device token.
            Assert.True(RequestDevice.Connect(gateway, "backend", Write).Ok);
            Assert.True(RequestDevice.Connect(gateway, "backend", Legacy, withDeviceToken: true).Ok);
            Assert.True(RequestDevice.Connect(gateway, "laptop", Read, remote: true).Ok);
            Assert.True(gateway.AsCliDevice(Write).Ok);
            Assert.DoesNotContain(RequestDevice.CachedToken(gateway, "backend"), approved.AllText);
            Assert.DoesNotContain((string)JObject.Parse(File.ReadAllText(Path.Combine(gateway.StateDirectory, "identity", "device-auth.json")))["tokens"]!["operator"]!["token"]!, approved.AllText);
            Assert.Contains(approved.Progress, p => p.StartsWith("Approving OpenClaw device requests", StringComparison.Ordinal));

            // Control: the gateway's own approve narrows the token, and the device-token connect for the old scopes fails.
            Assert.True(gateway.Device("control", "gateway-client", "backend", Legacy).Ok);
            var control = Refused(gateway.Device("control", "gateway-client", "backend", Write));
            Assert.Equal(0, gateway.Cli("2026.2.19", "devices", "approve", control.RequestId!).ExitCode);
            Assert.True(RequestDevice.Connect(gateway, "control", Write).Ok);
            Assert.False(RequestDevice.Connect(gateway, "control", Legacy, withDeviceToken: true).Ok);
        }

        [GatewayFact("2026.2.21")]
        public void BulkDenialFromThePipelineKeepsDevicesAsTheyWereAndTheNextConnectFilesANewRequest()
        {
            using var gateway = Started("2026.2.21");
            Assert.True(gateway.Device("backend", "gateway-client", "backend", Legacy).Ok);
            var upgrade = Refused(gateway.Device("backend", "gateway-client", "backend", Write));
            var newcomer = Refused(RequestDevice.Connect(gateway, "laptop", Read, remote: true));
            var backendBefore = gateway.PairedJson()[upgrade.DeviceId!]!.ToString();

            using var shell = new RequestShell(gateway);
            var denied = Succeeded(shell.Run("Get-OpenClawDeviceRequest @c | Deny-OpenClawDeviceRequest @c -PassThru"));
            Assert.Equal(new[] { newcomer.RequestId, upgrade.RequestId }.OrderBy(i => i), denied.Output.Select(r => r.Id()).OrderBy(i => i));
            Assert.All(denied.Output, r => Assert.Equal("Denied", r.Get("Status")));
            Assert.Empty(gateway.PendingJson().Properties());
            Assert.Equal(backendBefore, gateway.PairedJson()[upgrade.DeviceId!]!.ToString());
            Assert.Null(gateway.PairedJson()[newcomer.DeviceId!]);

            var again = Refused(gateway.Device("backend", "gateway-client", "backend", Write));
            var knocking = Refused(RequestDevice.Connect(gateway, "laptop", Read, remote: true));
            Assert.NotEqual(upgrade.RequestId, again.RequestId);
            Assert.NotEqual(newcomer.RequestId, knocking.RequestId);
            var listed = Succeeded(shell.Run("Get-OpenClawDeviceRequest @c"));
            Assert.Equal(new[] { again.RequestId, knocking.RequestId }.OrderBy(i => i), listed.Output.Select(r => r.Id()).OrderBy(i => i));
        }

        [GatewayFact("2026.2.21")]
        public void ApprovalActsOnTheRequestAsItIsNowWhenItWasMergedOrReissued()
        {
            using var gateway = Started("2026.2.21");
            Assert.True(gateway.Device("merged", "gateway-client", "backend", Read).Ok);
            Assert.True(gateway.Device("reissued", "gateway-client", "backend", Read).Ok);
            var first = Refused(gateway.Device("merged", "gateway-client", "backend", Write));
            var stale = Refused(gateway.Device("reissued", "gateway-client", "backend", Write));
            using var shell = new RequestShell(gateway);
            Succeeded(shell.Run("$listed = Get-OpenClawDeviceRequest @c"));

            // 2.21 merges a retry into the pending request: same id, the union of the scopes, a fresh timestamp.
            Assert.Equal(first.RequestId, Refused(gateway.Device("merged", "gateway-client", "backend", "operator.approvals")).RequestId);
            var merged = Succeeded(shell.Run($"$listed | Where-Object RequestId -eq '{first.RequestId}' | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru"));
            var result = Assert.Single(merged.Output);
            Assert.Equal(Sorted("operator.approvals", "operator.write"), Sorted(result.Get<string[]>("Scopes")));
            Assert.Equal(Sorted("operator.approvals", "operator.read", "operator.write"), Sorted(result.Get<string[]>("ScopesAfter")));
            Assert.True(gateway.Device("merged", "gateway-client", "backend", "operator.approvals", "operator.write").Ok);

            // A request resolved elsewhere is re-filed under a new id; the listed id is gone, the device's current one is found.
            Succeeded(shell.Run($"Deny-OpenClawDeviceRequest @c -RequestId {stale.RequestId}"));
            var current = Refused(gateway.Device("reissued", "gateway-client", "backend", Write));
            Assert.NotEqual(stale.RequestId, current.RequestId);
            var gone = shell.Run($"$listed | Where-Object RequestId -eq '{stale.RequestId}' | Approve-OpenClawDeviceRequest @c -Confirm:$false");
            Assert.Equal(new[] { "OpenClaw.RequestNotFound" }, gone.ErrorIds.ToArray());
            Assert.Equal(stale.RequestId, gone.Errors[0].TargetObject);
            _log.WriteLine(gone.Errors[0].Exception.Message);
            Assert.Contains(current.RequestId!, gone.Errors[0].Exception.Message);
            var byDevice = Succeeded(shell.Run($"Get-OpenClawDevice @c -DeviceId {current.DeviceId} | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru"));
            Assert.Equal(current.RequestId, Assert.Single(byDevice.Output).Id());
            Assert.True(gateway.Device("reissued", "gateway-client", "backend", Write).Ok);
        }

        /// <summary>
        /// The second entitlement check, right before the approve call: the request is within entitlement when it is
        /// listed and when the cmdlet asks, and 2.21 merges a new scope into it while the user reads the prompt.
        /// </summary>
        [GatewayFact("2026.2.21")]
        public void AnEntitledRequestThatGrowsWhileThePromptIsShownIsRefusedNotApproved()
        {
            using var gateway = Started("2026.2.21");
            Assert.True(gateway.Device("grower", "gateway-client", "backend", Legacy).Ok);
            var first = Refused(gateway.Device("grower", "gateway-client", "backend", Write));
            using var shell = new RequestShell(gateway, confirm: _ =>
                Refused(gateway.Device("grower", "gateway-client", "backend", "operator.write", "operator.talk.secrets")).RequestId == first.RequestId);

            var result = shell.Run("Get-OpenClawDeviceRequest @c | Where-Object IsWithinEntitlement | Approve-OpenClawDeviceRequest @c -Confirm -PassThru");

            Assert.Single(shell.Host.HostUI.Confirmations);
            Assert.Equal(new[] { "OpenClaw.RequestNoLongerEntitled" }, result.ErrorIds.ToArray());
            _log.WriteLine(result.Errors[0].Exception.Message);
            Assert.Equal(first.RequestId, result.Errors[0].TargetObject);
            Assert.Contains("[operator.talk.secrets] is beyond what its approved scopes", result.Errors[0].Exception.Message);
            Assert.Empty(result.Output);
            Assert.NotNull(gateway.PendingJson()[first.RequestId!]);
            Assert.DoesNotContain("operator.write", gateway.PairedJson()[first.DeviceId!]!["scopes"]!.Select(s => (string)s!));
        }

        [GatewayFact("2026.2.19")]
        public void WaitStreamsRequestsFiledDuringTheWaitUntilStoppedOrTimedOut()
        {
            using var gateway = Started("2026.2.19");
            var earlier = Refused(RequestDevice.Connect(gateway, "earlier", Read, remote: true));
            using var shell = new RequestShell(gateway);
            Succeeded(shell.Run("Get-OpenClawDevice @c")); // the module's own identity is paired before the clock starts

            using (var watching = shell.Start("Get-OpenClawDeviceRequest @c -Wait -Timeout 2m -Verbose"))
            {
                Assert.True(watching.WaitUntil(w => w.Verbose.Any(v => v.StartsWith("Waiting until", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)));
                Assert.Equal(earlier.RequestId, Assert.Single(watching.Output).Id());
                var during = Refused(RequestDevice.Connect(gateway, "during", Read, remote: true));
                Assert.True(watching.WaitUntil(w => w.Output.Any(o => o.Id() == during.RequestId), TimeSpan.FromSeconds(20)));
                Assert.False(watching.IsCompleted);
                Assert.True(watching.Stop() < TimeSpan.FromSeconds(5));
                Assert.IsType<PipelineStoppedException>(watching.Finish(TimeSpan.FromSeconds(10)).Terminating);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var timedOut = Succeeded(shell.Run("Get-OpenClawDeviceRequest @c -Wait -Timeout 3s"));
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
            Assert.Equal(2, timedOut.Output.Count);

            // Streaming into Approve: each request is approved as it arrives, while the wait goes on.
            using var approving = shell.Start("Get-OpenClawDeviceRequest @c -Wait -Timeout 00:02:00 | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru");
            Assert.True(approving.WaitUntil(w => w.Output.Count == 2, TimeSpan.FromSeconds(60)));
            var phone = Refused(RequestDevice.Connect(gateway, "phone", Read, remote: true));
            Assert.True(approving.WaitUntil(w => w.Output.Any(o => o.Id() == phone.RequestId), TimeSpan.FromSeconds(20)));
            Assert.All(approving.Output, o => Assert.Equal("Approved", o.Get("Status")));
            Assert.True(RequestDevice.Connect(gateway, "phone", Read, remote: true).Ok);
            approving.Stop();
        }

        [GatewayFact("2026.2.19")]
        public void EveryFailureNamesItsRequestOrDeviceAndTheBatchGoesOn()
        {
            using var gateway = Started("2026.2.19", pairCli: true);
            Assert.True(gateway.Device("quiet", "gateway-client", "backend", Legacy).Ok);
            var real = Refused(RequestDevice.Connect(gateway, "laptop", Read, remote: true));
            using var shell = new RequestShell(gateway);

            var listed = shell.Run("Get-OpenClawDeviceRequest @c -RequestId no-such-request");
            Assert.Equal(new[] { "OpenClaw.RequestNotFound" }, listed.ErrorIds.ToArray());
            Assert.Empty(listed.Output);
            var denied = shell.Run("Deny-OpenClawDeviceRequest @c -RequestId no-such-request");
            Assert.Equal(new[] { "OpenClaw.RequestNotFound" }, denied.ErrorIds.ToArray());
            var quiet = gateway.Device("quiet", "gateway-client", "backend").DeviceId!;
            var noRequest = shell.Run($"Approve-OpenClawDeviceRequest @c -DeviceId {quiet.Substring(0, 12)}, 0000000000ff -Confirm:$false");
            Assert.Equal(new[] { "OpenClaw.RequestNotFound", "OpenClaw.RequestNotFound" }, noRequest.ErrorIds.ToArray());
            Assert.Contains("has no pending request", noRequest.Errors[0].Exception.Message);

            var batch = shell.Run($"Approve-OpenClawDeviceRequest @c -RequestId no-such-request, {real.RequestId} -Confirm:$false -PassThru");
            Assert.Equal(new[] { "OpenClaw.RequestNotFound" }, batch.ErrorIds.ToArray());
            Assert.Equal("no-such-request", batch.Errors[0].TargetObject);
            Assert.Equal(ErrorCategory.ObjectNotFound, batch.Errors[0].CategoryInfo.Category);
            Assert.Equal(real.RequestId, Assert.Single(batch.Output).Id());

            // The request vanishes while the user reads the prompt: the gateway's "unknown requestId" is reported.
            var raced = Refused(RequestDevice.Connect(gateway, "racer", Read, remote: true));
            using var racing = new RequestShell(gateway, confirm: _ => gateway.Cli("2026.2.19", "devices", "reject", raced.RequestId!).ExitCode == 0);
            var vanished = racing.Run($"Approve-OpenClawDeviceRequest @c -RequestId {raced.RequestId} -Confirm -PassThru");
            Assert.Single(racing.Host.HostUI.Confirmations);
            Assert.Equal(new[] { "OpenClaw.RequestNotFound" }, vanished.ErrorIds.ToArray());
            Assert.Contains("vanished before approving", vanished.Errors[0].Exception.Message);
            Assert.Empty(vanished.Output);
        }

        [Theory]
        [InlineData("-Wait -Timeout 0", "ParameterArgumentTransformationError")]
        [InlineData("-Wait -Timeout -00:00:05", "ParameterArgumentTransformationError")]
        [InlineData("-Wait -Timeout 30", "ParameterArgumentTransformationError")] // a bare number would be 30 ticks
        [InlineData("-Wait -Timeout 2d", "ParameterArgumentValidationError")]
        [InlineData("-Wait -Timeout 00:00:00.500", "ParameterArgumentValidationError")]
        [InlineData("-Wait -RequestId x", "AmbiguousParameterSet")]
        public void WrongWaitParametersAreRefusedBeforeConnecting(string arguments, string errorId)
        {
            using var host = new PowerShellHost();
            var result = host.Invoke("Get-OpenClawDeviceRequest -Url ws://127.0.0.1:9 " + arguments);
            Assert.Equal(new[] { errorId }, result.ErrorIds.ToArray());
        }

        [GatewayFact("2026.9.6")]
        public void OnRelease2026096RemoteDevicesAreApprovedAndDeniedThroughTheSameCmdlets()
        {
            using var gateway = Started("2026.9.6");
            var asked = new[] { "operator.approvals", "operator.read" };
            var tablet = Refused(RequestDevice.Connect(gateway, "tablet", asked, remote: true));
            var stranger = Refused(RequestDevice.Connect(gateway, "stranger", Read, remote: true));
            using var shell = new RequestShell(gateway);
            var listed = Succeeded(shell.Run("Get-OpenClawDeviceRequest @c"));
            Assert.Equal(2, listed.Output.Count);
            Assert.All(listed.Output, r => Assert.Equal(false, r.Get("IsRepair")));
            Assert.All(listed.Output, r => Assert.Equal("203.0.113.7", r.Get("RemoteIp")));
            var whatIf = Succeeded(shell.Run($"Approve-OpenClawDeviceRequest @c -RequestId {tablet.RequestId} -WhatIf"));
            Assert.Contains("pair the new device tablet", whatIf.HostText);
            Assert.Contains("connecting from 203.0.113.7", whatIf.HostText);

            var approved = Succeeded(shell.Run($"Approve-OpenClawDeviceRequest @c -RequestId {tablet.RequestId} -Confirm:$false -PassThru"));
            Assert.Equal(true, Assert.Single(approved.Output).Get("Verified"));
            Assert.True(RequestDevice.Connect(gateway, "tablet", asked, remote: true).Ok);
            Succeeded(shell.Run($"Deny-OpenClawDeviceRequest @c -DeviceId {stranger.DeviceId}"));
            Assert.Equal("NOT_PAIRED", RequestDevice.Connect(gateway, "stranger", Read, remote: true).Code);

            // A paired remote device that asks for more files a scope upgrade (a local cli/cli one would be approved
            // silently); after approving it, the device's token still covers what it had.
            var upgrade = Refused(RequestDevice.Connect(gateway, "tablet", Write, remote: true));
            var upgraded = Succeeded(shell.Run($"Approve-OpenClawDeviceRequest @c -DeviceId {upgrade.DeviceId} -Confirm:$false -PassThru"));
            Assert.Equal(upgrade.RequestId, Assert.Single(upgraded.Output).Id());
            Assert.Equal(true, upgraded.Output[0].Get("IsScopeUpgrade"));
            Assert.Equal(true, upgraded.Output[0].Get("Verified"));
            Assert.True(RequestDevice.Connect(gateway, "tablet", Write, remote: true).Ok);
            Assert.True(RequestDevice.Connect(gateway, "tablet", asked, remote: true, withDeviceToken: true).Ok);
        }

        private static LocalGateway Started(string version, bool pairCli = false)
        {
            var gateway = new LocalGateway();
            // 2.x treats an untrusted X-Forwarded-For as remote; 9.6 refuses it unless loopback is a trusted proxy
            // (on 2.x trusting loopback would make every loopback connect, the module's own too, remote).
            if (version.StartsWith("2026.9", StringComparison.Ordinal)) RequestDevice.TrustLoopbackProxy(gateway);
            gateway.Start(version);
            if (pairCli) Assert.Equal(0, gateway.Cli(version, "devices", "list", "--json").ExitCode); // the local CLI pairs itself
            return gateway;
        }

        private DeviceConnect Refused(DeviceConnect connect)
        {
            _log.WriteLine(connect.ToString());
            Assert.Equal("NOT_PAIRED", connect.Code);
            Assert.NotNull(connect.RequestId);
            return connect;
        }

        private PowerShellResult Succeeded(PowerShellResult result)
        {
            foreach (var o in result.Output) _log.WriteLine(o.Dump());
            if (result.HostText.Length > 0) _log.WriteLine(result.HostText);
            result.ThrowIfFailed();
            return result;
        }
    }
}
