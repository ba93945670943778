using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace OpenClaw.Core.Identity
{
    /// <summary>
    /// An Ed25519 device identity as OpenClaw defines it: the device id is the lowercase hex SHA-256 of the raw
    /// 32-byte public key, and the gateway sees the key as unpadded base64url. Keys travel as PKCS#8/SPKI PEM, the
    /// format Node's <c>generateKeyPairSync("ed25519")</c> writes, so the module can use the CLI's own identity.
    /// </summary>
    public sealed class DeviceIdentity
    {
        private readonly Ed25519PrivateKeyParameters _privateKey;

        private DeviceIdentity(Ed25519PrivateKeyParameters privateKey, DateTimeOffset createdAt)
        {
            _privateKey = privateKey;
            PublicKeyRaw = privateKey.GeneratePublicKey().GetEncoded();
            DeviceId = ComputeDeviceId(PublicKeyRaw);
            CreatedAt = createdAt;
        }

        public string DeviceId { get; }

        public byte[] PublicKeyRaw { get; }

        public string PublicKeyBase64Url => Base64Url.Encode(PublicKeyRaw);

        public DateTimeOffset CreatedAt { get; }

        public static DeviceIdentity Generate()
        {
            var key = new Ed25519PrivateKeyParameters(new SecureRandom());
            return new DeviceIdentity(key, DateTimeOffset.UtcNow);
        }

        /// <summary>Loads a PKCS#8 PEM private key. Throws <see cref="FormatException"/> with a reason on bad input.</summary>
        public static DeviceIdentity FromPrivateKeyPem(string pem, DateTimeOffset createdAt)
        {
            object? parsed;
            try
            {
                using var reader = new StringReader(pem);
                parsed = new PemReader(reader).ReadObject();
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is InvalidCastException
                                       || e is PemException || e is SecurityUtilityException || e is FormatException)
            {
                throw new FormatException("The private key PEM cannot be read: " + e.Message, e);
            }

            var key = parsed switch
            {
                Ed25519PrivateKeyParameters k => k,
                AsymmetricCipherKeyPair pair => pair.Private as Ed25519PrivateKeyParameters,
                null => throw new FormatException("The private key PEM holds no key (expected -----BEGIN PRIVATE KEY-----)."),
                _ => null,
            };
            if (key is null)
            {
                throw new FormatException(
                    $"The private key is not an Ed25519 key ({parsed.GetType().Name.Replace("Parameters", "")}); OpenClaw device identities are Ed25519.");
            }
            return new DeviceIdentity(key, createdAt);
        }

        /// <summary>Reads the raw 32-byte key from an SPKI PEM (used to check a stored public key against the private key).</summary>
        public static byte[] PublicKeyFromPem(string pem)
        {
            object? parsed;
            try
            {
                using var reader = new StringReader(pem);
                parsed = new PemReader(reader).ReadObject();
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is PemException || e is InvalidCastException)
            {
                throw new FormatException("The public key PEM cannot be read: " + e.Message, e);
            }
            if (parsed is Ed25519PublicKeyParameters pub) return pub.GetEncoded();
            throw new FormatException("The public key PEM does not hold an Ed25519 public key.");
        }

        public string ExportPrivateKeyPem() => ToPem(_privateKey);

        public string ExportPublicKeyPem() => ToPem(_privateKey.GeneratePublicKey());

        /// <summary>Signs the UTF-8 bytes of <paramref name="payload"/>; returns unpadded base64url.</summary>
        public string Sign(string payload)
        {
            var signer = new Ed25519Signer();
            signer.Init(true, _privateKey);
            var bytes = Encoding.UTF8.GetBytes(payload);
            signer.BlockUpdate(bytes, 0, bytes.Length);
            return Base64Url.Encode(signer.GenerateSignature());
        }

        public static bool Verify(byte[] publicKeyRaw, string payload, string signatureBase64Url)
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(publicKeyRaw, 0));
            var bytes = Encoding.UTF8.GetBytes(payload);
            verifier.BlockUpdate(bytes, 0, bytes.Length);
            return verifier.VerifySignature(Base64Url.Decode(signatureBase64Url));
        }

        public static string ComputeDeviceId(byte[] publicKeyRaw)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(publicKeyRaw);
            var sb = new StringBuilder(64);
            foreach (var b in hash) sb.Append(b.ToString("x2"));
            return sb.ToString();
        }

        private static string ToPem(object key)
        {
            using var writer = new StringWriter { NewLine = "\n" };
            var pem = new PemWriter(writer);
            pem.WriteObject(key);
            return writer.ToString();
        }
    }
}
