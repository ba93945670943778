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
    /// Pins a wss:// gateway to the SHA-256 fingerprint of its certificate, for self-signed gateway certificates.
    /// The check is per socket (ClientWebSocketOptions.RemoteCertificateValidationCallback, .NET Core 2.1+ and so
    /// PowerShell 7); process-wide TLS settings are never touched, because they would weaken every other connection
    /// in the PowerShell process. Windows PowerShell 5.1's client has no per-socket hook, so pinning is refused
    /// there with an explanation rather than silently skipped.
    /// </summary>
    public sealed class CertificatePinning
    {
        public const string UnsupportedErrorId = "OpenClaw.TlsPinningUnsupported";
        public const string MismatchErrorId = "OpenClaw.TlsFingerprintMismatch";
        public const string InvalidErrorId = "OpenClaw.InvalidTlsFingerprint";

        private readonly byte[] _expected;

        private CertificatePinning(byte[] expected)
        {
            _expected = expected;
        }

        /// <summary>The fingerprint the gateway presented, when it was not the expected one.</summary>
        public string? Mismatched { get; private set; }

        /// <summary>Accepts hex with or without colons or spaces (openssl prints AA:BB:…).</summary>
        public static CertificatePinning Parse(string fingerprint)
        {
            var hex = new string(fingerprint.Where(c => c != ':' && c != ' ' && c != '-').ToArray());
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new OpenClawException(InvalidErrorId, OpenClawErrorKind.InvalidArgument,
                    $"'{fingerprint}' is not a SHA-256 certificate fingerprint (64 hex digits, colons allowed).",
                    "Get it with: openssl x509 -in gateway.crt -noout -fingerprint -sha256", fingerprint);
            }
            var bytes = new byte[32];
            for (var i = 0; i < 32; i++) bytes[i] = byte.Parse(hex.Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return new CertificatePinning(bytes);
        }

        public void Apply(ClientWebSocketOptions options, Uri url)
        {
            if (url.Scheme != "wss")
            {
                throw new OpenClawException(InvalidErrorId, OpenClawErrorKind.InvalidArgument,
                    $"-TlsFingerprint pins a TLS certificate, but {url} is not a wss:// URL.", "Use a wss:// URL, or leave out -TlsFingerprint.", url.ToString());
            }
            var property = typeof(ClientWebSocketOptions).GetProperty("RemoteCertificateValidationCallback");
            if (property == null)
            {
                throw new OpenClawException(UnsupportedErrorId, OpenClawErrorKind.NotImplemented,
                    "Certificate pinning (-TlsFingerprint) is not possible in Windows PowerShell 5.1: its WebSocket client has no per-connection certificate check, and the module will not change process-wide TLS settings.",
                    "Run the command in PowerShell 7 (pwsh), or leave out -TlsFingerprint to rely on the system's certificate trust.", url.ToString());
            }
            RemoteCertificateValidationCallback check = (_, certificate, _, _) =>
            {
                if (certificate == null) return false;
                using var sha = SHA256.Create();
                var actual = sha.ComputeHash(certificate.GetRawCertData());
                if (actual.SequenceEqual(_expected)) return true;
                Mismatched = Format(actual);
                return false;
            };
            property.SetValue(options, check);
        }

        public OpenClawException MismatchError(Uri url) =>
            new OpenClawException(MismatchErrorId, OpenClawErrorKind.AuthenticationError,
                $"The gateway at {url} presented a certificate with SHA-256 fingerprint {Mismatched}, not the pinned {Format(_expected)}; the connection was refused.",
                "If the gateway's certificate was replaced on purpose, pin the new fingerprint; otherwise something is intercepting the connection.", url.ToString());

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
    }
}
