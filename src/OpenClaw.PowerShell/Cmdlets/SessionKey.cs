using System;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Everything that decides what a session a cmdlet opens for itself is: the resolved URL, the shared credential,
    /// the state folder and module home the acting identity comes from, the TLS pin, the timeout and a -Release
    /// override, and whether the identity's cached device token may be sent. Two cmdlets whose keys are equal would open the same session, so one may use the other's
    /// (PipelineSessions). The credential is compared by its digest (GatewayCredential.Digest), never as a second copy of the secret.
    /// </summary>
    internal sealed class SessionKey : IEquatable<SessionKey>
    {
        private readonly string _identity;

        private SessionKey(string identity)
        {
            _identity = identity;
        }

        public static SessionKey For(GatewaySettings settings, string moduleHome, string? tlsFingerprint, int timeoutSec, GatewayRelease? release,
            bool cachedDeviceToken)
        {
            var credential = settings.Credential == null ? "none" : settings.Credential.Kind + " " + settings.Credential.Digest;
            return new SessionKey(string.Join("\n",
                settings.Url.AbsoluteUri, credential, settings.StateDirectory, moduleHome,
                tlsFingerprint ?? "", timeoutSec.ToString(System.Globalization.CultureInfo.InvariantCulture), release?.Name ?? "",
                cachedDeviceToken ? "cached device token" : "no cached device token"));
        }

        public bool Equals(SessionKey? other) => other != null && string.Equals(_identity, other._identity, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as SessionKey);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_identity);
    }
}
