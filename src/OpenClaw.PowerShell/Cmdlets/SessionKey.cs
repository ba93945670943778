using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Everything that decides what a session a cmdlet opens for itself is: the resolved URL, the shared credential,
    /// the state folder and module home the acting identity comes from, the TLS pin, the timeout and a -Release
    /// override. Two cmdlets whose keys are equal would open the same session, so one may use the other's
    /// (PipelineSessions). The credential is kept as a SHA-256 digest, never as a second copy of the secret.
    /// </summary>
    internal sealed class SessionKey : IEquatable<SessionKey>
    {
        private readonly string _identity;

        private SessionKey(string identity)
        {
            _identity = identity;
        }

        /// <summary>The key, or null when the credential's source cannot be told apart safely (then nothing is shared).</summary>
        public static SessionKey? For(GatewaySettings settings, GatewaySettingsRequest request, string moduleHome,
            string? tlsFingerprint, int timeoutSec, GatewayRelease? release)
        {
            var credential = CredentialDigest(settings, request);
            if (credential == null) return null;
            return new SessionKey(string.Join("\n",
                settings.Url.AbsoluteUri, credential, settings.StateDirectory, moduleHome,
                tlsFingerprint ?? "", timeoutSec.ToString(System.Globalization.CultureInfo.InvariantCulture), release?.Name ?? ""));
        }

        /// <summary>
        /// The credential's kind, source and a digest of its value. The core keeps the value to itself, so it is
        /// read again from where GatewaySettingsResolver found it: the parameter, the environment variable the
        /// source names, or openclaw.json, whose whole text is digested (any edit to it means a different key).
        /// </summary>
        private static string? CredentialDigest(GatewaySettings settings, GatewaySettingsRequest request)
        {
            var credential = settings.Credential;
            if (credential == null) return "none";
            string? secret;
            try
            {
                secret = credential.Source switch
                {
                    "-Token" => request.Token,
                    "-Password" => request.Password,
                    _ when credential.Source == settings.ConfigPath => File.ReadAllText(settings.ConfigPath),
                    _ => Environment.GetEnvironmentVariable(credential.Source),
                };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
            if (secret == null) return null;
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(secret));
            return credential.Kind + " from " + credential.Source + " " + Convert.ToBase64String(digest);
        }

        public bool Equals(SessionKey? other) => other != null && string.Equals(_identity, other._identity, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as SessionKey);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_identity);
    }
}
