using System.Linq;
using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// On 2026.2.21 legacy devices read fine but fail on operator.write, and a rotate no longer widens a device's
    /// scopes: the module approves the device's own repair request and rotates the token back to the full set.
    /// A device with no repair request cannot be fixed online; it gets an error that says what to do.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class UpgradeTo2221Tests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private const string Pipeline = "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c";
        private readonly ITestOutputHelper _log;

        public UpgradeTo2221Tests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.17", "2026.2.21")]
        public void ThePipelineApprovesRepairRequestsAndRestoresTheFullToken()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            Assert.Equal(0, gateway.Cli("2026.2.17", "devices", "list", "--json").ExitCode);
            Assert.True(gateway.Device("backend", "gateway-client", "backend", Legacy).Ok);
            Assert.True(gateway.Device("quiet", "gateway-client", "backend", Legacy).Ok);
            var reader = gateway.Device("reader", "gateway-client", "backend", "operator.read");

            gateway.Start("2026.2.21");
            Assert.StartsWith("OK", gateway.ToolCall("sessions.list", "operator.read").Output);
            var writeBefore = gateway.AsCliDevice("operator.write");
            _log.WriteLine("cli write before: " + writeBefore);
            Assert.Equal("NOT_PAIRED", writeBefore.Code);
            Assert.Equal("NOT_PAIRED", gateway.Device("backend", "gateway-client", "backend", "operator.write").Code);

            using var shell = new ModuleShell(gateway);
            var before = gateway.StateFiles();
            var whatIf = shell.Run(Pipeline + " -WhatIf");
            _log.WriteLine(whatIf.HostText);
            Assert.Equal(2, whatIf.HostText.Split('\n').Count(l => l.StartsWith("What if:") && l.Contains("approve the device's pending request")));
            Assert.Equal(new[] { "OpenClaw.RepairNotPossible" }, whatIf.ErrorIds.ToArray());
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());

            var repair = shell.Run(Pipeline + " -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue; $failures");
            var changes = repair.Output.Where(o => o.BaseObject is not System.Management.Automation.ErrorRecord).ToList();
            Assert.Equal(2, changes.Count);
            Assert.All(changes, c => Assert.Equal("ApproveAndRotate", c.Properties["Method"].Value));
            Assert.All(changes, c => Assert.Equal(true, c.Properties["Verified"].Value));
            var failure = Assert.Single(repair.Output.Select(o => o.BaseObject).OfType<System.Management.Automation.ErrorRecord>());
            Assert.Equal("OpenClaw.RepairNotPossible", failure.FullyQualifiedErrorId.Split(',')[0]);
            Assert.StartsWith(gateway.Device("quiet", "gateway-client", "backend").DeviceId!, (string)failure.TargetObject);
            // What happened is the message; the way out (the device's own failing call files a request) is the advice.
            Assert.Contains("5 minutes", failure.ErrorDetails?.RecommendedAction ?? "");

            // The device that could not be repaired makes the failing call, which files its repair request.
            Assert.Equal("NOT_PAIRED", gateway.Device("quiet", "gateway-client", "backend", "operator.write").Code);
            shell.Run(Pipeline).ThrowIfFailed();

            Assert.True(gateway.AsCliDevice("operator.write").Ok);
            Assert.True(gateway.Device("backend", "gateway-client", "backend", "operator.write").Ok);
            Assert.True(gateway.Device("quiet", "gateway-client", "backend", "operator.write").Ok);
            Assert.Equal(0, gateway.Cli("2026.2.21", "devices", "list", "--json").ExitCode);
            var after = shell.Run("Test-OpenClawDeviceScope @c");
            after.ThrowIfFailed();
            Assert.All(after.Output, r => Assert.Equal(true, r.Properties["IsCompliant"].Value));
            Assert.All(after.Output, r => Assert.Equal("2026.2.21", r.Properties["GatewayRelease"].Value));
            Assert.Equal(new[] { "operator.read" }, gateway.PairedJson()[reader.DeviceId!]!["scopes"]!.ToObject<string[]>());
            Assert.Empty(gateway.PendingJson().Properties());
        }
    }
}
