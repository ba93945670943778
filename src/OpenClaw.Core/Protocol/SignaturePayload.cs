using System.Collections.Generic;

namespace OpenClaw.Core.Protocol
{
    /// <summary>
    /// The string a device signs in the connect handshake. 2026.2.x accepts only v2 and rejects v3; 2026.9.x tries
    /// v3 and falls back to v2; so the module always signs v2, which both generations accept (observed). v3 is
    /// built too, for tests against known vectors and for a future gateway that drops v2.
    /// </summary>
    public static class SignaturePayload
    {
        public static string V2(string deviceId, string clientId, string clientMode, string role,
            IReadOnlyList<string> scopes, long signedAtMs, string? token, string nonce) =>
            Join("v2", deviceId, clientId, clientMode, role, scopes, signedAtMs, token, nonce);

        public static string V3(string deviceId, string clientId, string clientMode, string role,
            IReadOnlyList<string> scopes, long signedAtMs, string? token, string nonce, string? platform, string? deviceFamily) =>
            Join("v3", deviceId, clientId, clientMode, role, scopes, signedAtMs, token, nonce)
            + "|" + NormalizeMetadata(platform) + "|" + NormalizeMetadata(deviceFamily);

        private static string Join(string version, string deviceId, string clientId, string clientMode, string role,
            IReadOnlyList<string> scopes, long signedAtMs, string? token, string nonce) =>
            string.Join("|", version, deviceId, clientId, clientMode, role, string.Join(",", scopes),
                signedAtMs.ToString(System.Globalization.CultureInfo.InvariantCulture), token ?? "", nonce);

        /// <summary>9.6 trims and ASCII-lowercases platform and deviceFamily before signing.</summary>
        private static string NormalizeMetadata(string? value)
        {
            if (string.IsNullOrEmpty(value)) return "";
            var chars = value!.Trim().ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char)(chars[i] + 32);
            }
            return new string(chars);
        }
    }
}
