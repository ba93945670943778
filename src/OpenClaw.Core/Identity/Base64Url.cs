using System;

namespace OpenClaw.Core.Identity
{
    /// <summary>Unpadded base64url, the encoding OpenClaw uses for public keys, signatures and tokens.</summary>
    public static class Base64Url
    {
        public static string Encode(byte[] data) =>
            Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static byte[] Decode(string text)
        {
            var s = text.Replace('-', '+').Replace('_', '/');
            switch (s.Length % 4)
            {
                case 2: s += "=="; break;
                case 3: s += "="; break;
                case 1: throw new FormatException("Not valid base64url: the length is impossible.");
            }
            return Convert.FromBase64String(s);
        }
    }
}
