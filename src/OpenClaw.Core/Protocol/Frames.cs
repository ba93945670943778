using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Protocol
{
    /// <summary>
    /// The gateway's three frame shapes: <c>req</c> (client to gateway), <c>res</c> (the answer, ok + payload or
    /// error) and <c>event</c> (pushed). Parsing is strict about shape so a bad peer gives a protocol error, not a
    /// null reference somewhere later.
    /// </summary>
    public static class Frames
    {
        public static JObject Request(string id, string method, JObject parameters) =>
            new JObject { ["type"] = "req", ["id"] = id, ["method"] = method, ["params"] = parameters };

        public static JObject Parse(string text)
        {
            JToken token;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
                token = JToken.ReadFrom(reader);
            }
            catch (JsonException e)
            {
                throw new FormatException("The gateway sent a frame that is not JSON: " + e.Message, e);
            }
            if (token is not JObject frame) throw new FormatException("The gateway sent a frame that is not a JSON object.");
            var type = JsonRead.Text(frame["type"]);
            if (type != "res" && type != "event" && type != "req")
            {
                throw new FormatException($"The gateway sent a frame of unknown type '{type ?? "(none)"}'.");
            }
            return frame;
        }
    }
}
