using System.IO;
using System.Linq;
using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// From 2026.9.5 a gateway upgraded from a JSON-store release starts without the old devices: it only warns that
    /// devices/paired.json needs `openclaw doctor --fix`, and its SQLite store holds none of them
    /// (docs/release-matrix.md, 2026-12-07). An offline listing of that folder must say so instead of passing an
    /// audit as "no devices"; once doctor has imported them, they are listed and the warning is gone.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class LegacyStoreLeftToDoctorTests
    {
        private readonly ITestOutputHelper _log;

        public LegacyStoreLeftToDoctorTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.19", "2026.9.5")]
        public void AnOfflineListingWarnsOfTheUnimportedJsonStoreUntilDoctorImportsIt()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            var backend = gateway.Device("backend", "gateway-client", "backend", "operator.admin", "operator.approvals", "operator.pairing");
            Assert.True(backend.Ok, backend.ToString());
            gateway.Start("2026.9.5");
            Assert.Contains("Legacy pairing stores require repair", File.ReadAllText(gateway.LogFile));
            gateway.Stop();
            var paired = Path.Combine(gateway.StateDirectory, "devices", "paired.json");
            Assert.True(File.Exists(paired));

            using var shell = new ModuleShell(gateway);
            var before = shell.Run($"Get-OpenClawDevice -Offline -StateDirectory '{gateway.StateDirectory}'");
            before.ThrowIfFailed();
            _log.WriteLine(string.Join("\n", before.Warnings));
            Assert.DoesNotContain(before.Output, d => (string)d.Properties["DeviceId"].Value == backend.DeviceId);
            var warning = Assert.Single(before.Warnings);
            Assert.Contains(paired, warning);
            Assert.Contains("2026.9.5 imports them only with 'openclaw doctor --fix'", warning);
            // Every offline read of the folder says it, not only the listing.
            var test = shell.Run($"Test-OpenClawDeviceScope -Offline -StateDirectory '{gateway.StateDirectory}'");
            Assert.Contains(test.Warnings, w => w.Contains(paired));

            var doctor = gateway.Cli("2026.9.5", "doctor", "--fix", "--non-interactive", "--yes");
            _log.WriteLine("doctor --fix: exit " + doctor.ExitCode);
            Assert.Equal(0, doctor.ExitCode);
            Assert.False(File.Exists(paired));

            var after = shell.Run($"Get-OpenClawDevice -Offline -StateDirectory '{gateway.StateDirectory}'");
            after.ThrowIfFailed();
            Assert.Empty(after.Warnings);
            Assert.Contains(after.Output, d => (string)d.Properties["DeviceId"].Value == backend.DeviceId);
            Assert.All(after.Output, d => Assert.Equal("2026.9.5", d.Properties["GatewayRelease"].Value));
        }
    }
}
