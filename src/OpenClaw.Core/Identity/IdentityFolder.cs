using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Storage;

namespace OpenClaw.Core.Identity
{
    /// <summary>
    /// An <c>identity/</c> folder in OpenClaw's layout: <c>device.json</c> (the Ed25519 key pair) and
    /// <c>device-auth.json</c> (the device tokens the gateway issued to it). The OpenClaw CLI keeps one in its state
    /// folder (releases up to 2026.7.x); the module keeps its own, in the same format, in a per-user folder.
    /// Loading is fail-closed: a file that exists but cannot be used is an error, never silently replaced, because
    /// a new key would be a new, unpaired device.
    /// </summary>
    public sealed class IdentityFolder : IIdentityStore
    {
        public IdentityFolder(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public string DeviceFile => System.IO.Path.Combine(Path, "device.json");

        public string DeviceAuthFile => System.IO.Path.Combine(Path, "device-auth.json");

        public bool HasIdentity => File.Exists(DeviceFile);

        /// <summary>Loads the key pair; null when there is no device.json.</summary>
        public DeviceIdentity? TryLoad()
        {
            if (!File.Exists(DeviceFile)) return null;
            var json = ReadJsonObject(DeviceFile);
            var pem = (json["privateKeyPem"] as JValue)?.Value as string;
            if (string.IsNullOrWhiteSpace(pem)) throw Invalid(DeviceFile, "it has no privateKeyPem.");
            var createdAt = json["createdAtMs"] is JValue { Type: JTokenType.Integer } ms
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms)
                : DateTimeOffset.MinValue;

            DeviceIdentity identity;
            try
            {
                identity = DeviceIdentity.FromPrivateKeyPem(pem!, createdAt);
            }
            catch (FormatException e)
            {
                throw Invalid(DeviceFile, e.Message, e);
            }

            if ((json["publicKeyPem"] as JValue)?.Value is string publicPem && !string.IsNullOrWhiteSpace(publicPem))
            {
                byte[] stored;
                try
                {
                    stored = DeviceIdentity.PublicKeyFromPem(publicPem);
                }
                catch (FormatException e)
                {
                    throw Invalid(DeviceFile, e.Message, e);
                }
                if (!stored.SequenceEqual(identity.PublicKeyRaw))
                {
                    throw Invalid(DeviceFile, "its publicKeyPem does not belong to its privateKeyPem.");
                }
            }
            return identity;
        }

        /// <summary>Creates a new identity. Refuses to overwrite an existing one.</summary>
        public DeviceIdentity Create()
        {
            var identity = DeviceIdentity.Generate();
            FilePermissions.CreatePrivateDirectory(Path);
            var json = new JObject
            {
                ["version"] = 1,
                ["deviceId"] = identity.DeviceId,
                ["publicKeyPem"] = identity.ExportPublicKeyPem(),
                ["privateKeyPem"] = identity.ExportPrivateKeyPem(),
                ["createdAtMs"] = identity.CreatedAt.ToUnixTimeMilliseconds(),
            };
            if (!AtomicFile.TryCreate(DeviceFile, json.ToString(Formatting.Indented) + "\n"))
            {
                throw new OpenClawException(ErrorIds.IdentityInvalid, OpenClawErrorKind.InvalidOperation,
                    $"An identity already exists at '{DeviceFile}'; it is never overwritten.", null, DeviceFile);
            }
            return identity;
        }

        /// <summary>
        /// The identity on disk, created first when there is none. Runspaces and processes that start at once (a
        /// fleet run with ForEach-Object -Parallel on a new machine) all get the one that was written first: a key
        /// another of them overwrote would be a device paired once and then lost.
        /// </summary>
        public DeviceIdentity LoadOrCreate()
        {
            if (TryLoad() is { } existing) return existing;
            try
            {
                return Create();
            }
            catch (OpenClawException e) when (e.ErrorId == ErrorIds.IdentityInvalid && HasIdentity)
            {
                return TryLoad()!;
            }
        }

        /// <summary>The cached device token for a role, or null when there is none for this device.</summary>
        public CachedDeviceToken? ReadToken(string deviceId, string role)
        {
            if (!File.Exists(DeviceAuthFile)) return null;
            var json = ReadJsonObject(DeviceAuthFile);
            if (json["deviceId"] is { Type: not JTokenType.String and not JTokenType.Null })
            {
                throw Invalid(DeviceAuthFile, "its deviceId is not a string.");
            }
            if (!string.Equals(StringValue(json["deviceId"]), deviceId, StringComparison.Ordinal)) return null;
            if (json["tokens"] is not JObject tokens)
            {
                return json["tokens"] == null ? null : throw Invalid(DeviceAuthFile, "its tokens field is not an object keyed by role.");
            }
            if (tokens[role] is not JObject entry) return null;
            var token = StringValue(entry["token"]);
            if (string.IsNullOrEmpty(token)) return null;
            var scopes = entry["scopes"] is JArray list
                ? list.Where(t => t.Type == JTokenType.String).Select(t => (string)t!).ToList()
                : new List<string>();
            return new CachedDeviceToken(role, token!, scopes);
        }

        /// <summary>
        /// Stores a token the gateway just issued to this device (after rotating our own device), so the CLI that
        /// shares this identity keeps working. Every other field of device-auth.json is kept as it was.
        /// </summary>
        public void WriteToken(string deviceId, string role, string token, IEnumerable<string> scopes, DateTimeOffset now)
        {
            var json = File.Exists(DeviceAuthFile) ? ReadJsonObject(DeviceAuthFile) : new JObject { ["version"] = 1 };
            if (!string.Equals(StringValue(json["deviceId"]), deviceId, StringComparison.Ordinal))
            {
                // Tokens of another device id are useless to this key; OpenClaw itself starts over in that case.
                json["deviceId"] = deviceId;
                json["tokens"] = new JObject();
            }
            if (json["tokens"] is not JObject tokens)
            {
                tokens = new JObject();
                json["tokens"] = tokens;
            }
            var entry = tokens[role] as JObject ?? new JObject();
            entry["token"] = token;
            entry["role"] = role;
            entry["scopes"] = new JArray(scopes.OrderBy(s => s, StringComparer.Ordinal).Cast<object>().ToArray());
            entry["updatedAtMs"] = now.ToUnixTimeMilliseconds();
            tokens[role] = entry;
            AtomicFile.WriteAllText(DeviceAuthFile, json.ToString(Formatting.Indented) + "\n");
        }

        private static string? StringValue(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value.Value : null;

        private static JObject ReadJsonObject(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Invalid(path, "it cannot be read: " + e.Message, e);
            }
            try
            {
                return JToken.Parse(text) as JObject ?? throw Invalid(path, "it is not a JSON object.");
            }
            catch (JsonException e)
            {
                throw Invalid(path, "it is not valid JSON (" + e.Message + ").", e);
            }
        }

        private static OpenClawException Invalid(string path, string problem, Exception? inner = null) =>
            new OpenClawException(ErrorIds.IdentityInvalid, OpenClawErrorKind.InvalidData,
                $"The device identity file '{path}' cannot be used: {problem}",
                "Restore the file from a backup. It is never regenerated automatically, because a new key is a new device that must be paired again.",
                path, inner);
    }

    /// <summary>A device token from device-auth.json. Its value is never shown by <see cref="ToString"/>.</summary>
    public sealed class CachedDeviceToken
    {
        public CachedDeviceToken(string role, string token, IReadOnlyList<string> scopes)
        {
            Role = role;
            Token = token;
            Scopes = scopes;
        }

        public string Role { get; }

        internal string Token { get; }

        public IReadOnlyList<string> Scopes { get; }

        public override string ToString() => $"{Role} token [{string.Join(",", Scopes)}]";
    }
}
