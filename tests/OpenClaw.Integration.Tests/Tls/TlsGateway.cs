using System;
using System.Security.Cryptography.X509Certificates;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Integration.Tests.Tls
{
    /// <summary>
    /// One real 2026.2.19 gateway behind <see cref="TlsTerminatingProxy"/>, shared by a test class. It starts on
    /// first use, so a class whose tests are all skipped (releases not installed) starts nothing.
    /// </summary>
    public sealed class TlsGateway : IDisposable
    {
        public const string Release = "2026.2.19";

        private readonly object _startLock = new object();
        private LocalGateway? _gateway;
        private TlsTerminatingProxy? _proxy;
        private X509Certificate2? _certificate;

        public LocalGateway Gateway => Started()._gateway!;

        public TlsTerminatingProxy Proxy => Started()._proxy!;

        /// <summary>The fingerprint of the certificate the proxy presents, as openssl prints it (AA:BB:…).</summary>
        public string Fingerprint => SelfSignedCertificate.Fingerprint(Started()._certificate!);

        /// <summary>The fingerprint of another self-signed certificate with the same names: what an interceptor presents.</summary>
        public string OtherFingerprint { get; } = SelfSignedCertificate.Fingerprint(SelfSignedCertificate.Create());

        /// <summary>
        /// The arguments of a wss:// connection through the proxy, less -TlsFingerprint, for a <see cref="ModuleShell"/>
        /// script (its $c carries the token, which so never appears in script text).
        /// </summary>
        public string WssArguments => $"-Url '{Proxy.Url}' -Token $c.Token -StateDirectory $c.StateDirectory";

        private TlsGateway Started()
        {
            lock (_startLock)
            {
                if (_gateway != null) return this;
                var gateway = new LocalGateway();
                try
                {
                    gateway.Start(Release);
                    // Pair the module's own identity over plain ws:// first, so what the TLS tests see depends on
                    // the certificate only.
                    using (var shell = new ModuleShell(gateway)) shell.Run("Get-OpenClawDevice @c").ThrowIfFailed();
                    _certificate = SelfSignedCertificate.Create();
                    _proxy = new TlsTerminatingProxy(_certificate, gateway.Port);
                    _gateway = gateway;
                }
                catch
                {
                    gateway.Dispose();
                    throw;
                }
                return this;
            }
        }

        public void Dispose()
        {
            _proxy?.Dispose();
            _gateway?.Dispose();
            _certificate?.Dispose();
        }
    }
}
