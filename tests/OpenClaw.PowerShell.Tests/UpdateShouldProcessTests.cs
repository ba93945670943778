using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using OpenClaw.Tests.Shared;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>Update-OpenClawDeviceScope's -WhatIf and -Confirm: it says what it would do, and asks before doing it.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class UpdateShouldProcessTests : IDisposable
    {
        private const string AllReports = "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Update-OpenClawDeviceScope @c";

        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public UpdateShouldProcessTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void WhatIfPrintsOneLinePerNonCompliantDeviceAndSendsNothingChanging()
        {
            var result = _shell.RunOk(AllReports + " -WhatIf -Verbose");

            var lines = WhatIfLines(result);
            Assert.Equal(2, lines.Count);
            Assert.Single(lines, l => l.Contains("build-agent (" + _devices.Backend.ShortId + ")"));
            Assert.Single(lines, l => l.Contains("cli (" + _devices.Cli.ShortId + ")"));
            Assert.All(lines, l => Assert.Contains("add operator.read, operator.write", l));
            Assert.All(lines, l => Assert.Contains(_shell.Gateway.Url.ToString().TrimEnd('/'), l));
            Assert.Empty(result.Output);
            Assert.Empty(_shell.Gateway.ChangingRequests);
            Assert.Empty(_shell.Gateway.Requests("device.token.rotate"));
            Assert.Empty(_shell.Gateway.Requests("device.pair.approve"));
            Assert.Empty(_shell.Gateway.Requests("device.pair.reject"));
            Assert.Equal(Scopes.Legacy, _shell.Store.ScopesOf(_devices.Backend.DeviceId));
            Assert.Single(_shell.Store.Pending);
            _shell.AssertNoSecretIn(result);
        }

        [Fact]
        public void WhatIfFollowsWhatIfPreference()
        {
            var result = _shell.RunOk("$WhatIfPreference = $true; " + AllReports);

            Assert.Equal(2, WhatIfLines(result).Count);
            Assert.Empty(_shell.Gateway.ChangingRequests);
        }

        [Fact]
        public void WithTheDefaultConfirmPreferenceItRunsWithoutAsking()
        {
            var result = _shell.RunOk(AllReports);

            Assert.Equal(2, _shell.Gateway.Requests("device.token.rotate").Count);
            Assert.Empty(result.HostText);
        }

        [Fact]
        public void ConfirmFalseRunsWithoutPromptingEvenWhenConfirmPreferenceIsLow()
        {
            var result = _shell.RunOk("$ConfirmPreference = 'Low'; " + AllReports + " -Confirm:$false -PassThru");

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(2, _shell.Gateway.Requests("device.token.rotate").Count);
        }

        [Theory]
        [InlineData("$ConfirmPreference = 'Low'; " + AllReports)]
        [InlineData(AllReports + " -Confirm")]
        public void ConfirmAsksTheHostBeforeTheFirstChange(string script)
        {
            // The test host throws on any prompt; a failure that says so proves ShouldProcess asked.
            var result = _shell.Run(script);

            Assert.Contains("asked for confirmation", Describe(result));
            Assert.Contains("build-agent", Describe(result) + result.HostText);
            Assert.Empty(_shell.Gateway.ChangingRequests);
        }

        private static List<string> WhatIfLines(PowerShellResult result) =>
            result.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();

        /// <summary>The prompt exception surfaces as a terminating or a written error, depending on where the engine catches it.</summary>
        private static string Describe(PowerShellResult result) =>
            string.Join("\n", result.Errors.Select(e => e.Exception?.ToString() ?? e.ToString()).Append(result.Terminating?.ToString() ?? ""));

        public void Dispose() => _shell.Dispose();
    }
}
