using System.Management.Automation;
using System.Text.Json.Nodes;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using OpenClaw.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>
    /// The -Offline modes of Get-OpenClawDeviceRequest, Approve-, Deny-OpenClawDeviceRequest,
    /// Revoke-OpenClawDeviceToken, Remove- and Rename-OpenClawDevice in the real engine, on JSON stores in temp
    /// folders (no gateway): each change and its output, the parameter sets, -WhatIf writing no byte, a running
    /// gateway refused, per-item errors, pipeline binding, and no token value in any stream.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineLifecycleCmdletTests : IDisposable
    {
        private static readonly string[] Cmdlets =
        {
            "Get-OpenClawDeviceRequest", "Approve-OpenClawDeviceRequest", "Deny-OpenClawDeviceRequest",
            "Revoke-OpenClawDeviceToken", "Remove-OpenClawDevice", "Rename-OpenClawDevice",
        };

        private readonly ITestOutputHelper _log;
        private readonly FakeDevice _cli = FakeDevice.Create("offline-cli", Scopes.Legacy);
        private readonly FakeDevice _agent = FakeDevice.Create("offline-agent", Scopes.Legacy, "gateway-client", "backend", "build-agent");
        private readonly FakeDevice _reader = FakeDevice.Create("offline-reader", new[] { Scopes.Read }, "gateway-client", "backend", "dashboard", 1700000000000);
        private readonly FakePendingRequest _agentRequest;
        private readonly FakePendingRequest _newDevice;
        private readonly PowerShellHost _host = new();
        private OfflineStateFolder _folder;

        public OfflineLifecycleCmdletTests(ITestOutputHelper log)
        {
            _log = log;
            _reader.Tokens["operator"].LastUsedAtMs = 1700000060000; // idle for years: what -InactiveFor 90d picks
            _agentRequest = FakePendingRequest.RepairFor(_agent, Scopes.Read, Scopes.Write);
            _newDevice = new FakePendingRequest
            {
                DeviceId = FakeDevice.IdFor("offline-new"), PublicKey = "pk-new", ClientId = "openclaw-macos", ClientMode = "ui", IsRepair = false,
                Scopes = new List<string> { Scopes.Read },
            };
            _folder = Folder(null);
        }

        private OfflineStateFolder Folder(string? release) =>
            new(new[] { _cli, _agent, _reader }, new[] { _agentRequest, _newDevice }, release, _cli.DeviceId);

        private PowerShellResult Run(string script) => _host.Invoke("param($s) " + script, new Dictionary<string, object?> { ["s"] = _folder.Path });

        private PowerShellResult RunOk(string script)
        {
            var result = Run(script);
            _log.WriteLine($"{script}: {result.Output.Count} output, errors [{string.Join(", ", result.ErrorIds)}]");
            result.ThrowIfFailed();
            return result;
        }

        [Fact]
        public void TheOfflineSetsTakeNoConnectionParameterAndNeedAStateFolder()
        {
            foreach (var command in Cmdlets)
            {
                var sets = Run($"(Get-Command {command}).ParameterSets | Where-Object {{ $_.Parameters.Name -contains 'Offline' }} | ForEach-Object {{ ,@($_.Parameters.Name) }}").Output;
                Assert.NotEmpty(sets);
                foreach (var set in sets)
                {
                    var names = ((object[])set.BaseObject).Select(o => o.ToString()).ToHashSet();
                    Assert.Contains("StateDirectory", names);
                    Assert.DoesNotContain("Wait", names);
                    foreach (var online in new[] { "Connection", "Url", "Token", "Password", "TlsFingerprint", "TimeoutSec" }) Assert.DoesNotContain(online, names);
                }
            }
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Get-OpenClawDeviceRequest -Offline -StateDirectory $s -Url ws://127.0.0.1:9").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Get-OpenClawDeviceRequest -Offline -StateDirectory $s -Wait").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Approve-OpenClawDeviceRequest -Offline -StateDirectory $s -RequestId x -TimeoutSec 5").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Deny-OpenClawDeviceRequest -Offline -StateDirectory $s -DeviceId abcdef -Token t").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Revoke-OpenClawDeviceToken -Offline -StateDirectory $s -DeviceId abcdef -Url ws://127.0.0.1:9").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Remove-OpenClawDevice -NoBackup -DeviceId abcdef -TlsFingerprint ab").ErrorIds);
            Assert.Equal(new[] { "AmbiguousParameterSet" }, Run("Rename-OpenClawDevice -Offline -StateDirectory $s abcdef new -Password p").ErrorIds);

            foreach (var command in new[]
                     {
                         "Get-OpenClawDeviceRequest -Offline", "Approve-OpenClawDeviceRequest -Offline -RequestId x", "Deny-OpenClawDeviceRequest -Offline -DeviceId abcdef",
                         "Revoke-OpenClawDeviceToken -Offline abcdef", "Remove-OpenClawDevice -Offline abcdef", "Rename-OpenClawDevice -Offline abcdef new",
                     })
            {
                Assert.Equal(new[] { "OpenClaw.StateDirectoryRequired" }, Run(command).ErrorIds);
            }
        }

        [Fact]
        public void ListedRequestsPipeIntoAnOfflineApprovalThatWidensTheTokenItKeeps()
        {
            var tokens = _folder.TokenValues();
            var listed = RunOk("Get-OpenClawDeviceRequest -Offline -StateDirectory $s");
            Assert.Equal(2, listed.Output.Count);
            Assert.All(listed.Output, r => Assert.StartsWith("file://", r.Get<Uri>("GatewayUrl").ToString()));
            var upgrade = listed.Output.Single(r => r.Get<string>("RequestId") == _agentRequest.RequestId);
            Assert.Equal(true, upgrade.Get<bool?>("IsScopeUpgrade"));

            var approved = RunOk("Get-OpenClawDeviceRequest -Offline -StateDirectory $s | Approve-OpenClawDeviceRequest -Offline -StateDirectory $s -Confirm:$false -PassThru -Verbose");
            Assert.Equal(2, approved.Output.Count);
            var agent = approved.Output.Single(r => r.Id() == _agent.DeviceId);
            Assert.Equal("Approved", agent.Get<string>("Status"));
            Assert.Equal(true, agent.Get<bool?>("Verified"));
            Assert.False(agent.Get<bool>("TokenRotated"));
            Assert.Equal(Scopes.Sorted(Scopes.Legacy.Concat(new[] { Scopes.Read, Scopes.Write })), agent.Get<string[]>("ScopesAfter"));
            Assert.Equal(agent.Get<string[]>("ScopesAfter"), agent.Get<string[]>("TokenScopesAfter"));
            Assert.Contains(approved.Verbose, v => v.Contains(".bak", StringComparison.Ordinal));

            // The existing token value is kept (widened in place); the new device got one of its own.
            var after = _folder.TokenValues();
            Assert.Equal(tokens[_agent.DeviceId + "/operator"], after[_agent.DeviceId + "/operator"]);
            Assert.True(after.ContainsKey(_newDevice.DeviceId + "/operator"));
            Assert.Empty(_folder.Pending);
            AssertNoTokenIn(approved, after.Values);
            Assert.Empty(RunOk("Get-OpenClawDeviceRequest -Offline -StateDirectory $s").Output);
        }

        [Fact]
        public void ADenialDeletesOnlyTheRequest()
        {
            var paired = _folder.Paired.ToJsonString();
            var denied = RunOk($"Deny-OpenClawDeviceRequest -Offline -StateDirectory $s -DeviceId {_agent.ShortId} -PassThru");
            Assert.Equal("Denied", Assert.Single(denied.Output).Get<string>("Status"));
            Assert.Equal(paired, _folder.Paired.ToJsonString());
            Assert.Equal(new[] { _newDevice.RequestId }, _folder.Pending.Select(p => p.Key));
        }

        [Fact]
        public void EachBadItemIsReportedWithItsIdAndTheBatchGoesOn()
        {
            var approve = Run($"Approve-OpenClawDeviceRequest -Offline -StateDirectory $s -RequestId nope, {_agentRequest.RequestId} -Confirm:$false");
            Assert.Equal(new[] { "OpenClaw.RequestNotFound" }, approve.ErrorIds);
            Assert.DoesNotContain(_agentRequest.RequestId, _folder.Pending.Select(p => p.Key));

            var revoke = Run($"Revoke-OpenClawDeviceToken -Offline -StateDirectory $s -DeviceId ffffffffffff, {_reader.ShortId} -Role node -Confirm:$false");
            Assert.Equal(new[] { "OpenClaw.DeviceNotFound", "OpenClaw.RoleNotFound" }, revoke.ErrorIds);

            var revokeSelf = Run($"Revoke-OpenClawDeviceToken -Offline -StateDirectory $s -DeviceId {_cli.ShortId}, {_reader.ShortId} -Confirm:$false -PassThru");
            Assert.Equal(new[] { "OpenClaw.CurrentIdentityProtected" }, revokeSelf.ErrorIds);
            var revoked = Assert.Single(revokeSelf.Output);
            Assert.Equal("Revoked", revoked.Get<string>("Status"));
            Assert.True(revoked.Get<bool>("Verified"));
            Assert.NotNull(_folder.Paired[_reader.DeviceId]!["tokens"]!["operator"]!["revokedAtMs"]);
            Assert.Null(_folder.Paired[_cli.DeviceId]!["tokens"]!["operator"]!["revokedAtMs"]);
            Assert.Equal("AlreadyRevoked", Assert.Single(RunOk($"Revoke-OpenClawDeviceToken -Offline -StateDirectory $s {_reader.ShortId} -Confirm:$false -PassThru").Output).Get<string>("Status"));

            var remove = Run($"Remove-OpenClawDevice -Offline -StateDirectory $s -DeviceId {_cli.ShortId}, ffffffffffff -Confirm:$false");
            Assert.Equal(new[] { "OpenClaw.CurrentIdentityProtected", "OpenClaw.DeviceNotFound" }, remove.ErrorIds);
            Assert.True(_folder.Paired.ContainsKey(_cli.DeviceId));
        }

        [Fact]
        public void RemovalDeletesTheDeviceAndItsRequestsAndForceCoversTheFoldersOwnIdentity()
        {
            var removed = RunOk($"Remove-OpenClawDevice -Offline -StateDirectory $s -DeviceId {_agent.ShortId}, {_cli.DeviceId} -Force -Confirm:$false -PassThru");
            Assert.Equal(2, removed.Output.Count);
            Assert.All(removed.Output, r => Assert.True(r.Get<bool>("Verified")));
            Assert.Equal(new[] { _agentRequest.RequestId }, removed.Output.Single(r => r.Id() == _agent.DeviceId).Get<string[]>("RejectedRequests"));
            Assert.True(removed.Output.Single(r => r.Id() == _cli.DeviceId).Get<bool>("IsCurrentIdentity"));
            Assert.Equal(new[] { _reader.DeviceId }, _folder.Paired.Select(p => p.Key));
            Assert.Equal(new[] { _newDevice.RequestId }, _folder.Pending.Select(p => p.Key));
        }

        [Fact]
        public void InactiveDevicesPipeIntoAnOfflineRemovalPreviewThatWritesNothing()
        {
            var before = _folder.Hashes();
            var preview = RunOk("Get-OpenClawDevice -Offline -StateDirectory $s -InactiveFor 90d -WarningAction SilentlyContinue | Remove-OpenClawDevice -Offline -StateDirectory $s -WhatIf");
            var whatIf = preview.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
            Assert.Contains(_reader.ShortId, Assert.Single(whatIf));
            Assert.Equal(before, _folder.Hashes());
        }

        [Fact]
        public void WhatIfWritesNoByteInAnyOfTheFourChangingCmdlets()
        {
            using var labelled = Relabel("2026.7.35");
            var before = _folder.Hashes();
            foreach (var script in ChangingScripts())
            {
                var result = RunOk(script + " -WhatIf");
                Assert.Contains("What if:", result.HostText);
                Assert.Equal(before, _folder.Hashes());
            }
        }

        [Fact]
        public void ARunningGatewayStopsEveryChangeAndOnlyWarnsUnderWhatIf()
        {
            using var labelled = Relabel("2026.7.35");
            _folder.SimulateRunningGateway();
            var before = _folder.Hashes();
            foreach (var script in ChangingScripts())
            {
                var refused = Run(script + " -Confirm:$false");
                var record = Assert.Single(refused.Errors);
                Assert.Equal("OpenClaw.GatewayRunning", record.ErrorId());
                Assert.Contains("without -Offline", record.ErrorDetails!.RecommendedAction);
                Assert.Contains(script.Split(' ')[0], record.ErrorDetails.RecommendedAction);
                var preview = RunOk(script + " -WhatIf");
                Assert.Contains(preview.Warnings, w => w.Contains("is running", StringComparison.Ordinal));
                Assert.Equal(before, _folder.Hashes());
            }
        }

        /// <summary>Labels arrived in 2026.8.1 with the SQLite store, so no JSON store takes one, whatever release it records.</summary>
        [Theory]
        [InlineData(null)]
        [InlineData("2026.2.19")]
        [InlineData("2026.7.35")]
        public void RenameIsRefusedOnEveryJsonStoreAndWritesNothing(string? release)
        {
            using var labelled = Relabel(release);
            var before = _folder.Hashes();
            foreach (var confirm in new[] { "-Confirm:$false", "-WhatIf" })
            {
                var refused = Run($"Rename-OpenClawDevice -Offline -StateDirectory $s {_agent.ShortId} 'ci runner' {confirm}");
                var record = Assert.Single(refused.Errors);
                Assert.Equal("OpenClaw.NotSupportedByRelease", record.ErrorId());
                Assert.Contains("2026.8.1", record.Exception.Message);
                Assert.Equal(before, _folder.Hashes());
            }
        }

        private IEnumerable<string> ChangingScripts() => new[]
        {
            $"Approve-OpenClawDeviceRequest -Offline -StateDirectory $s -RequestId {_agentRequest.RequestId}",
            $"Deny-OpenClawDeviceRequest -Offline -StateDirectory $s -DeviceId {_agent.ShortId}",
            $"Revoke-OpenClawDeviceToken -Offline -StateDirectory $s {_agent.ShortId}",
            $"Remove-OpenClawDevice -Offline -StateDirectory $s {_agent.ShortId}",
        };

        /// <summary>The same store, recorded as written by <paramref name="release"/> (openclaw.json meta).</summary>
        private IDisposable Relabel(string? release)
        {
            _folder.Dispose();
            _folder = Folder(release);
            return _folder;
        }

        private static void AssertNoTokenIn(PowerShellResult result, IEnumerable<string> tokens)
        {
            var text = result.AllText + string.Join("\n", result.Output.SelectMany(o => o.Properties.Select(p => p.Value?.ToString())));
            foreach (var token in tokens) Assert.DoesNotContain(token, text);
        }

        public void Dispose()
        {
            _host.Dispose();
            _folder.Dispose();
        }
    }
}
