using System;

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

        /// <summary>Where the secret was found, e.g. "-Token", "OPENCLAW_GATEWAY_TOKEN", "openclaw.json".</summary>
        public string Source { get; }

        public override string ToString() => $"{Kind} from {Source}";
    }
}
