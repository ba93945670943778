using System.Security.Cryptography;
using OpenClaw.Core.Identity;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// Device token values made offline, for the one case a store edit must store a new token: an approval for a
    /// role with no usable token. The value stays in the store; nothing the module outputs or logs carries it.
    /// </summary>
    internal static class PairingTokens
    {
        /// <summary>A token as the gateway mints one (generatePairingToken: 32 random bytes, base64url, no padding).</summary>
        public static string NewValue()
        {
            var bytes = new byte[32];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return Base64Url.Encode(bytes);
        }
    }
}
