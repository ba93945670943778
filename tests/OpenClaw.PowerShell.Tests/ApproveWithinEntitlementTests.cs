using System.Management.Automation;
using System.Text.Json.Nodes;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>
    /// IsWithinEntitlement on listed requests, and the safe unattended approve it enables
    /// (Where-Object IsWithinEntitlement | Approve-OpenClawDeviceRequest): a piped request that claimed to be within
    /// and no longer is at the moment of approving is refused with OpenClaw.RequestNoLongerEntitled, online against
    /// the scripted gateway and -Offline against a JSON store, and nothing is approved for it.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class ApproveWithinEntitlementTests : IDisposable
    {
        private const string TalkSecrets = "operator.talk.secrets";
        private const string AutoApprove = "Where-Object IsWithinEntitlement | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru";
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;
        private readonly FakePendingRequest _backendWrite;
        private readonly FakePendingRequest _readerAdmin;
        private readonly FakePendingRequest _newcomer;

        public ApproveWithinEntitlementTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
            _backendWrite = _shell.Store.Add(FakePendingRequest.RepairFor(_devices.Backend, Scopes.Write));
            _readerAdmin = _shell.Store.Add(FakePendingRequest.RepairFor(_devices.Reader, Scopes.Admin));
            _newcomer = _shell.Store.Add(new FakePendingRequest
            {
                DeviceId = FakeDevice.IdFor("newcomer"), PublicKey = "pk-newcomer", ClientId = "openclaw-macos", ClientMode = "ui", IsRepair = false,
                Scopes = new List<string> { Scopes.Read },
            });
        }

        [Fact]
        public void ListedRequestsSayWhetherApprovingStaysWithinTheDevicesEntitlement()
        {
            var listed = _shell.RunOk("Get-OpenClawDeviceRequest @c").Output.ToDictionary(r => r.Get<string>("RequestId"), r => r.Get<bool>("IsWithinEntitlement"));

            Assert.True(listed[TestDevices.CliRequestId]); // legacy device asking for read on 2.19
            Assert.True(listed[_backendWrite.RequestId]); // legacy device asking for write
            Assert.False(listed[_readerAdmin.RequestId]); // read-only device asking for admin
            Assert.False(listed[_newcomer.RequestId]); // a new device
        }

        [Fact]
        public void TheAutoApprovePipelineApprovesOnlyRequestsWithinEntitlement()
        {
            var approved = _shell.RunOk("Get-OpenClawDeviceRequest @c | " + AutoApprove).Output;

            Assert.Equal(new[] { TestDevices.CliRequestId, _backendWrite.RequestId }.OrderBy(i => i), approved.Select(r => r.Get<string>("RequestId")).OrderBy(i => i));
            Assert.All(approved, r => Assert.Equal("Approved", r.Get<string>("Status")));
            Assert.Equal(new[] { _readerAdmin.RequestId, _newcomer.RequestId }.OrderBy(i => i), _shell.Store.Pending.Select(p => p.RequestId).OrderBy(i => i));
            Assert.Equal(new[] { Scopes.Read }, _shell.Store.ScopesOf(_devices.Reader.DeviceId));
        }

        [Fact]
        public void ARequestThatGrewSinceItWasListedIsRefusedAndTheBatchGoesOn()
        {
            var listed = _shell.RunOk("Get-OpenClawDeviceRequest @c").Output;
            // 2026.2.21 merges a later connect's scopes into the pending request under the same id.
            _backendWrite.Scopes.Add(TalkSecrets);

            var result = _shell.Run("$listed | " + AutoApprove, ("listed", listed));

            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.RequestNoLongerEntitled", error.ErrorId());
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Equal(_backendWrite.RequestId, error.TargetObject);
            Assert.Contains(_devices.Backend.ShortId, error.Exception.Message);
            Assert.Contains($"[{TalkSecrets}] is beyond what its approved scopes", error.Exception.Message);
            Assert.Contains($"Get-OpenClawDeviceRequest -DeviceId {_devices.Backend.ShortId} | Format-List", error.ErrorDetails.RecommendedAction);
            // The other request that claimed entitlement still holds it, and is approved in the same pipeline.
            Assert.Equal(TestDevices.CliRequestId, Assert.Single(result.Output).Get<string>("RequestId"));
            Assert.Single(_shell.Gateway.Requests("device.pair.approve"));
            Assert.Contains(_shell.Store.Pending, p => p.RequestId == _backendWrite.RequestId);
            Assert.DoesNotContain(TalkSecrets, _shell.Store.ScopesOf(_devices.Backend.DeviceId));
        }

        [Fact]
        public void TheClaimSurvivesSerializationAndWhatIfShowsTheRefusal()
        {
            var listed = _shell.RunOk("Get-OpenClawDeviceRequest @c -RequestId $id", ("id", _backendWrite.RequestId)).Output;
            _backendWrite.Scopes.Add(TalkSecrets);

            var result = _shell.Run("[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($listed)) | "
                                    + "Approve-OpenClawDeviceRequest @c -WhatIf", ("listed", listed));

            Assert.Equal(new[] { "OpenClaw.RequestNoLongerEntitled" }, result.ErrorIds);
            Assert.DoesNotContain("What if", result.HostText);
            Assert.Empty(_shell.Gateway.ChangingRequests);
        }

        [Fact]
        public void WithoutAClaimARequestIsApprovedAsAlwaysButItsOwnClaimIsNotInherited()
        {
            // Approving a request that was never within entitlement stays a person's explicit choice.
            var listed = _shell.RunOk("Get-OpenClawDeviceRequest @c").Output;
            _backendWrite.Scopes.Add(TalkSecrets);

            var result = _shell.Run("$listed | Where-Object RequestId -in $ids | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru",
                ("listed", listed), ("ids", new[] { _readerAdmin.RequestId, _backendWrite.RequestId }));

            // Pipeline-bound parameters are reset between objects: the reader's request (no claim) is approved even
            // though the backend's request before or after it claimed entitlement and is refused.
            Assert.Equal(new[] { "OpenClaw.RequestNoLongerEntitled" }, result.ErrorIds);
            Assert.Equal(_readerAdmin.RequestId, Assert.Single(result.Output).Get<string>("RequestId"));
            Assert.Contains(Scopes.Admin, _shell.Store.ScopesOf(_devices.Reader.DeviceId));
        }

        [Fact]
        public void ADevicePipedInStillBindsByDevice()
        {
            // The claim parameter binds only from IsWithinEntitlement, which devices lack, so the engine does not
            // hold a device object to the default set (ByRequestId) and it binds DeviceId and Role as before.
            var result = _shell.RunOk("Get-OpenClawDevice @c -DeviceId $id | Approve-OpenClawDeviceRequest @c -Confirm:$false -PassThru", ("id", _devices.Reader.DeviceId));

            Assert.Equal(_readerAdmin.RequestId, Assert.Single(result.Output).Get<string>("RequestId"));
        }

        [Fact]
        public void OfflineAStaleClaimIsRefusedAndNothingIsWritten()
        {
            using var folder = new OfflineStateFolder(_devices.All, new[] { _backendWrite, _readerAdmin });
            var listed = _shell.RunOk("Get-OpenClawDeviceRequest -Offline -StateDirectory $s", ("s", folder.Path)).Output;
            Assert.True(listed.Single(r => r.Get<string>("RequestId") == _backendWrite.RequestId).Get<bool>("IsWithinEntitlement"));
            var pending = folder.Pending;
            ((JsonArray)pending[_backendWrite.RequestId]!["scopes"]!).Add(TalkSecrets);
            File.WriteAllText(folder.PendingPath, pending.ToJsonString());
            var paired = File.ReadAllText(folder.PairedPath);

            var result = _shell.Run("$listed | Where-Object IsWithinEntitlement | Approve-OpenClawDeviceRequest -Offline -StateDirectory $s -Confirm:$false -PassThru",
                ("listed", listed), ("s", folder.Path));

            Assert.Equal(new[] { "OpenClaw.RequestNoLongerEntitled" }, result.ErrorIds);
            Assert.Empty(result.Output);
            Assert.Equal(paired, File.ReadAllText(folder.PairedPath));
            Assert.Contains(_backendWrite.RequestId, folder.Pending.Select(p => p.Key));
        }

        public void Dispose() => _shell.Dispose();
    }
}
