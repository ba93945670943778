using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Identity;

namespace OpenClaw.Core.Protocol
{
    /// <summary>What to ask for when connecting.</summary>
    public sealed class ConnectOptions
    {
        public ConnectOptions(DeviceIdentity identity, GatewayCredential? credential, IReadOnlyList<string> scopes)
        {
            Identity = identity;
            Credential = credential;
            Scopes = scopes;
        }

        public DeviceIdentity Identity { get; }

        public GatewayCredential? Credential { get; }

        public IReadOnlyList<string> Scopes { get; }

        public string Role { get; set; } = "operator";

        /// <summary>
        /// Acting as the CLI device, the module presents itself exactly as the CLI does (client cli/cli, no display
        /// name), because 2026.9.x asks for re-approval when a paired device's metadata changes.
        /// </summary>
        public string ClientId { get; set; } = "cli";

        public string ClientMode { get; set; } = "cli";

        public string ClientVersion { get; set; } = "0.0.0";

        public string? DisplayName { get; set; }

        public string Platform { get; set; } = CurrentPlatform();

        /// <summary>Node's <c>process.platform</c> names, which is what OpenClaw clients report.</summary>
        public static string CurrentPlatform() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win32"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "darwin"
            : "linux";
    }

    /// <summary>
    /// Builds the connect request (sans-IO: strings in, JSON out). Protocol 3..4 is offered because 2026.2.x speaks
    /// only 3 and 2026.9.x requires 4; the gateway picks. The payload is signed as v2, which both accept.
    /// </summary>
    public static class ConnectRequest
    {
        public const int MinProtocol = 3;
        public const int MaxProtocol = 4;

        /// <summary>Reads nonce and ts from a <c>connect.challenge</c> event payload.</summary>
        public static (string Nonce, long? Ts) ReadChallenge(JObject payload)
        {
            var nonce = JsonRead.Text(payload["nonce"]);
            if (string.IsNullOrEmpty(nonce)) throw new FormatException("The connect.challenge event has no nonce.");
            return (nonce!, JsonRead.Integer(payload["ts"]));
        }

        /// <param name="signedAtMs">
        /// The challenge's own ts where the gateway sent one: signing with the gateway's clock keeps a skewed local
        /// clock from failing the 2-minute (9.x) or 10-minute (2.x) window.
        /// </param>
        public static JObject Build(string requestId, ConnectOptions options, string nonce, long signedAtMs)
        {
            var credential = options.Credential;
            var auth = new JObject();
            string? signedToken = null;
            if (credential != null)
            {
                switch (credential.Kind)
                {
                    case GatewayCredentialKind.Password:
                        auth["password"] = credential.Value;
                        break;
                    default:
                        // A device token also travels as auth.token: 2026.2.x checks the shared token first and then
                        // the device token, and 2026.9.x signs auth.token ?? auth.deviceToken, so one field serves both.
                        auth["token"] = credential.Value;
                        signedToken = credential.Value;
                        break;
                }
            }

            var identity = options.Identity;
            var signature = identity.Sign(SignaturePayload.V2(identity.DeviceId, options.ClientId, options.ClientMode,
                options.Role, options.Scopes, signedAtMs, signedToken, nonce));

            var client = new JObject
            {
                ["id"] = options.ClientId,
                ["version"] = options.ClientVersion,
                ["platform"] = options.Platform,
                ["mode"] = options.ClientMode,
            };
            if (!string.IsNullOrEmpty(options.DisplayName)) client["displayName"] = options.DisplayName;

            var parameters = new JObject
            {
                ["minProtocol"] = MinProtocol,
                ["maxProtocol"] = MaxProtocol,
                ["client"] = client,
                ["caps"] = new JArray(),
                ["role"] = options.Role,
                ["scopes"] = new JArray(options.Scopes.Cast<object>().ToArray()),
                ["auth"] = auth,
                ["device"] = new JObject
                {
                    ["id"] = identity.DeviceId,
                    ["publicKey"] = identity.PublicKeyBase64Url,
                    ["signature"] = signature,
                    ["signedAt"] = signedAtMs,
                    ["nonce"] = nonce,
                },
            };
            return Frames.Request(requestId, "connect", parameters);
        }
    }
}
