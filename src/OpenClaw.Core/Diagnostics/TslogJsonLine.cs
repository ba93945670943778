using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>
    /// One record of the gateway's JSON-lines file, written by tslog. 2026.2.x: "0" is the logger's bindings as a
    /// JSON string (e.g. {"subsystem":"gateway"}), "1" the message, "_meta" holds logLevelName and date, and "time"
    /// the ISO time. A call with extra arguments puts an object in "1" and the message in "2"; a logger without
    /// bindings puts the message in "0". 2026.9.6 adds a top-level "message" (and hostname, trace ids).
    /// </summary>
    internal static class TslogJsonLine
    {
        public static GatewayLogLine? Parse(string line, out string? problem)
        {
            JObject record;
            try
            {
                // DateParseHandling.None keeps "time" as text, so its offset (Z or +00:00) survives.
                using var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None };
                record = JObject.Load(reader);
                if (reader.Read()) throw new JsonReaderException("more than one JSON value on the line");
            }
            catch (JsonException e)
            {
                problem = "not a complete JSON record (" + e.Message + ")";
                return null;
            }

            var message = MessageOf(record);
            if (message == null)
            {
                problem = "a JSON record without message text";
                return null;
            }
            var meta = record["_meta"] as JObject;
            var time = GatewayLogLine.ParseTime(Text(record["time"])) ?? GatewayLogLine.ParseTime(Text(meta?["date"]));
            problem = null;
            return new GatewayLogLine(GatewayLogFormat.Json, time, Text(meta?["logLevelName"])?.ToUpperInvariant(),
                SubsystemOf(Text(record["0"])), AnsiEscapes.Strip(message));
        }

        private static string? MessageOf(JObject record)
        {
            if (Text(record["message"]) is { } message) return message;
            var numbered = record.Properties()
                .Where(p => int.TryParse(p.Name, out _))
                .OrderBy(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            // "0" is the bindings string whenever more arguments follow it.
            var candidates = numbered.Count > 1 && LooksLikeBindings(Text(numbered[0].Value)) ? numbered.Skip(1) : numbered;
            return candidates.Select(p => Text(p.Value)).FirstOrDefault(t => t != null);
        }

        private static string? SubsystemOf(string? bindings)
        {
            if (!LooksLikeBindings(bindings)) return null;
            try
            {
                return Text(JObject.Parse(bindings!)["subsystem"]);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static bool LooksLikeBindings(string? text) => text != null && text.StartsWith("{", System.StringComparison.Ordinal);

        private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value.Value : null;
    }
}
