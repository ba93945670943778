using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>
    /// Online cmdlets of one pipeline with the same connection settings share one socket (PipelineSessions): who may
    /// share, that the socket lives exactly as long as a command uses it, and that different settings never share.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class PipelineSessionTests : IDisposable
    {
        private const string RepairAll =
            "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru";

        /// <summary>
        /// The sessions lent in this runspace right now, read from the module's internals: no public surface shows
        /// them, and a session left behind after a pipeline is exactly the leak these tests look for.
        /// </summary>
        private const string LentSessions =
            "function Get-LentSession { $registry = [OpenClaw.PowerShell.Commands.GetOpenClawDeviceCommand].Assembly.GetType('OpenClaw.PowerShell.Cmdlets.ConnectionRegistry'); "
            + "$sessions = $registry.GetProperty('Current').GetValue($null).PipelineSessions; "
            + "$sessions.GetType().GetField('_lent', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($sessions) | ForEach-Object { $_.Session } }; ";

        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public PipelineSessionTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void TheRepairPipelineConnectsOnceAndClosesTheSocketWhenItEnds()
        {
            // The session is caught while Get still streams, so that it can be checked once the pipeline is over.
            var result = _shell.RunOk(LentSessions
                + "Get-OpenClawDevice @c | ForEach-Object { $script:during = @(Get-LentSession); $_ } | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | "
                + "Update-OpenClawDeviceScope @c -PassThru -Verbose; "
                + "$script:during.Count; $script:during[0].IsOpen; @(Get-LentSession).Count");

            var changes = result.Output.Take(2).ToList();
            Assert.Equal(new[] { _devices.Cli.DeviceId, _devices.Backend.DeviceId }.OrderBy(i => i), changes.Select(c => c.Id()).OrderBy(i => i));
            Assert.All(changes, c => Assert.Equal("Repaired", c.Get<string>("Status")));
            Assert.Equal(Scopes.Sorted(Scopes.Full), _shell.Store.ScopesOf(_devices.Backend.DeviceId));
            Assert.Single(_shell.Gateway.Connects);
            Assert.Equal(1, _shell.Gateway.SocketsAccepted);
            // One session lent while the pipeline ran, closed and forgotten once it ended.
            Assert.Equal(new object[] { 1, false, 0 }, result.Output.Skip(2).Select(o => o.BaseObject));
            Assert.Contains(result.Verbose, v => v.StartsWith($"Reusing the connection to {_shell.Gateway.Url} that Get-OpenClawDevice opened earlier in this pipeline", StringComparison.Ordinal));
            _shell.AssertNoSecretIn(result);

            // The next pipeline finds nothing to reuse and connects again.
            _shell.RunOk("Get-OpenClawDevice @c");
            Assert.Equal(2, _shell.Gateway.Connects.Count);
        }

        [Fact]
        public void AnUpdateInANestedPipelineReusesTheConnectionOfTheOuterGet()
        {
            var result = _shell.RunOk(LentSessions
                + "Get-OpenClawDevice @c | ForEach-Object { $_ | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru }; "
                + "@(Get-LentSession).Count");

            Assert.Equal(new[] { _devices.Cli.DeviceId, _devices.Backend.DeviceId }.OrderBy(i => i), result.Output.SkipLast(1).Select(c => c.Id()).OrderBy(i => i));
            Assert.Equal(Scopes.Sorted(Scopes.Full), _shell.Store.ScopesOf(_devices.Cli.DeviceId));
            Assert.Single(_shell.Gateway.Connects);
            Assert.Equal(0, result.Output.Last().BaseObject);
        }

        /// <summary>
        /// Each Get-OpenClawDeviceRequest ends with its ForEach-Object iteration while Approve goes on with the same
        /// session: it must stay open for Approve (not be closed by the Get that opened it and then quietly reopened
        /// by Approve, with nobody left to close that socket), and the second Get reuses it too.
        /// </summary>
        [Fact]
        public void ASessionStaysOpenForACommandThatOutlivesTheOneThatOpenedIt()
        {
            var second = _shell.Store.Add(FakePendingRequest.RepairFor(_devices.Backend, Scopes.Read, Scopes.Write));

            var result = _shell.RunOk(LentSessions
                + "$ids | ForEach-Object { Get-OpenClawDeviceRequest @c -RequestId $_ } | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru; "
                + "@(Get-LentSession).Count",
                ("ids", new[] { TestDevices.CliRequestId, second.RequestId }));

            Assert.Equal(2, result.Output.Count - 1);
            Assert.Equal(2, _shell.Gateway.Requests("device.pair.approve").Count);
            Assert.Single(_shell.Gateway.Connects);
            Assert.Equal(0, result.Output.Last().BaseObject);
        }

        [Fact]
        public void AWhatIfRunSharesTheConnectionChangesNothingAndLeavesNothingOpen()
        {
            var result = _shell.RunOk(LentSessions
                + "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -WhatIf -Verbose; "
                + "@(Get-LentSession).Count");

            Assert.Single(_shell.Gateway.Connects);
            Assert.Empty(_shell.Gateway.ChangingRequests);
            Assert.Equal(0, result.Output.Last().BaseObject);
            Assert.Contains(result.Verbose, v => v.StartsWith("Reusing the connection", StringComparison.Ordinal));
            _shell.AssertNoSecretIn(result);
        }

        /// <summary>A lent session that is no longer open (here closed under the pipeline, as a dropped socket is) is not reused.</summary>
        [Fact]
        public void AClosedSessionIsNotReusedTheNextCommandConnectsAgain()
        {
            var result = _shell.RunOk(LentSessions
                + "Get-OpenClawDevice @c | ForEach-Object -Begin { $script:closed = $false } -Process { if (-not $script:closed) { Get-LentSession | ForEach-Object { $_.Dispose() }; $script:closed = $true }; $_ } | "
                + "Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru -Verbose; "
                + "@(Get-LentSession).Count");

            Assert.Equal(2, _shell.Gateway.Connects.Count);
            Assert.DoesNotContain(result.Verbose, v => v.StartsWith("Reusing the connection", StringComparison.Ordinal));
            Assert.Equal(Scopes.Sorted(Scopes.Full), _shell.Store.ScopesOf(_devices.Backend.DeviceId));
            Assert.Equal(0, result.Output.Last().BaseObject);
        }

        [Theory]
        [InlineData("$d.TimeoutSec = 29")]
        [InlineData("$d.Release = '2026.2.19'")]
        [InlineData("$d.StateDirectory = $other")]
        public void DifferentSettingsOpenAConnectionOfTheirOwn(string setting)
        {
            using var other = new TempDirectory("other-state");

            var result = _shell.RunOk($"$d = $c.Clone(); {setting}; "
                                      + "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @d -PassThru -Verbose",
                ("other", other.Path));

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(2, _shell.Gateway.Connects.Count);
            Assert.DoesNotContain(result.Verbose, v => v.StartsWith("Reusing the connection", StringComparison.Ordinal));
        }

        /// <summary>A command with another token must authenticate itself, not ride on a connection a right token opened.</summary>
        [Fact]
        public void AnotherTokenIsNotServedByTheConnectionOfTheRightOne()
        {
            var (caught, result) = _shell.RunCatching(
                "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Url $c.Url -Token 'not-the-token' -StateDirectory $c.StateDirectory");

            Assert.NotNull(caught);
            Assert.Equal(2, _shell.Gateway.Connects.Count);
            Assert.False(_shell.Gateway.Connects[1].Accepted);
            Assert.Empty(_shell.Gateway.Requests("device.token.rotate"));
            _shell.AssertNoSecretIn(result);
        }

        [Fact]
        public void ACommandThatStopsGivesTheSessionBackAndTheNextPipelineConnectsAfresh()
        {
            var (caught, result) = _shell.RunCatching(LentSessions
                + "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -Scope operator.nonsense");

            Assert.Equal("OpenClaw.InvalidScope", caught!.ErrorId());
            Assert.Single(_shell.Gateway.Connects);
            Assert.Equal(new object[] { 0 }, _shell.RunOk(LentSessions + "@(Get-LentSession).Count").Output.Select(o => o.BaseObject));
            _shell.RunOk(RepairAll);
            Assert.Equal(2, _shell.Gateway.Connects.Count);
            Assert.Equal(Scopes.Sorted(Scopes.Full), _shell.Store.ScopesOf(_devices.Backend.DeviceId));
        }

        public void Dispose() => _shell.Dispose();
    }
}
