using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Scenarios;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>-WhatIf over the whole 200-device pipeline on a real 2026.2.19 gateway says what it would do for each device and changes no byte.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class FleetWhatIfTests
    {
        private readonly ITestOutputHelper _log;

        public FleetWhatIfTests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact(LegacyFleet.PairedOn, LegacyFleet.Repaired)]
        public void WhatIfOver200DevicesPrintsOneLineEachAndChangesNoByte()
        {
            var fleet = LegacyFleet.Instance;
            _log.WriteLine($"fleet of {fleet.DeviceIds.Count} paired on {LegacyFleet.PairedOn} in {fleet.PairingTook.TotalSeconds:0.0} s (once per run)");
            using var gateway = fleet.Start(LegacyFleet.Repaired);
            using var shell = new ModuleShell(gateway);
            // The module's first connect pairs its own device, a change of its own: made before the snapshot.
            shell.Run("$null = Get-OpenClawDevice @c").ThrowIfFailed();
            var before = gateway.StateFiles();

            var clock = Stopwatch.StartNew();
            var whatIf = shell.Run(LegacyFleet.RepairPipeline + " -WhatIf");
            _log.WriteLine($"-WhatIf over the fleet took {clock.Elapsed.TotalSeconds:0.0} s");

            whatIf.ThrowIfFailed();
            Assert.Empty(whatIf.Output);
            var lines = whatIf.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
            Assert.Equal(LegacyFleet.Size, lines.Count);
            var named = lines.Select(l => Regex.Match(l, @"fleet-\d{3}").Value).ToList();
            Assert.Equal(LegacyFleet.Size, named.Where(n => n.Length > 0).Distinct().Count());
            Assert.All(lines, l => Assert.Contains("operator.read, operator.write", l));
            UpgradeTo2219Tests.AssertSameFiles(before, gateway.StateFiles());
            Assert.DoesNotContain("device token rotated", File.ReadAllText(gateway.LogFile));
            Assert.DoesNotContain(gateway.Token, whatIf.AllText);
        }
    }
}
