using System.IO;
using System.Linq;
using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// 2026.9.6 speaks protocol 4 and lets operator.admin imply every operator scope, so devices with the legacy
    /// set are compliant there. With no OpenClaw CLI identity in the state folder, the module pairs its own.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class Release2026096Tests
    {
        private readonly ITestOutputHelper _log;

        public Release2026096Tests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.9.6")]
        public void LegacyDevicesAreListedAndCompliantOnProtocol4WithTheModulesOwnIdentity()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.9.6");
            var legacy = gateway.Device("legacy", "cli", "cli", "operator.admin", "operator.approvals", "operator.pairing");
            var reader = gateway.Device("reader", "cli", "cli", "operator.read");
            Assert.True(legacy.Ok && reader.Ok, $"{legacy} / {reader}");

            using var shell = new ModuleShell(gateway);
            var list = shell.Run("Get-OpenClawDevice @c -Verbose");
            list.ThrowIfFailed();
            _log.WriteLine(string.Join("\n", list.Verbose));
            var ids = list.Output.Select(d => (string)d.Properties["DeviceId"].Value).ToList();
            Assert.Contains(legacy.DeviceId, ids);
            Assert.Contains(reader.DeviceId, ids);
            var own = Assert.Single(list.Output, d => (bool)d.Properties["IsCurrentIdentity"].Value);
            Assert.Equal("OpenClaw.PowerShell.OpenClawDevice", own.BaseObject.GetType().FullName);
            Assert.True(File.Exists(Path.Combine(gateway.Root, "powershell-home", "identity", "device.json")));
            Assert.All(list.Output, d => Assert.Equal("2026.9.6", d.Properties["GatewayRelease"].Value));
            Assert.Contains(list.Verbose, v => v.Contains("protocol 4"));

            var reports = shell.Run("Get-OpenClawDevice @c | Test-OpenClawDeviceScope");
            reports.ThrowIfFailed();
            Assert.All(reports.Output, r => Assert.Equal(true, r.Properties["IsCompliant"].Value));
            var legacyReport = Assert.Single(reports.Output, r => (string)r.Properties["DeviceId"].Value == legacy.DeviceId);
            Assert.Empty((string[])legacyReport.Properties["MissingScopes"].Value);

            // Judged by 2026.2.19's rules instead, the same device is missing read and write: the verdict is release-aware.
            var strict = shell.Run($"Test-OpenClawDeviceScope @c -DeviceId {legacy.DeviceId} -Release 2026.2.19");
            strict.ThrowIfFailed();
            Assert.Equal(new[] { "operator.read", "operator.write" }, (string[])Assert.Single(strict.Output).Properties["MissingScopes"].Value);

            var nothing = shell.Run("Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru");
            nothing.ThrowIfFailed();
            Assert.Empty(nothing.Output);
        }
    }
}
