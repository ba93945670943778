using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Threading;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Integration.Tests.Tls;
using Xunit;
using static OpenClaw.Integration.Tests.Scenarios.ConnectionTests;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// wss:// to a real 2026.2.19 gateway behind a TLS endpoint with a self-signed certificate (the usual way to
    /// expose a loopback gateway): -TlsFingerprint pins that certificate for one socket, and nothing else in the
    /// process starts trusting it.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class TlsPinningTests : IClassFixture<TlsGateway>
    {
        private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
        private readonly TlsGateway _tls;

        public TlsPinningTests(TlsGateway tls)
        {
            _tls = tls;
        }

        [GatewayFact(TlsGateway.Release)]
        public void TheRightFingerprintWithOrWithoutColonsListsTheGatewaysDevices()
        {
            using var shell = new ModuleShell(_tls.Gateway);
            var colons = _tls.Fingerprint;
            foreach (var pin in new[] { colons, colons.Replace(":", "").ToLowerInvariant(), "sha256 Fingerprint=" + colons })
            {
                var sessions = _tls.Proxy.Sessions;
                var list = shell.Run($"Get-OpenClawDevice {_tls.WssArguments} -TlsFingerprint '{pin}'");
                list.ThrowIfFailed();
                var own = Assert.Single(list.Output, d => (bool)d.Properties["IsCurrentIdentity"].Value);
                Assert.Equal(new Uri(_tls.Proxy.Url), own.Properties["GatewayUrl"].Value);
                Assert.Equal(sessions + 1, _tls.Proxy.Sessions);
            }
        }

        [GatewayFact(TlsGateway.Release)]
        public void AWrongFingerprintIsRefusedNamingTheFingerprintThatWasPresented()
        {
            using var shell = new ModuleShell(_tls.Gateway);
            var sessions = _tls.Proxy.Sessions;
            var clock = Stopwatch.StartNew();

            var error = Terminating(shell.Run, $"Get-OpenClawDevice {_tls.WssArguments} -TlsFingerprint '{_tls.OtherFingerprint}'");

            Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
            Assert.Equal("OpenClaw.TlsFingerprintMismatch", Id(error));
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains(_tls.Fingerprint, error.Exception.Message);
            Assert.Contains(_tls.OtherFingerprint, error.Exception.Message);
            Assert.Equal(new Uri(_tls.Proxy.Url).ToString(), error.TargetObject);
            Assert.NotNull(error.ErrorDetails?.RecommendedAction);
            Assert.Equal(sessions, _tls.Proxy.Sessions); // the client broke off the handshake: nothing reached the gateway
        }

        [GatewayFact(TlsGateway.Release)]
        public void AMalformedFingerprintIsInvalidBeforeAnythingIsSent()
        {
            using var shell = new ModuleShell(_tls.Gateway);
            var accepted = _tls.Proxy.Accepted;
            var sha1 = string.Join(":", Enumerable.Repeat("AB", 20));
            foreach (var pin in new[] { "not-a-fingerprint", _tls.Fingerprint.Substring(3), "G" + _tls.Fingerprint.Substring(1), sha1 })
            {
                var error = Terminating(shell.Run, $"Get-OpenClawDevice {_tls.WssArguments} -TlsFingerprint '{pin}'");
                Assert.Equal("OpenClaw.InvalidTlsFingerprint", Id(error));
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Equal(pin, error.TargetObject);
            }
            Assert.Equal(accepted, _tls.Proxy.Accepted);
        }

        [GatewayFact(TlsGateway.Release)]
        public void AFingerprintForAPlainWsUrlIsInvalid()
        {
            using var shell = new ModuleShell(_tls.Gateway);
            foreach (var command in new[] { "Get-OpenClawDevice", "Connect-OpenClawGateway" })
            {
                var error = Terminating(shell.Run, $"{command} @c -TlsFingerprint '{_tls.Fingerprint}'");
                Assert.Equal("OpenClaw.InvalidTlsFingerprint", Id(error));
                Assert.Contains("wss://", error.Exception.Message);
            }
            Assert.Empty(shell.Run("Get-OpenClawConnection").Output);
        }

        [GatewayFact(TlsGateway.Release)]
        public void WithoutAPinASelfSignedCertificateFailsOnTrustAtOnce()
        {
            using var shell = new ModuleShell(_tls.Gateway);
            var sessions = _tls.Proxy.Sessions;
            var clock = Stopwatch.StartNew();

            var error = Terminating(shell.Run, $"Get-OpenClawDevice {_tls.WssArguments}");

            Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
            Assert.Equal("OpenClaw.TlsCertificateUntrusted", Id(error));
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            // Only the chain is wrong: the certificate names 127.0.0.1, so the refusal is about trust alone.
            Assert.Contains("(RemoteCertificateChainErrors)", error.Exception.Message);
            Assert.Contains(_tls.Fingerprint, error.Exception.Message);
            Assert.Contains("-TlsFingerprint", error.ErrorDetails?.RecommendedAction);
            Assert.Equal(sessions, _tls.Proxy.Sessions);
        }

        [GatewayFact(TlsGateway.Release)]
        public void ConnectKeepsThePinForLaterCommandsAndForTheReconnect()
        {
            using var shell = new ModuleShell(_tls.Gateway);
            var plain = _tls.Fingerprint.Replace(":", "").ToLowerInvariant();
            var connect = shell.Run($"$p = Connect-OpenClawGateway {_tls.WssArguments} -TlsFingerprint '{plain}'; $p");
            connect.ThrowIfFailed();
            var connection = Assert.Single(connect.Output);
            Assert.Equal(_tls.Fingerprint, connection.Properties["TlsFingerprint"].Value);
            Assert.Equal(new Uri(_tls.Proxy.Url), connection.Properties["Url"].Value);

            var sessions = _tls.Proxy.Sessions;
            for (var i = 0; i < 2; i++) Assert.NotEmpty(Succeeded(shell.Run("Get-OpenClawDevice")).Output);
            Assert.Equal(sessions, _tls.Proxy.Sessions); // the connection's socket, not new ones

            _tls.Proxy.DropAll();
            WaitUntil(() => !(bool)shell.Run("$p.IsOpen").Output.Single().BaseObject);
            var again = Succeeded(shell.Run("Get-OpenClawDevice -Verbose"));
            Assert.NotEmpty(again.Output);
            Assert.Contains(again.Verbose, v => v.Contains("reconnecting once", StringComparison.Ordinal));
            Assert.Equal(sessions + 1, _tls.Proxy.Sessions); // reopened through the same pin
            Assert.Equal(true, shell.Run("$p.IsOpen").Output.Single().BaseObject);
            Succeeded(shell.Run("Disconnect-OpenClawGateway $p"));
        }

        [GatewayFact(TlsGateway.Release)]
        public void APinnedConnectionLeavesTheProcesssTlsTrustAlone()
        {
            using var shell = new ModuleShell(_tls.Gateway);
            Succeeded(shell.Run($"$p = Connect-OpenClawGateway {_tls.WssArguments} -TlsFingerprint '{_tls.Fingerprint}'"));
            var https = new UriBuilder(_tls.Proxy.Url) { Scheme = "https" }.Uri;

#pragma warning disable SYSLIB0014 // ServicePointManager is obsolete, and exactly what a careless pin would set
            Assert.Null(System.Net.ServicePointManager.ServerCertificateValidationCallback);
#pragma warning restore SYSLIB0014
            using (var http = new HttpClient { Timeout = Prompt })
            {
                var refused = Assert.ThrowsAny<HttpRequestException>(() => http.GetAsync(https).GetAwaiter().GetResult());
                Assert.IsAssignableFrom<AuthenticationException>(refused.InnerException);
            }
            using (var socket = new ClientWebSocket())
            using (var timeout = new CancellationTokenSource(Prompt))
            {
                Assert.ThrowsAny<WebSocketException>(() => socket.ConnectAsync(new Uri(_tls.Proxy.Url), timeout.Token).GetAwaiter().GetResult());
            }
            // Nor does the module's next unpinned socket trust it, while the pinned one stays usable.
            Assert.Equal("OpenClaw.TlsCertificateUntrusted", Id(Terminating(shell.Run, $"Get-OpenClawDevice {_tls.WssArguments}")));
            Assert.NotEmpty(Succeeded(shell.Run("Get-OpenClawDevice -Connection $p")).Output);
            Succeeded(shell.Run("Disconnect-OpenClawGateway -All"));
        }
    }
}
