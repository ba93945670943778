using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenClaw.Integration.Tests.Tls
{
    /// <summary>
    /// A server certificate made at test time, as a gateway operator makes one with openssl: self-signed, valid for
    /// 127.0.0.1, ::1 and localhost (so a client without a pin fails only on trust, never on the name), for server
    /// authentication, and good for a day.
    /// </summary>
    public static class SelfSignedCertificate
    {
        public static X509Certificate2 Create(string commonName = "openclaw-test-gateway")
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                new OidCollection { new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication") }, false));
            var now = DateTimeOffset.UtcNow;
            using var ephemeral = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
            // Round-tripped through PKCS#12 so the private key is usable by SslStream on every platform (Windows
            // refuses ephemeral keys for TLS servers).
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }

        /// <summary>SHA-256 of the certificate's DER bytes, as openssl prints it (AA:BB:…).</summary>
        public static string Fingerprint(X509Certificate2 certificate) =>
            BitConverter.ToString(SHA256.HashData(certificate.RawData)).Replace('-', ':');
    }
}
