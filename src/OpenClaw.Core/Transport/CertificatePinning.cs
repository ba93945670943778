using System;
using System.Globalization;
using System.Linq;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Transport
{
    /// <summary>
    /// The certificate decision for one wss:// socket: either pinned to the SHA-256 fingerprint of the gateway's
    /// certificate (for self-signed gateway certificates), or the system's own trust. Either way the check is per
    /// socket (ClientWebSocketOptions.RemoteCertificateValidationCallback, .NET Core 2.1+ and so PowerShell 7);
    /// process-wide TLS settings (ServicePointManager) are never touched, because they would weaken every other
    /// connection in the PowerShell process. Windows PowerShell 5.1's client has no per-socket hook, so pinning is
    /// refused there with an explanation rather than silently skipped, and system trust is left to the default.
    /// </summary>
    public sealed class CertificatePinning
    {
        public const string UnsupportedErrorId = "OpenClaw.TlsPinningUnsupported";
        public const string MismatchErrorId = "OpenClaw.TlsFingerprintMismatch";
        public const string InvalidErrorId = "OpenClaw.InvalidTlsFingerprint";
        public const string UntrustedErrorId = "OpenClaw.TlsCertificateUntrusted";

        /// <summary>How to read a certificate's fingerprint on the gateway host, to compare it with a refused one.</summary>
        public const string HowToRead = "openssl x509 -in gateway.crt -noout -fingerprint -sha256";

        /// <summary>The pinned SHA-256 of the certificate's DER bytes; null means the system's trust decides.</summary>
        private readonly byte[]? _expected;

        private CertificatePinning(byte[]? expected)
        {
            _expected = expected;
        }

        /// <summary>The pinned fingerprint as AA:BB:…, or null for system trust.</summary>
        public string? Fingerprint => _expected == null ? null : Format(_expected);

        /// <summary>The fingerprint of the certificate the gateway presented, when the check refused it.</summary>
        public string? RefusedFingerprint { get; private set; }

        /// <summary>Why the system refused the certificate (system trust only).</summary>
        public SslPolicyErrors PolicyErrors { get; private set; }

        /// <summary>The system's certificate trust, but recording what was presented so a refusal can say what and why.</summary>
        public static CertificatePinning SystemTrust() => new CertificatePinning(null);

        /// <summary>
        /// Accepts hex with or without colons, spaces or dashes, in either case, and also openssl's whole output line
        /// ("sha256 Fingerprint=AA:BB:…"), since that is what people copy.
        /// </summary>
        public static CertificatePinning Parse(string fingerprint)
        {
            var text = fingerprint ?? "";
            var equals = text.LastIndexOf('=');
            var hex = new string(text.Substring(equals + 1).Where(c => c != ':' && c != ' ' && c != '-' && !char.IsWhiteSpace(c)).ToArray());
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new OpenClawException(InvalidErrorId, OpenClawErrorKind.InvalidArgument,
                    $"'{fingerprint}' is not a SHA-256 certificate fingerprint (64 hex digits, colons allowed).",
                    "Get it with: " + HowToRead, fingerprint);
            }
            var bytes = new byte[32];
            for (var i = 0; i < 32; i++) bytes[i] = byte.Parse(hex.Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return new CertificatePinning(bytes);
        }

        public void Apply(ClientWebSocketOptions options, Uri url)
        {
            if (url.Scheme != "wss")
            {
                if (_expected == null) return;
                throw new OpenClawException(InvalidErrorId, OpenClawErrorKind.InvalidArgument,
                    $"A TLS certificate fingerprint was given to pin, but {url} is not a wss:// URL.", new ErrorRemedy(RemedyKind.DropCertificatePin), url.ToString());
            }
            var property = typeof(ClientWebSocketOptions).GetProperty("RemoteCertificateValidationCallback");
            if (property == null)
            {
                if (_expected == null) return;
                throw new OpenClawException(UnsupportedErrorId, OpenClawErrorKind.NotImplemented,
                    "Certificate pinning is not possible in Windows PowerShell 5.1: its WebSocket client has no per-connection certificate check, and the module will not change process-wide TLS settings.",
                    new ErrorRemedy(RemedyKind.DropCertificatePin), url.ToString());
            }
            RemoteCertificateValidationCallback check = (_, certificate, _, errors) =>
            {
                if (certificate == null) return false;
                var actual = Hash(certificate.GetRawCertData());
                // A pin replaces the chain and name checks: the fingerprint is the gateway's identity. Without one,
                // the answer is exactly the default one (no policy errors).
                var accepted = _expected != null ? actual.SequenceEqual(_expected) : errors == SslPolicyErrors.None;
                if (!accepted)
                {
                    RefusedFingerprint = Format(actual);
                    PolicyErrors = errors;
                }
                return accepted;
            };
            property.SetValue(options, check);
        }

        /// <summary>The error for a certificate this check refused (when <see cref="RefusedFingerprint"/> is set).</summary>
        public OpenClawException RejectionError(Uri url, Exception? cause = null) =>
            _expected != null
                ? new OpenClawException(MismatchErrorId, OpenClawErrorKind.AuthenticationError,
                    $"The gateway at {url} presented a certificate with SHA-256 fingerprint {RefusedFingerprint}, not the pinned {Format(_expected)}; the connection was refused.",
                    "If the gateway's certificate was replaced on purpose, pin the new fingerprint; otherwise something is intercepting the connection.", url.ToString(), cause)
                : new OpenClawException(UntrustedErrorId, OpenClawErrorKind.AuthenticationError,
                    $"The gateway at {url} presented a certificate that this system does not trust ({PolicyErrors}); its SHA-256 fingerprint is {RefusedFingerprint}. The connection was refused.",
                    new ErrorRemedy(RemedyKind.PinCertificate), url.ToString(), cause);

        public static string Format(byte[] hash)
        {
            var text = new StringBuilder(hash.Length * 3);
            foreach (var b in hash)
            {
                if (text.Length > 0) text.Append(':');
                text.Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }

        private static byte[] Hash(byte[] der)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(der);
        }
    }
}
