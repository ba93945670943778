using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;

namespace OpenClaw.Core.Devices
{
    /// <summary>
    /// A device's values read from a JSON token stream, with the meaning the JObject casts gave them before (a
    /// string cast, only the string items of a list, a number of milliseconds as a time). The stream is a JObject
    /// walked by a JTokenReader (the online list, paired.json) or the text of a SQLite JSON column, so one reading
    /// serves every source and a column is read without building tokens first.
    /// </summary>
    internal static class DeviceJsonValues
    {
        /// <summary>The next token, comments skipped; the text ending inside a value makes it invalid JSON.</summary>
        public static void Next(JsonReader reader)
        {
            do
            {
                if (!reader.Read()) throw new JsonReaderException($"Unexpected end of the JSON text. Path '{reader.Path}'.");
            }
            while (reader.TokenType == JsonToken.Comment);
        }

        /// <summary>Leaves the value the reader is on: its last token when it is an object or array.</summary>
        public static void Skip(JsonReader reader)
        {
            if (reader.TokenType != JsonToken.StartObject && reader.TokenType != JsonToken.StartArray) return;
            var depth = reader.Depth;
            do Next(reader);
            while (reader.Depth > depth);
        }

        /// <summary>
        /// Calls <paramref name="member"/> on each member's value of the object the reader is on (the reader is
        /// left on the value's last token); a later duplicate overrides an earlier one, as JSON.parse keeps the last.
        /// </summary>
        public static void Members<TState>(JsonReader reader, TState state, Action<TState, string, JsonReader> member)
        {
            while (true)
            {
                Next(reader);
                if (reader.TokenType == JsonToken.EndObject) return;
                var name = (string)reader.Value!;
                Next(reader);
                member(state, name, reader);
            }
        }

        /// <summary>A string field as <c>(string?)token</c> read it: scalars as text, null for null, an object or array ignored.</summary>
        public static string? Text(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonToken.String:
                    return (string)reader.Value!;
                case JsonToken.Integer:
                case JsonToken.Float:
                case JsonToken.Boolean:
                case JsonToken.Date:
                    return Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
                default:
                    Skip(reader);
                    return null;
            }
        }

        /// <summary>True when the reader is on a string or null, the values a string field may hold in a state file.</summary>
        public static bool IsTextOrNull(JsonReader reader) => reader.TokenType == JsonToken.String || reader.TokenType == JsonToken.Null;

        /// <summary>
        /// The string items of an array (other items are passed over, as the gateway's own readers do), each
        /// shared through <paramref name="strings"/>; null when the value is not an array. <paramref name="onlyStrings"/>
        /// says whether every item was a string.
        /// </summary>
        public static string[]? Strings(JsonReader reader, RepeatedStrings strings, out bool onlyStrings)
        {
            onlyStrings = true;
            if (reader.TokenType != JsonToken.StartArray)
            {
                Skip(reader);
                return null;
            }
            string? first = null;
            List<string>? more = null;
            while (true)
            {
                Next(reader);
                if (reader.TokenType == JsonToken.EndArray) break;
                if (reader.TokenType != JsonToken.String)
                {
                    onlyStrings = false;
                    Skip(reader);
                }
                else if (first == null) first = strings.Share((string)reader.Value!);
                else (more ??= new List<string>(4) { first }).Add(strings.Share((string)reader.Value!)!);
            }
            // Exactly sized: a device keeps these for as long as the listing does.
            return more != null ? more.ToArray() : first != null ? new[] { first } : Array.Empty<string>();
        }

        /// <summary>A number of Unix milliseconds as a time; null for anything else.</summary>
        public static DateTimeOffset? Time(JsonReader reader)
        {
            if (reader.TokenType == JsonToken.Integer || reader.TokenType == JsonToken.Float) return Time(reader.Value);
            Skip(reader);
            return null;
        }

        /// <summary>A SQLite INTEGER column of Unix milliseconds as a time.</summary>
        public static DateTimeOffset? Time(long? milliseconds) =>
            milliseconds.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value) : null;

        /// <summary>Milliseconds converted as <c>(long)JValue</c> converts them (a float rounds; a huge integer overflows).</summary>
        public static DateTimeOffset? Time(object? milliseconds) => milliseconds switch
        {
            null => null,
            long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            BigInteger big => DateTimeOffset.FromUnixTimeMilliseconds((long)big),
            _ => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(milliseconds, CultureInfo.InvariantCulture)),
        };

        /// <summary>How a token is named in messages about a state file ("an Object", "a String"), as JTokenType names it.</summary>
        public static string Kind(JsonToken token) => token switch
        {
            JsonToken.StartObject => "Object",
            JsonToken.StartArray => "Array",
            _ => token.ToString(),
        };
    }
}
