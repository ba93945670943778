using System;
using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Core.Configuration
{
    public enum GatewayCredentialKind
    {
        /// <summary>The gateway's shared token (<c>gateway.auth.token</c>, <c>--token</c>).</summary>
        Token,
        /// <summary>The gateway's shared password (<c>gateway.auth.password</c>).</summary>
        Password,
        /// <summary>A device token the gateway issued to this identity (cached in device-auth.json).</summary>
        DeviceToken,
    }

    /// <summary>
    /// A secret with where it came from. <see cref="ToString"/> never shows the value, so a credential that lands
    /// in a log line, a verbose message or an exception text leaks nothing.
    /// </summary>
    public sealed class GatewayCredential
    {
        public GatewayCredential(GatewayCredentialKind kind, string value, string source)
        {
            if (string.IsNullOrEmpty(value)) throw new ArgumentException("A credential cannot be empty.", nameof(value));
            Kind = kind;
            Value = value;
            Source = source;
        }

        public GatewayCredentialKind Kind { get; }

        /// <summary>The secret itself. Only the protocol layer reads it.</summary>
        internal string Value { get; }

        /// <summary>Where the secret was found, e.g. "the command", "OPENCLAW_GATEWAY_TOKEN", "openclaw.json".</summary>
        public string Source { get; }

        /// <summary>
        /// A SHA-256 digest of the kind and the secret, Base64: equal for the same secret, so callers can tell two
        /// credentials apart (e.g. whether two commands may share a session) without holding a copy of the value.
        /// </summary>
        public string Digest
        {
            get
            {
                using var sha = SHA256.Create();
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(Kind + "\n" + Value)));
            }
        }

        public override string ToString() => $"{Kind} from {Source}";
    }
}
