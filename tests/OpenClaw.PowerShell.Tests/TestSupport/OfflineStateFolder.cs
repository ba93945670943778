using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.PowerShell.Tests.FakeGateway;

namespace OpenClaw.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// A gateway state folder with a JSON pairing store (2026.2.x-2026.7.x layout: devices/paired.json and
    /// devices/pending.json, written as JSON.stringify(x, null, 2) writes them), made from fake devices and
    /// requests, for the cmdlets' -Offline modes. Optionally records the release that wrote it (openclaw.json
    /// meta.lastTouchedVersion) and the folder's own CLI identity (identity/device.json).
    /// </summary>
    public sealed class OfflineStateFolder : IDisposable
    {
        private readonly TempDirectory? _owned;

        public OfflineStateFolder(IEnumerable<FakeDevice> devices, IEnumerable<FakePendingRequest> pending, string? release = null, string? localDeviceId = null)
        {
            _owned = new TempDirectory("offline-state");
            Path = _owned.Path;
            Write(Path, devices, pending, release, localDeviceId);
        }

        public string Path { get; }

        public string PairedPath => PairedFile(Path);

        public string PendingPath => System.IO.Path.Combine(Path, "devices", "pending.json");

        public JsonObject Paired => (JsonObject)JsonNode.Parse(File.ReadAllText(PairedPath))!;

        public JsonObject Pending => (JsonObject)JsonNode.Parse(File.ReadAllText(PendingPath))!;

        public static string PairedFile(string stateDirectory) => System.IO.Path.Combine(stateDirectory, "devices", "paired.json");

        /// <summary>Writes the store into any folder (the secret scan uses the fake gateway's own state folder).</summary>
        public static void Write(string stateDirectory, IEnumerable<FakeDevice> devices, IEnumerable<FakePendingRequest> pending, string? release = null, string? localDeviceId = null)
        {
            Directory.CreateDirectory(System.IO.Path.Combine(stateDirectory, "devices"));
            var paired = new JsonObject();
            foreach (var device in devices) paired[device.DeviceId] = Record(device);
            var requests = new JsonObject();
            foreach (var request in pending) requests[request.RequestId] = Record(request);
            File.WriteAllText(PairedFile(stateDirectory), Stringify(paired));
            File.WriteAllText(System.IO.Path.Combine(stateDirectory, "devices", "pending.json"), Stringify(requests));
            if (release != null)
            {
                File.WriteAllText(System.IO.Path.Combine(stateDirectory, "openclaw.json"),
                    Stringify(new JsonObject { ["meta"] = new JsonObject { ["lastTouchedVersion"] = release } }));
            }
            if (localDeviceId != null)
            {
                Directory.CreateDirectory(System.IO.Path.Combine(stateDirectory, "identity"));
                File.WriteAllText(System.IO.Path.Combine(stateDirectory, "identity", "device.json"),
                    Stringify(new JsonObject { ["version"] = 1, ["deviceId"] = localDeviceId }));
            }
        }

        /// <summary>Every file under the folder with its SHA-256, to prove a run wrote nothing (no lock, backup or temp file).</summary>
        public IReadOnlyDictionary<string, string> Hashes() =>
            Directory.GetFiles(Path, "*", SearchOption.AllDirectories)
                .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

        /// <summary>Every token value in paired.json, by device and role.</summary>
        public IDictionary<string, string> TokenValues() =>
            Paired.SelectMany(d => d.Value!["tokens"]!.AsObject().Select(t => (Key: d.Key + "/" + t.Key, Value: (string)t.Value!["token"]!)))
                .ToDictionary(t => t.Key, t => t.Value);

        /// <summary>
        /// A gateway lock of this folder held by a live process (this test host, with its real start time), where
        /// 2026.9 puts it (&lt;state&gt;/tmp/openclaw-&lt;uid&gt;/): what GatewayPresenceDetector takes for a running gateway.
        /// </summary>
        public void SimulateRunningGateway()
        {
            var uid = RunId();
            var dir = System.IO.Path.Combine(Path, "tmp", uid == null ? "openclaw" : "openclaw-" + uid);
            Directory.CreateDirectory(dir);
            var pid = Environment.ProcessId;
            var lockFile = new JsonObject
            {
                ["pid"] = pid,
                ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
                ["configPath"] = System.IO.Path.Combine(Path, "openclaw.json"),
                ["stateDir"] = Path,
            };
            if (OperatingSystem.IsLinux()) lockFile["startTime"] = long.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[19]);
            File.WriteAllText(System.IO.Path.Combine(dir, "gateway.0badc0de.lock"), lockFile.ToJsonString());
        }

        private static string? RunId()
        {
            if (OperatingSystem.IsWindows()) return null;
            using var id = Process.Start(new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true })!;
            var text = id.StandardOutput.ReadToEnd().Trim();
            id.WaitForExit();
            return text;
        }

        private static JsonObject Record(FakeDevice device)
        {
            var tokens = new JsonObject();
            foreach (var (role, token) in device.Tokens)
            {
                var record = new JsonObject
                {
                    ["token"] = token.Token, ["role"] = role, ["scopes"] = Array(token.Scopes), ["createdAtMs"] = token.CreatedAtMs,
                };
                if (token.RevokedAtMs is { } revoked) record["revokedAtMs"] = revoked;
                if (token.LastUsedAtMs is { } used) record["lastUsedAtMs"] = used;
                tokens[role] = record;
            }
            var json = new JsonObject { ["deviceId"] = device.DeviceId, ["publicKey"] = device.PublicKey };
            if (device.DisplayName != null) json["displayName"] = device.DisplayName;
            json["platform"] = device.Platform;
            json["clientId"] = device.ClientId;
            json["clientMode"] = device.ClientMode;
            json["role"] = device.Role;
            json["roles"] = Array(device.Roles);
            json["scopes"] = Array(device.Scopes);
            json["tokens"] = tokens;
            json["createdAtMs"] = device.CreatedAtMs;
            json["approvedAtMs"] = device.ApprovedAtMs;
            return json;
        }

        private static JsonObject Record(FakePendingRequest request) => new()
        {
            ["requestId"] = request.RequestId, ["deviceId"] = request.DeviceId, ["publicKey"] = request.PublicKey,
            ["platform"] = request.Platform, ["clientId"] = request.ClientId, ["clientMode"] = request.ClientMode,
            ["role"] = request.Role, ["roles"] = Array(new[] { request.Role }), ["scopes"] = Array(request.Scopes),
            ["silent"] = false, ["isRepair"] = request.IsRepair, ["ts"] = request.Ts,
        };

        private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

        private static string Stringify(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        public void Dispose() => _owned?.Dispose();
    }
}
