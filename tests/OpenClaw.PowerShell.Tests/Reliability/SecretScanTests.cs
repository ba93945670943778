using System.Collections;
using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>
    /// No token or password appears in output, verbose, debug, warning, error, progress, information or WhatIf text.
    /// Every exported cmdlet runs with -Verbose -Debug, and each one that changes the gateway runs once with -WhatIf
    /// and once for real; every stream and the host's text are searched for every secret the fake knows: the shared
    /// token, the password, the hello-ok device token, the stored device tokens and every token it issued.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class SecretScanTests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;
        private readonly ITestOutputHelper _log;

        public SecretScanTests(ITestOutputHelper log)
        {
            _log = log;
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void EveryExportedCmdletHasAScenarioAndEveryChangingOneAChangingScenario()
        {
            var commands = _shell.RunOk("Get-Command -Module OpenClaw.PowerShell").Output.Select(o => (CommandInfo)o.BaseObject).ToList();

            Assert.NotEmpty(commands);
            var missing = commands.Where(c => SecretScenarios.All.All(s => s.Cmdlet != c.Name)).Select(c => c.Name).ToList();
            Assert.True(missing.Count == 0, "exported cmdlets without a secret-scan scenario: " + string.Join(", ", missing));
            var stale = SecretScenarios.All.Select(s => s.Cmdlet).Distinct().Except(commands.Select(c => c.Name)).ToList();
            Assert.True(stale.Count == 0, "scenarios for cmdlets the module does not export: " + string.Join(", ", stale));
            foreach (var command in commands)
            {
                var changes = command.Parameters.ContainsKey("WhatIf");
                Assert.True(changes == SecretScenarios.All.Any(s => s.Cmdlet == command.Name && s.ChangingMethod != null),
                    $"{command.Name} {(changes ? "supports -WhatIf but has no scenario that runs it for real" : "changes nothing but a scenario expects a change")}");
            }
        }

        [Theory]
        [MemberData(nameof(SecretScenarios.Names), MemberType = typeof(SecretScenarios))]
        public void NoSecretInAnyStream(string name)
        {
            var scenario = SecretScenarios.All.Single(s => s.Name == name);
            scenario.Arrange?.Invoke(_shell);
            var log = SecretScenarios.WriteLog(_shell);

            var store = StoreText();
            if (scenario.ChangingMethod != null || scenario.ChangesStore)
            {
                var whatIf = Run(scenario, log, new Hashtable { ["Verbose"] = true, ["Debug"] = true, ["WhatIf"] = true });
                Assert.Contains("What if:", whatIf.HostText);
                Assert.Empty(_shell.Gateway.ChangingRequests.Concat(_shell.Gateway.Requests("device.pair.rename")));
                Assert.Equal(store, StoreText());
                AssertNoSecret(whatIf);
            }
            var real = Run(scenario, log, new Hashtable { ["Verbose"] = true, ["Debug"] = true, ["Confirm"] = false });
            if (scenario.ChangingMethod != null) Assert.NotEmpty(_shell.Gateway.Requests(scenario.ChangingMethod));
            if (scenario.ChangesStore)
            {
                Assert.NotEqual(store, StoreText());
                Assert.Empty(_shell.Gateway.ChangingRequests);
            }
            Assert.NotEmpty(real.Verbose.Concat(real.Output.Select(o => o.ToString())));
            AssertNoSecret(real);
        }

        private PowerShellResult Run(SecretScenario scenario, string log, Hashtable switches)
        {
            // Disconnect-OpenClawGateway and Get-OpenClawConnection take no -Confirm; binding must not fail for that.
            var command = scenario.Cmdlet;
            var parameters = _shell.Run($"(Get-Command {command}).Parameters.Keys").Output.Select(o => o.ToString()).ToHashSet();
            foreach (var key in switches.Keys.Cast<string>().ToList()) if (!parameters.Contains(key)) switches.Remove(key);

            var result = _shell.Run(scenario.Script, ("s", switches), ("id", _devices.Backend.DeviceId), ("request", TestDevices.CliRequestId),
                ("log", log), ("pw", _shell.Gateway.Password));
            _log.WriteLine($"{scenario.Name} {string.Join(" ", switches.Keys.Cast<string>())}: {result.Output.Count} output, {result.Verbose.Count} verbose, "
                           + $"{result.Debug.Count} debug, {result.Warnings.Count} warning, {result.Progress.Count} progress, errors [{string.Join(", ", result.ErrorIds)}]");
            Assert.True(result.Terminating == null, $"{scenario.Name} failed: {result.Terminating?.Message}");
            Assert.True(result.Errors.All(e => scenario.Name == "Disconnect" && e.ErrorId() == "OpenClaw.ConnectionNotFound"),
                $"{scenario.Name} wrote errors: {string.Join(" | ", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message))}");
            return result;
        }

        /// <summary>Every file of the state folder but the scan's own log, as text: what an -Offline run may change.</summary>
        private string StoreText() =>
            string.Join("\n", Directory.GetFiles(_shell.StateDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("gateway.log", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal).Select(f => f + "\n" + File.ReadAllText(f)));

        private void AssertNoSecret(PowerShellResult result)
        {
            var secrets = _shell.Gateway.Secrets;
            Assert.Contains(_shell.Gateway.SharedToken, secrets);
            _shell.AssertNoSecretIn(result);
        }

        public void Dispose() => _shell.Dispose();
    }
}
