using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>
    /// On 2026.2.21 a rotate no longer widens a device (facts §3.2): the repair approves the device's own pending
    /// request, then rotates the token back to the full set; with no usable request it says why and sends nothing.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class UpdateOn2221Tests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public UpdateOn2221Tests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
            _shell.Gateway.ServerVersion = "2026.2.21";
            _shell.Gateway.ConfigSchemaVersion = "2026.2.21";
            _shell.Store.Rotate = RotateSemantics.WithinBaseline;
        }

        [Fact]
        public void ApprovesTheDevicesOwnRequestThenRotatesToTheUnion()
        {
            var request = _shell.Store.Add(FakePendingRequest.RepairFor(_devices.Backend, Scopes.Write));

            var change = Assert.Single(_shell.RunOk("Update-OpenClawDeviceScope @c -DeviceId $id -PassThru", ("id", _devices.Backend.ShortId)).Output);

            Assert.Equal("ApproveAndRotate", change.Get<string>("Method"));
            Assert.Equal("Repaired", change.Get<string>("Status"));
            Assert.True(change.Get<bool>("Verified"));
            Assert.Equal(new[] { "device.pair.approve", "device.token.rotate" }, _shell.Gateway.ChangingRequests.Select(f => f.Method));
            Assert.Equal(request.RequestId, FakeJson.String(_shell.Gateway.Requests("device.pair.approve")[0].Params, "requestId"));
            var sent = FakeJson.Strings(_shell.Gateway.Requests("device.token.rotate")[0].Params["scopes"]);
            Assert.Empty(Scopes.Legacy.Except(sent));
            Assert.Contains(Scopes.Write, sent);
            Assert.Contains(Scopes.Write, _shell.Store.ScopesOf(_devices.Backend.DeviceId));
            Assert.Equal(Scopes.Sorted(sent), _shell.Store.Device(_devices.Backend.DeviceId)!.Tokens["operator"].Scopes);
        }

        [Fact]
        public void WithoutAUsableRequestItIsRepairNotPossibleAndNothingIsSent()
        {
            // The CLI's only pending request asks for operator.read, which does not supply the missing write.
            var result = _shell.Run("Update-OpenClawDeviceScope @c -DeviceId $id -PassThru; 'went on'", ("id", _devices.Cli.DeviceId));

            Assert.Equal("went on", Assert.Single(result.Output).BaseObject);
            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.RepairNotPossible", error.ErrorId());
            Assert.Equal(_devices.Cli.DeviceId, error.TargetObject);
            Assert.Contains("pending repair request", error.ToString());
            Assert.Empty(_shell.Gateway.ChangingRequests);
        }

        public void Dispose() => _shell.Dispose();
    }
}
