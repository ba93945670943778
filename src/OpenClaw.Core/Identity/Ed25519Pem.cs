using System;

namespace OpenClaw.Core.Identity
{
    /// <summary>
    /// Reads the exact PEM Node's <c>generateKeyPairSync("ed25519")</c> writes without a general PEM/ASN.1 parser.
    /// Such a key's DER is always a fixed prefix followed by the 32 key bytes (PKCS#8 v1: 16 + 32 bytes; SPKI:
    /// 12 + 32), so a byte comparison is a complete check. BouncyCastle's PemReader and PrivateKeyFactory cost a
    /// new process about as much JIT time as the rest of connecting, for a file every online command reads.
    /// Anything else returns null, and the caller gives it to BouncyCastle, so other encodings still load and
    /// bad input still gets the same specific error as before.
    /// </summary>
    internal static class Ed25519Pem
    {
        /// <summary>SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }.</summary>
        private static readonly byte[] Pkcs8Prefix =
            { 0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20 };

        /// <summary>SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits, 32 bytes) }.</summary>
        private static readonly byte[] SpkiPrefix =
            { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };

        private const int KeyBytes = 32;

        /// <summary>The 32-byte private seed of a Node-style PKCS#8 v1 PEM, or null for anything else.</summary>
        public static byte[]? TryReadPrivateSeed(string pem) => TryRead(pem, "PRIVATE KEY", Pkcs8Prefix);

        /// <summary>The 32-byte raw public key of an SPKI PEM, or null for anything else.</summary>
        public static byte[]? TryReadPublicKey(string pem) => TryRead(pem, "PUBLIC KEY", SpkiPrefix);

        private static byte[]? TryRead(string pem, string label, byte[] prefix)
        {
            var begin = "-----BEGIN " + label + "-----";
            var end = "-----END " + label + "-----";
            var text = pem.Trim();
            if (text.Length <= begin.Length + end.Length
                || !text.StartsWith(begin, StringComparison.Ordinal) || !text.EndsWith(end, StringComparison.Ordinal))
            {
                return null;
            }
            var body = text.Substring(begin.Length, text.Length - begin.Length - end.Length);
            // The armour lines stand alone, and a body with headers (Proc-Type: …) is not what Node writes.
            if (!IsLineBreak(body[0]) || !IsLineBreak(body[body.Length - 1]) || body.IndexOf(':') >= 0) return null;
            byte[] der;
            try
            {
                der = Convert.FromBase64String(body);
            }
            catch (FormatException)
            {
                return null;
            }
            if (der.Length != prefix.Length + KeyBytes) return null;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (der[i] != prefix[i]) return null;
            }
            var key = new byte[KeyBytes];
            Buffer.BlockCopy(der, prefix.Length, key, 0, KeyBytes);
            return key;
        }

        private static bool IsLineBreak(char c) => c == '\n' || c == '\r';
    }
}
