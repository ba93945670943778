using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>Small System.Text.Json helpers, so the fake shares no JSON code (or library) with the module it tests.</summary>
    public static class FakeJson
    {
        public static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

        public static List<string> Strings(JsonNode? node) =>
            node is JsonArray array
                ? array.Where(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>()).ToList()
                : new List<string>();

        public static string? String(JsonNode? node, string key) =>
            node is JsonObject obj && obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

        public static long? Long(JsonNode? node, string key) =>
            node is JsonObject obj && obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : null;

        public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    /// <summary>The copies of /work/shared/fixtures this project carries (copied to the output folder).</summary>
    public static class FixtureFiles
    {
        public static string PathOf(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

        public static JsonObject ReadObject(string name) =>
            JsonNode.Parse(File.ReadAllText(PathOf(name))) as JsonObject ?? throw new InvalidDataException(name + " is not a JSON object.");

        /// <summary>The payload of the first successful hello-ok in a recorded frames file.</summary>
        public static JsonObject HelloOk(string framesFile)
        {
            foreach (var line in File.ReadLines(PathOf(framesFile)))
            {
                if (JsonNode.Parse(line)?["frame"] is JsonObject frame && frame["payload"] is JsonObject payload
                    && FakeJson.String(payload, "type") == "hello-ok")
                {
                    return (JsonObject)payload.DeepClone();
                }
            }
            throw new InvalidDataException(framesFile + " holds no hello-ok.");
        }
    }

    /// <summary>What a method handler answers: a payload, or an error frame body; plus events to push first.</summary>
    public sealed class FakeReply
    {
        private FakeReply(JsonNode? payload, JsonObject? error)
        {
            Payload = payload;
            Error = error;
        }

        public JsonNode? Payload { get; }
        public JsonObject? Error { get; }
        public List<JsonObject> Events { get; } = new();

        public static FakeReply Ok(JsonNode? payload) => new(payload, null);

        public static FakeReply Fail(string message, string code = "INVALID_REQUEST", JsonObject? details = null)
        {
            var error = new JsonObject { ["code"] = code, ["message"] = message };
            if (details != null) error["details"] = details;
            return new FakeReply(null, error);
        }

        public FakeReply WithEvent(string name, JsonObject payload)
        {
            Events.Add(new JsonObject { ["type"] = "event", ["event"] = name, ["payload"] = payload });
            return this;
        }

        public JsonObject ToFrame(string id) => Error == null
            ? new JsonObject { ["type"] = "res", ["id"] = id, ["ok"] = true, ["payload"] = Payload?.DeepClone() }
            : new JsonObject { ["type"] = "res", ["id"] = id, ["ok"] = false, ["error"] = Error.DeepClone() };
    }
}
