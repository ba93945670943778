using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>Operator scope sets as 2026.2.19 stores them.</summary>
    public static class Scopes
    {
        public const string Admin = "operator.admin";
        public const string Approvals = "operator.approvals";
        public const string Pairing = "operator.pairing";
        public const string Read = "operator.read";
        public const string Write = "operator.write";

        /// <summary>What the CLI asked for before 2026.2.19 (paired-2026.2.19-legacy.json): under-scoped on 2.19.</summary>
        public static readonly string[] Legacy = { Admin, Approvals, Pairing };

        /// <summary>The five-scope set a 2.19 repair grants (paired-2026.2.19-after-rotate.json).</summary>
        public static readonly string[] Full = { Admin, Approvals, Pairing, Read, Write };

        public static List<string> Sorted(IEnumerable<string> scopes) => scopes.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>One role's token in the gateway's paired store. The value is a secret the list never sends.</summary>
    public sealed class FakeToken
    {
        public string Role { get; set; } = "operator";
        public string Token { get; set; } = "";
        public List<string> Scopes { get; set; } = new();
        public long CreatedAtMs { get; set; }
        public long? RotatedAtMs { get; set; }
        public long? RevokedAtMs { get; set; }
        public long? LastUsedAtMs { get; set; }

        /// <summary>The 2.19 device.pair.list summary: role, scopes, times; never the token value.</summary>
        public JsonObject Summary()
        {
            var json = new JsonObject { ["role"] = Role, ["scopes"] = FakeJson.Array(Scopes), ["createdAtMs"] = CreatedAtMs };
            if (RotatedAtMs is { } rotated) json["rotatedAtMs"] = rotated;
            if (RevokedAtMs is { } revoked) json["revokedAtMs"] = revoked;
            if (LastUsedAtMs is { } used) json["lastUsedAtMs"] = used;
            return json;
        }
    }

    /// <summary>A paired device record, as paired.json holds it on 2026.2.19.</summary>
    public sealed class FakeDevice
    {
        public string DeviceId { get; set; } = "";
        public string PublicKey { get; set; } = "";
        public string? DisplayName { get; set; }
        public string Platform { get; set; } = "linux";
        public string ClientId { get; set; } = "cli";
        public string ClientMode { get; set; } = "cli";
        public string Role { get; set; } = "operator";
        public List<string> Roles { get; set; } = new() { "operator" };
        public List<string> Scopes { get; set; } = new();
        public long CreatedAtMs { get; set; }
        public long ApprovedAtMs { get; set; }
        public Dictionary<string, FakeToken> Tokens { get; } = new(StringComparer.Ordinal);

        public string ShortId => DeviceId.Substring(0, 12);

        /// <summary>A 64-hex device id derived from a seed, like the real sha256(public key) ids.</summary>
        public static string IdFor(string seed) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed))).ToLowerInvariant();

        /// <summary>A device with an operator token covering exactly its scopes (what 2.19 auto-pairing leaves).</summary>
        public static FakeDevice Create(string seed, IEnumerable<string> scopes, string clientId = "cli", string clientMode = "cli",
            string? displayName = null, long approvedAtMs = 1795555186756)
        {
            var list = scopes.ToList();
            var device = new FakeDevice
            {
                DeviceId = IdFor(seed),
                PublicKey = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("pk:" + seed))).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                DisplayName = displayName,
                ClientId = clientId,
                ClientMode = clientMode,
                Scopes = list,
                CreatedAtMs = approvedAtMs,
                ApprovedAtMs = approvedAtMs,
            };
            device.Tokens["operator"] = new FakeToken
            {
                Role = "operator",
                Token = "stored-token-" + seed + "-" + Guid.NewGuid().ToString("N"),
                Scopes = new List<string>(list),
                CreatedAtMs = approvedAtMs + 1,
                LastUsedAtMs = approvedAtMs + 60_000,
            };
            return device;
        }

        /// <summary>Reads one record of a paired.json state file (tokens keyed by role, with values).</summary>
        public static FakeDevice FromStateJson(JsonObject json)
        {
            var device = new FakeDevice
            {
                DeviceId = FakeJson.String(json, "deviceId") ?? "",
                PublicKey = FakeJson.String(json, "publicKey") ?? "",
                DisplayName = FakeJson.String(json, "displayName"),
                Platform = FakeJson.String(json, "platform") ?? "linux",
                ClientId = FakeJson.String(json, "clientId") ?? "cli",
                ClientMode = FakeJson.String(json, "clientMode") ?? "cli",
                Role = FakeJson.String(json, "role") ?? "operator",
                Roles = FakeJson.Strings(json["roles"]),
                Scopes = FakeJson.Strings(json["scopes"]),
                CreatedAtMs = FakeJson.Long(json, "createdAtMs") ?? 0,
                ApprovedAtMs = FakeJson.Long(json, "approvedAtMs") ?? 0,
            };
            if (json["tokens"] is JsonObject tokens)
            {
                foreach (var (role, node) in tokens)
                {
                    if (node is not JsonObject token) continue;
                    device.Tokens[role] = new FakeToken
                    {
                        Role = role,
                        Token = FakeJson.String(token, "token") ?? "",
                        Scopes = FakeJson.Strings(token["scopes"]),
                        CreatedAtMs = FakeJson.Long(token, "createdAtMs") ?? 0,
                        RotatedAtMs = FakeJson.Long(token, "rotatedAtMs"),
                        RevokedAtMs = FakeJson.Long(token, "revokedAtMs"),
                        LastUsedAtMs = FakeJson.Long(token, "lastUsedAtMs"),
                    };
                }
            }
            return device;
        }

        /// <summary>The redacted record that device.pair.list and device.pair.approve return (facts §3.1).</summary>
        public JsonObject ToListJson()
        {
            var json = new JsonObject
            {
                ["deviceId"] = DeviceId,
                ["publicKey"] = PublicKey,
                ["platform"] = Platform,
                ["clientId"] = ClientId,
                ["clientMode"] = ClientMode,
                ["role"] = Role,
                ["roles"] = FakeJson.Array(Roles),
                ["scopes"] = FakeJson.Array(Scopes),
                ["createdAtMs"] = CreatedAtMs,
                ["approvedAtMs"] = ApprovedAtMs,
                ["tokens"] = new JsonArray(Tokens.Values.OrderBy(t => t.Role, StringComparer.Ordinal).Select(t => (JsonNode)t.Summary()).ToArray()),
            };
            if (DisplayName != null) json["displayName"] = DisplayName;
            return json;
        }
    }

    /// <summary>A pending pairing or repair request, as pending.json holds it.</summary>
    public sealed class FakePendingRequest
    {
        public string RequestId { get; set; } = Guid.NewGuid().ToString();
        public string DeviceId { get; set; } = "";
        public string PublicKey { get; set; } = "";
        public string Platform { get; set; } = "linux";
        public string ClientId { get; set; } = "cli";
        public string ClientMode { get; set; } = "cli";
        public string Role { get; set; } = "operator";
        public List<string> Scopes { get; set; } = new();
        public bool IsRepair { get; set; } = true;
        public long Ts { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        /// <summary>The repair request a failing connect of <paramref name="device"/> files (pending-2026.2.19-scope-upgrade.json).</summary>
        public static FakePendingRequest RepairFor(FakeDevice device, params string[] scopes) => new()
        {
            DeviceId = device.DeviceId,
            PublicKey = device.PublicKey,
            ClientId = device.ClientId,
            ClientMode = device.ClientMode,
            Scopes = scopes.ToList(),
        };

        public static FakePendingRequest FromStateJson(JsonObject json) => new()
        {
            RequestId = FakeJson.String(json, "requestId") ?? Guid.NewGuid().ToString(),
            DeviceId = FakeJson.String(json, "deviceId") ?? "",
            PublicKey = FakeJson.String(json, "publicKey") ?? "",
            Platform = FakeJson.String(json, "platform") ?? "linux",
            ClientId = FakeJson.String(json, "clientId") ?? "cli",
            ClientMode = FakeJson.String(json, "clientMode") ?? "cli",
            Role = FakeJson.String(json, "role") ?? "operator",
            Scopes = FakeJson.Strings(json["scopes"]),
            IsRepair = json["isRepair"]?.GetValue<bool>() ?? false,
            Ts = FakeJson.Long(json, "ts") ?? 0,
        };

        public JsonObject ToJson() => new()
        {
            ["requestId"] = RequestId,
            ["deviceId"] = DeviceId,
            ["publicKey"] = PublicKey,
            ["platform"] = Platform,
            ["clientId"] = ClientId,
            ["clientMode"] = ClientMode,
            ["role"] = Role,
            ["roles"] = FakeJson.Array(new[] { Role }),
            ["scopes"] = FakeJson.Array(Scopes),
            ["silent"] = false,
            ["isRepair"] = IsRepair,
            ["ts"] = Ts,
        };
    }
}
