using System.Security;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>Credentials go in as strings or SecureStrings; no secret (given, issued or rotated) ever comes out in a stream.</summary>
    [Collection(GatewayCollection.Name)]
    public sealed class SecretTests : IDisposable
    {
        private readonly FakeGatewayShell _shell = new();
        private readonly TestDevices _devices;

        public SecretTests()
        {
            _devices = TestDevices.SeedInto(_shell.Store);
        }

        [Fact]
        public void TokenWorksAsAPlainString()
        {
            var result = _shell.RunOk("Get-OpenClawDevice -Url $c.Url -StateDirectory $c.StateDirectory -Token $t -Verbose",
                ("t", _shell.Gateway.SharedToken));

            Assert.Equal(5, result.Output.Count);
            Assert.Equal("token", Assert.Single(_shell.Gateway.Connects).AuthKind);
            _shell.AssertNoSecretIn(result);
        }

        [Fact]
        public void TokenWorksAsASecureString()
        {
            var result = _shell.RunOk("Get-OpenClawDevice -Url $c.Url -StateDirectory $c.StateDirectory -Token $t -Verbose",
                ("t", Secure(_shell.Gateway.SharedToken)));

            Assert.Equal(5, result.Output.Count);
            var connect = Assert.Single(_shell.Gateway.Connects);
            Assert.True(connect.Accepted);
            Assert.Equal("token", connect.AuthKind);
            _shell.AssertNoSecretIn(result);
        }

        [Fact]
        public void PasswordWorksAsASecureString()
        {
            _shell.Gateway.Password = "gateway-password-" + Guid.NewGuid().ToString("N");

            var result = _shell.RunOk("Get-OpenClawDevice -Url $c.Url -StateDirectory $c.StateDirectory -Password $p -Verbose",
                ("p", Secure(_shell.Gateway.Password)));

            Assert.Equal(5, result.Output.Count);
            Assert.Equal("password", Assert.Single(_shell.Gateway.Connects).AuthKind);
            _shell.AssertNoSecretIn(result);
        }

        [Fact]
        public void ARepairShowsNoTokenInAnyStreamOrOutputProperty()
        {
            var result = _shell.RunOk(
                "Get-OpenClawDevice @c -Verbose | Test-OpenClawDeviceScope -Verbose | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru -Verbose");

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(2, _shell.Store.IssuedTokens.Count);
            Assert.NotEmpty(result.Verbose);
            _shell.AssertNoSecretIn(result);
        }

        [Fact]
        public void WhatIfAndFailuresShowNoToken()
        {
            _shell.Gateway.Script.FailRotateFor(_devices.Cli.DeviceId, "device store is busy");

            var whatIf = _shell.RunOk("Update-OpenClawDeviceScope @c -DeviceId $ids -WhatIf -Verbose", ("ids", _devices.Backend.DeviceId));
            var failed = _shell.Run("Update-OpenClawDeviceScope @c -DeviceId $id -Verbose -PassThru", ("id", _devices.Cli.DeviceId));

            Assert.Contains("What if:", whatIf.HostText);
            Assert.NotEmpty(failed.Errors);
            _shell.AssertNoSecretIn(whatIf);
            _shell.AssertNoSecretIn(failed);
        }

        [Fact]
        public void RotatingTheModulesOwnDeviceCachesTheNewTokenOnlyInDeviceAuthJson()
        {
            _shell.Gateway.AutoPairConnectingDevices = true;
            _shell.RunOk("Get-OpenClawDevice @c");
            var own = _shell.Store.Device(_shell.Gateway.Connects[0].DeviceId!)!;
            own.Scopes = Scopes.Legacy.ToList();
            own.Tokens["operator"].Scopes = Scopes.Legacy.ToList();

            var result = _shell.RunOk("Update-OpenClawDeviceScope @c -DeviceId $id -PassThru -Verbose", ("id", own.DeviceId));

            var change = Assert.Single(result.Output);
            Assert.True(change.Get<bool>("TokenCacheUpdated"));
            var rotated = Assert.Single(_shell.Store.IssuedTokens);
            var cache = File.ReadAllText(Path.Combine(_shell.ModuleHome, "identity", "device-auth.json"));
            Assert.Contains(rotated, cache);
            _shell.AssertNoSecretIn(result);

            // Without -Token the module now authenticates with the cached device token, and the gateway accepts it.
            var again = _shell.RunOk("Get-OpenClawDevice -Url $c.Url -StateDirectory $c.StateDirectory -DeviceId $id", ("id", own.DeviceId));
            Assert.True(Assert.Single(again.Output).Get<bool>("IsCurrentIdentity"));
            Assert.True(_shell.Gateway.Connects.Last().Accepted);
            _shell.AssertNoSecretIn(again);
        }

        internal static SecureString Secure(string value)
        {
            var secure = new SecureString();
            foreach (var c in value) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        public void Dispose() => _shell.Dispose();
    }
}
