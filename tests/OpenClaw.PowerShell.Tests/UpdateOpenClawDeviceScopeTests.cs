using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>Update-OpenClawDeviceScope on a fake 2026.2.19: what it sends, what it returns, how a batch survives failures.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class UpdateOpenClawDeviceScopeTests : IDisposable
    {
        private const string RepairAll =
            "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru";

        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public UpdateOpenClawDeviceScopeTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void RepairsTheNonCompliantReportsAndReturnsVerifiedChanges()
        {
            var result = _shell.RunOk(RepairAll);

            Assert.Equal(new[] { _devices.Cli.DeviceId, _devices.Backend.DeviceId }.OrderBy(i => i), result.Output.Select(o => o.Id()).OrderBy(i => i));
            Assert.All(result.Output, change =>
            {
                Assert.Equal("OpenClaw.PowerShell.DeviceScopeChange", change.BaseObject.GetType().FullName);
                Assert.Equal("Repaired", change.Get<string>("Status"));
                Assert.True(change.Get<bool>("Verified"));
                Assert.Equal("Rotate", change.Get<string>("Method"));
                Assert.Equal(new[] { Scopes.Read, Scopes.Write }, change.Get<string[]>("AddedScopes"));
                Assert.Equal(Scopes.Sorted(Scopes.Full), change.Get<string[]>("ScopesAfter"));
                Assert.True(change.Get<bool>("TokenReissued"));
                Assert.Null(change.Get<string>("Error"));
            });
            foreach (var device in new[] { _devices.Cli, _devices.Backend }) Assert.Equal(Scopes.Sorted(Scopes.Full), _shell.Store.ScopesOf(device.DeviceId));
            Assert.Equal(new[] { Scopes.Read }, _shell.Store.ScopesOf(_devices.Reader.DeviceId));
        }

        [Fact]
        public void EveryRotateSendsTheFullUnionAndNeverFewerScopesThanTheDeviceHad()
        {
            var before = _devices.All.ToDictionary(d => d.DeviceId, d => _shell.Store.ScopesOf(d.DeviceId));

            _shell.RunOk(RepairAll);

            var rotates = _shell.Gateway.Requests("device.token.rotate");
            Assert.Equal(2, rotates.Count);
            Assert.All(rotates, rotate =>
            {
                var deviceId = FakeJson.String(rotate.Params, "deviceId")!;
                var sent = FakeJson.Strings(rotate.Params["scopes"]);
                Assert.Equal("operator", FakeJson.String(rotate.Params, "role"));
                Assert.Equal(Scopes.Sorted(Scopes.Full), Scopes.Sorted(sent));
                Assert.Empty(before[deviceId].Except(sent));
                Assert.Equal(new[] { "deviceId", "role", "scopes" }, rotate.Params.Select(p => p.Key).OrderBy(k => k));
            });
            Assert.DoesNotContain(rotates, r => FakeJson.String(r.Params, "deviceId") == _devices.Reader.DeviceId);
        }

        [Fact]
        public void RejectsTheStaleRepairRequestsAfterwardsAndKeepsOnesAskingForMore()
        {
            var stale = _shell.Store.Add(FakePendingRequest.RepairFor(_devices.Backend, Scopes.Read, Scopes.Write));
            var more = _shell.Store.Add(FakePendingRequest.RepairFor(_devices.Backend, "operator.questions"));

            var result = _shell.RunOk(RepairAll);

            var rejected = _shell.Gateway.Requests("device.pair.reject").Select(r => FakeJson.String(r.Params, "requestId")).ToList();
            Assert.Equal(new[] { TestDevices.CliRequestId, stale.RequestId }.OrderBy(i => i), rejected.OrderBy(i => i));
            Assert.Equal(new[] { more.RequestId }, _shell.Store.Pending.Select(p => p.RequestId));
            Assert.Empty(_shell.Gateway.Requests("device.pair.approve"));
            var backend = result.Output.Single(o => o.Id() == _devices.Backend.DeviceId);
            Assert.Equal(new[] { stale.RequestId }, backend.Get<string[]>("RejectedRequests"));
            Assert.Equal(new[] { more.RequestId }, backend.Get<string[]>("KeptRequests"));
            // The rejects come after the verifying list, never before a rotate.
            var methods = _shell.Gateway.Frames.Select(f => f.Method).ToList();
            Assert.True(methods.LastIndexOf("device.token.rotate") < methods.IndexOf("device.pair.reject"));
            Assert.True(methods.LastIndexOf("device.pair.list") < methods.IndexOf("device.pair.reject"));
        }

        [Fact]
        public void BindsDeviceIdAndRoleByPropertyNameFromDevices()
        {
            var result = _shell.RunOk("Get-OpenClawDevice @c -DeviceId $ids | Update-OpenClawDeviceScope @c -PassThru -Verbose",
                ("ids", new[] { _devices.Backend.ShortId, _devices.Full.ShortId }));

            Assert.Equal(_devices.Backend.DeviceId, Assert.Single(result.Output).Id());
            Assert.Single(_shell.Gateway.Requests("device.token.rotate"));
            Assert.Contains(result.Verbose, v => v.Contains("laptop") && v.Contains("compliant"));
        }

        [Fact]
        public void BindsRoleByPropertyName()
        {
            var result = _shell.Run("[pscustomobject]@{ DeviceId = $id; Role = 'node' } | Update-OpenClawDeviceScope @c", ("id", _devices.Backend.DeviceId));

            Assert.Null(result.Terminating);
            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.RoleNotFound", error.ErrorId());
            Assert.Equal(_devices.Backend.DeviceId, error.TargetObject);
            Assert.Empty(_shell.Gateway.ChangingRequests);
        }

        [Fact]
        public void ADeviceWhoseRotateFailsIsANonTerminatingErrorTargetingThatDevice()
        {
            _shell.Gateway.Script.FailRotateFor(_devices.Backend.DeviceId, "device store is busy");

            var result = _shell.Run("Update-OpenClawDeviceScope @c -DeviceId $id -PassThru; 'the script went on'", ("id", _devices.Backend.ShortId));

            Assert.Null(result.Terminating);
            Assert.Equal("the script went on", result.Output.Last().BaseObject);
            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.GatewayRequestFailed", error.ErrorId());
            Assert.Equal(_devices.Backend.DeviceId, error.TargetObject);
            Assert.Contains("device store is busy", error.ToString());
            Assert.Equal("Failed", result.Output.First().Get<string>("Status"));
            Assert.Equal(Scopes.Legacy, _shell.Store.ScopesOf(_devices.Backend.DeviceId));
        }

        [Fact]
        public void InOneBatchTheDeviceAfterAFailingOneIsStillRepaired()
        {
            _shell.Gateway.Script.FailRotateFor(_devices.Backend.DeviceId, "device store is busy");

            var result = _shell.Run("$ids | ForEach-Object { [pscustomobject]@{ DeviceId = $_; Role = 'operator' } } | Update-OpenClawDeviceScope @c -PassThru",
                ("ids", new[] { _devices.Backend.DeviceId, _devices.Cli.DeviceId }));

            Assert.Null(result.Terminating);
            var error = Assert.Single(result.Errors);
            Assert.Equal(_devices.Backend.DeviceId, error.TargetObject);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            var statuses = result.Output.ToDictionary(o => o.Id(), o => o.Get<string>("Status"));
            Assert.Equal("Failed", statuses[_devices.Backend.DeviceId]);
            Assert.Equal("Repaired", statuses[_devices.Cli.DeviceId]);
            Assert.Equal(Scopes.Legacy, _shell.Store.ScopesOf(_devices.Backend.DeviceId));
        }

        [Fact]
        public void ASocketClosedMidBatchFailsThatDeviceAndTheNextOneReconnects()
        {
            _shell.Gateway.Script.CloseOn("device.token.rotate", occurrence: 1, closeCode: 1012, reason: "service restart");

            var result = _shell.Run("$ids | ForEach-Object { [pscustomobject]@{ DeviceId = $_ } } | Update-OpenClawDeviceScope @c -PassThru",
                ("ids", new[] { _devices.Backend.DeviceId, _devices.Cli.DeviceId }));

            Assert.Null(result.Terminating);
            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.ConnectionClosed", error.ErrorId());
            Assert.Equal(_devices.Backend.DeviceId, error.TargetObject);
            Assert.Equal(Scopes.Sorted(Scopes.Full), _shell.Store.ScopesOf(_devices.Cli.DeviceId));
            Assert.Equal(2, _shell.Gateway.Connects.Count);
        }

        [Fact]
        public void ASocketClosedUnderTheVerifyingListIsConnectionClosedAfterTheRotate()
        {
            _shell.Gateway.Script.CloseOn("device.pair.list", occurrence: 2, closeCode: 1011, reason: "internal error");

            var result = _shell.Run("Update-OpenClawDeviceScope @c -DeviceId $id -PassThru", ("id", _devices.Backend.DeviceId));

            Assert.Single(_shell.Gateway.Requests("device.token.rotate"));
            Assert.Contains("OpenClaw.ConnectionClosed", result.ErrorIds);
        }

        [Fact]
        public void AnIdThatMatchesNoDeviceIsDeviceNotFoundAndTheBatchGoesOn()
        {
            var result = _shell.Run("'0123456789ab', $id | ForEach-Object { [pscustomobject]@{ DeviceId = $_ } } | Update-OpenClawDeviceScope @c -PassThru",
                ("id", _devices.Backend.ShortId));

            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.DeviceNotFound", error.ErrorId());
            Assert.Equal("0123456789ab", error.TargetObject);
            Assert.Equal(_devices.Backend.DeviceId, Assert.Single(result.Output).Id());
        }

        [Fact]
        public void WritesProgressForTheBatch()
        {
            var result = _shell.RunOk(RepairAll);

            Assert.Contains(result.Progress, p => p.Contains("Device 1 of 2"));
            Assert.Contains(result.Progress, p => p.Contains("Device 2 of 2"));
            Assert.Contains(result.Progress, p => p.Contains("Verifying"));
        }

        [Fact]
        public void ACompliantBatchSendsNothingChanging()
        {
            var result = _shell.RunOk("Get-OpenClawDevice @c -DeviceId $ids | Update-OpenClawDeviceScope @c -PassThru",
                ("ids", new[] { _devices.Reader.ShortId, _devices.Full.ShortId }));

            Assert.Empty(result.Output);
            Assert.Empty(_shell.Gateway.ChangingRequests);
        }

        public void Dispose() => _shell.Dispose();
    }
}
