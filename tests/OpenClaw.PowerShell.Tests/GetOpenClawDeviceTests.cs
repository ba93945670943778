using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>Get-OpenClawDevice against a fake 2026.2.19 gateway: typed output, and every way of selecting devices.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class GetOpenClawDeviceTests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public GetOpenClawDeviceTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void ListsEveryPairedDeviceAsTypedObjectsWithTheirFields()
        {
            var result = _shell.RunOk("Get-OpenClawDevice @c");

            Assert.Equal(_devices.All.Select(d => d.DeviceId).OrderBy(i => i), result.Output.Select(o => o.Id()).OrderBy(i => i));
            Assert.All(result.Output, o => Assert.Equal("OpenClaw.PowerShell.OpenClawDevice", o.BaseObject.GetType().FullName));

            var backend = result.Output.Single(o => o.Id() == _devices.Backend.DeviceId);
            Assert.Equal("build-agent", backend.Get<string>("Name"));
            Assert.Equal("build-agent", backend.Get<string>("DisplayName"));
            Assert.Equal(_devices.Backend.ShortId, backend.Get<string>("ShortId"));
            Assert.Equal("gateway-client", backend.Get<string>("ClientId"));
            Assert.Equal("backend", backend.Get<string>("ClientMode"));
            Assert.Equal("linux", backend.Get<string>("Platform"));
            Assert.Equal("operator", backend.Get<string>("Role"));
            Assert.Equal(new[] { "operator" }, backend.Get<string[]>("Roles"));
            Assert.Equal(Scopes.Legacy, backend.Get<string[]>("Scopes"));
            Assert.Equal("2026.2.19", backend.Get<string>("GatewayRelease"));
            Assert.Equal(_shell.Gateway.Url, backend.Get<Uri>("GatewayUrl"));
            Assert.False(backend.Get<bool>("IsCurrentIdentity"));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795555385623), backend.Get<DateTimeOffset?>("ApprovedAt"));
            var token = Assert.Single(backend.Get<object[]>("Tokens").Cast<object>());
            Assert.Equal("operator [operator.admin, operator.approvals, operator.pairing]", token.ToString());
        }

        [Fact]
        public void TheCliDeviceCarriesItsPendingRepairRequestAndItsClientIdAsName()
        {
            var cli = Assert.Single(_shell.RunOk("Get-OpenClawDevice @c -DeviceId $id", ("id", TestDevices.CliId)).Output);

            Assert.Equal("cli", cli.Get<string>("Name"));
            var request = Assert.Single(cli.Get<object[]>("PendingRequests").Select(PSObject.AsPSObject));
            Assert.Equal(TestDevices.CliRequestId, request.Get<string>("RequestId"));
            Assert.Equal(new[] { Scopes.Read }, request.Get<string[]>("Scopes"));
            Assert.True(request.Get<bool>("IsRepair"));
        }

        [Theory]
        [InlineData("full")]
        [InlineData("short")]
        [InlineData("wildcard")]
        [InlineData("upper")]
        public void SelectsOneDeviceByFullIdShortIdOrWildcard(string form)
        {
            var id = _devices.Backend.DeviceId;
            var given = form switch
            {
                "full" => id,
                "short" => _devices.Backend.ShortId,
                "wildcard" => id.Substring(0, 8) + "*",
                _ => id.ToUpperInvariant(),
            };

            var result = _shell.RunOk("Get-OpenClawDevice @c -DeviceId $id", ("id", given));

            Assert.Equal(id, Assert.Single(result.Output).Id());
        }

        [Fact]
        public void AWildcardThatMatchesNothingIsNotAnError()
        {
            var result = _shell.RunOk("Get-OpenClawDevice @c -DeviceId 'ffffffffffff*'");
            Assert.Empty(result.Output);
        }

        [Fact]
        public void AnIdThatMatchesNothingIsANonTerminatingDeviceNotFoundAndTheOthersAreStillReturned()
        {
            var result = _shell.Run("Get-OpenClawDevice @c -DeviceId $ids",
                ("ids", new[] { _devices.Backend.ShortId, "0123456789ab", _devices.Reader.DeviceId }));

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { _devices.Backend.DeviceId, _devices.Reader.DeviceId }, result.Output.Select(o => o.Id()));
            var error = Assert.Single(result.Errors);
            Assert.Equal("OpenClaw.DeviceNotFound", error.ErrorId());
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("0123456789ab", error.TargetObject);
        }

        [Fact]
        public void ErrorVariableAndSilentlyContinueWork()
        {
            var result = _shell.Run(
                "$found = Get-OpenClawDevice @c -DeviceId $ids -ErrorAction SilentlyContinue -ErrorVariable missing; " +
                "[pscustomobject]@{ Found = @($found).Count; Missing = $missing.Count; Id = $missing[0].FullyQualifiedErrorId }",
                ("ids", new[] { "0123456789ab", _devices.Full.ShortId }));

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var summary = Assert.Single(result.Output);
            Assert.Equal(1, summary.Get<int>("Found"));
            Assert.Equal(1, summary.Get<int>("Missing"));
            Assert.StartsWith("OpenClaw.DeviceNotFound", summary.Get<string>("Id"));
        }

        [Fact]
        public void SelectsByNameOrClientIdWithWildcards()
        {
            Assert.Equal(_devices.Backend.DeviceId, Assert.Single(_shell.RunOk("Get-OpenClawDevice @c -Name build-agent").Output).Id());
            Assert.Equal(new[] { _devices.Backend.DeviceId, _devices.Reader.DeviceId }.OrderBy(i => i),
                _shell.RunOk("Get-OpenClawDevice @c -Name gateway-*").Output.Select(o => o.Id()).OrderBy(i => i));
            Assert.Equal(new[] { _devices.Full.DeviceId, _devices.Reader.DeviceId }.OrderBy(i => i),
                _shell.RunOk("Get-OpenClawDevice @c -Name LAPTOP, dash*").Output.Select(o => o.Id()).OrderBy(i => i));
        }

        [Fact]
        public void ANameThatMatchesNothingIsReported()
        {
            var result = _shell.Run("Get-OpenClawDevice @c -Name 'no-such-device'");
            Assert.Null(result.Terminating);
            Assert.Empty(result.Output);
            Assert.Equal("OpenClaw.DeviceNotFound", Assert.Single(result.Errors).ErrorId());
        }

        [Fact]
        public void FiltersByRole()
        {
            Assert.Equal(_devices.Node.DeviceId, Assert.Single(_shell.RunOk("Get-OpenClawDevice @c -Role node").Output).Id());
            Assert.Equal(4, _shell.RunOk("Get-OpenClawDevice @c -Role operator").Output.Count);
        }

        [Fact]
        public void ReadsWithOneListAndNeverSendsAChangingRequest()
        {
            _shell.RunOk("Get-OpenClawDevice @c -DeviceId $ids", ("ids", new[] { _devices.Cli.ShortId, _devices.Full.ShortId }));

            Assert.Single(_shell.Gateway.Requests("device.pair.list"));
            Assert.Empty(_shell.Gateway.ChangingRequests);
            var connect = Assert.Single(_shell.Gateway.Connects);
            Assert.True(connect.Accepted, connect.SignedPayloadProblem);
            Assert.Equal(new[] { Scopes.Pairing }, connect.Scopes);
            Assert.Equal("token", connect.AuthKind);
        }

        public void Dispose() => _shell.Dispose();
    }
}
