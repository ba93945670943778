using System.Text.Json.Nodes;
using OpenClaw.PowerShell.Tests.FakeGateway;
using Xunit;

namespace OpenClaw.PowerShell.Tests
{
    /// <summary>The fake answers in the shapes a real 2026.2.19 gateway was recorded answering (fixtures), or its tests prove little.</summary>
    public sealed class FakeGatewayFidelityTests
    {
        [Fact]
        public void AListedDeviceHasTheRecordedKeysAndNoTokenValue()
        {
            var recorded = RecordedListPayload();
            var recordedDevice = (JsonObject)recorded["paired"]![0]!;
            var store = new FakePairingStore();
            store.LoadStateFiles("paired-2026.2.19-legacy.json", "pending-2026.2.19-scope-upgrade.json");

            var listed = (JsonObject)store.List().Payload!;

            var device = (JsonObject)listed["paired"]![0]!;
            Assert.Equal(Keys(recordedDevice), Keys(device));
            var token = (JsonObject)((JsonArray)device["tokens"]!)[0]!;
            Assert.Equal(Keys((JsonObject)((JsonArray)recordedDevice["tokens"]!)[0]!), Keys(token).Where(k => k != "lastUsedAtMs"));
            Assert.DoesNotContain("token", Keys(token));
            Assert.DoesNotContain("2t1oy4", listed.ToJsonString());
            Assert.Equal(Keys((JsonObject)recorded["pending"]![0]!), Keys((JsonObject)listed["pending"]![0]!));
        }

        [Fact]
        public void RotateOn2219ReplacesTheDeviceScopesAndReturnsThePlaintextToken()
        {
            var store = new FakePairingStore();
            var device = store.Add(FakeDevice.Create("d1", Scopes.Legacy));

            var reply = store.RotateToken(new JsonObject { ["deviceId"] = device.DeviceId, ["role"] = "operator", ["scopes"] = FakeJson.Array(new[] { Scopes.Read }) });

            Assert.Equal(new[] { Scopes.Read }, store.ScopesOf(device.DeviceId));
            Assert.Equal(new[] { "deviceId", "role", "rotatedAtMs", "scopes", "token" }, Keys((JsonObject)reply.Payload!));
            Assert.Equal(store.IssuedTokens.Single(), FakeJson.String(reply.Payload, "token"));
            Assert.Equal("unknown deviceId/role", FakeJson.String(store.RotateToken(new JsonObject { ["deviceId"] = "nope", ["role"] = "operator" }).Error, "message"));
        }

        private static IEnumerable<string> Keys(JsonObject json) => json.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal);

        private static JsonObject RecordedListPayload()
        {
            foreach (var line in File.ReadLines(FixtureFiles.PathOf("frames-2026.2.19.jsonl")))
            {
                var frame = JsonNode.Parse(line)?["frame"] as JsonObject;
                if (frame?["payload"] is JsonObject payload && payload["paired"] is JsonArray && payload["pending"] is JsonArray { Count: > 0 }) return payload;
            }
            throw new InvalidDataException("No device.pair.list answer with pending requests in the recording.");
        }
    }
}
