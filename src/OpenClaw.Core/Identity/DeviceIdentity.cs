using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.IO.Pem;
using PemWriter = Org.BouncyCastle.OpenSsl.PemWriter;
using PemReader = Org.BouncyCastle.OpenSsl.PemReader;

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
            // Node's own format, which every CLI identity has, is read without BouncyCastle's PEM machinery; the
            // general reader (a separate method, so it is compiled only when used) handles everything else.
            var seed = Ed25519Pem.TryReadPrivateSeed(pem);
            return new DeviceIdentity(seed != null ? new Ed25519PrivateKeyParameters(seed, 0) : ReadPrivateKey(pem), createdAt);
        }

        private static Ed25519PrivateKeyParameters ReadPrivateKey(string pem)
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
                throw new FormatException("The private key PEM cannot be read: " + FirstLine(e.Message), e);
            }

            var key = parsed switch
            {
                Ed25519PrivateKeyParameters k => k,
                AsymmetricCipherKeyPair pair => pair.Private as Ed25519PrivateKeyParameters,
                AsymmetricKeyParameter { IsPrivate: false } => throw new FormatException(
                    "The PEM holds a public key where the private key belongs (expected -----BEGIN PRIVATE KEY-----)."),
                null => throw new FormatException("The private key PEM holds no key (expected -----BEGIN PRIVATE KEY-----)."),
                _ => null,
            };
            if (key is null)
            {
                throw new FormatException(
                    $"The private key is not an Ed25519 key ({parsed.GetType().Name.Replace("Parameters", "")}); OpenClaw device identities are Ed25519.");
            }
            return key;
        }

        /// <summary>Reads the raw 32-byte key from an SPKI PEM (used to check a stored public key against the private key).</summary>
        public static byte[] PublicKeyFromPem(string pem) => Ed25519Pem.TryReadPublicKey(pem) ?? ReadPublicKey(pem);

        private static byte[] ReadPublicKey(string pem)
        {
            object? parsed;
            try
            {
                using var reader = new StringReader(pem);
                parsed = new PemReader(reader).ReadObject();
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is PemException || e is InvalidCastException)
            {
                throw new FormatException("The public key PEM cannot be read: " + FirstLine(e.Message), e);
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
            byte[] signature;
            try
            {
                signature = Base64Url.Decode(signatureBase64Url);
            }
            catch (FormatException)
            {
                return false;
            }
            if (publicKeyRaw.Length != Ed25519PublicKeyParameters.KeySize) return false;
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(publicKeyRaw, 0));
            var bytes = Encoding.UTF8.GetBytes(payload);
            verifier.BlockUpdate(bytes, 0, bytes.Length);
            return verifier.VerifySignature(signature);
        }

        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? text : text.Substring(0, end);
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
            if (key is Ed25519PrivateKeyParameters privateKey)
            {
                // Node's generateKeyPairSync("ed25519") writes PKCS#8 v1 (48 bytes: the seed only). BouncyCastle's
                // default is v2 with the public key attached, which Node/OpenSSL 3 refuse to load, and the CLI shares
                // this file format, so write the v1 form.
                var info = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                    new DerOctetString(privateKey.GetEncoded()));
                pem.WriteObject(new PemObject("PRIVATE KEY", info.GetEncoded()));
            }
            else
            {
                pem.WriteObject(key);
            }
            return writer.ToString();
        }
    }
}
