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
    /// walked by a JTokenReader (the online list, a paired.json that is not plain) or the text itself (a plain
    /// paired.json, a SQLite JSON column), so one reading serves every source and a store the gateway wrote is read
    /// without building tokens first. A state file is read strictly: its record rules are checked as the values pass.
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

        /// <summary>
        /// A string field as <c>(string?)token</c> read it: scalars as text, null for null, an object or array
        /// ignored. <paramref name="strict"/>: only a string or null (a state file's rules, JsonRecords), else
        /// <see cref="NotPlainRecordException"/>.
        /// </summary>
        public static string? Text(JsonReader reader, bool strict = false)
        {
            if (strict) Require(reader.TokenType == JsonToken.String || reader.TokenType == JsonToken.Null);
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

        /// <summary>
        /// The string items of an array (other items are passed over, as the gateway's own readers do), each
        /// shared through <paramref name="strings"/>; null when the value is not an array. <paramref name="strict"/>:
        /// only null or an array of strings.
        /// </summary>
        public static string[]? Strings(JsonReader reader, RepeatedStrings strings, bool strict = false)
        {
            if (reader.TokenType != JsonToken.StartArray)
            {
                if (strict) Require(reader.TokenType == JsonToken.Null);
                Skip(reader);
                return null;
            }
            string? first = null;
            List<string>? more = null;
            while (true)
            {
                Next(reader);
                if (reader.TokenType == JsonToken.EndArray) break;
                if (strict) Require(reader.TokenType == JsonToken.String);
                if (reader.TokenType != JsonToken.String) Skip(reader);
                else if (first == null) first = strings.Share((string)reader.Value!);
                else (more ??= new List<string>(4) { first }).Add(strings.Share((string)reader.Value!)!);
            }
            // Exactly sized: a device keeps these for as long as the listing does.
            return more != null ? more.ToArray() : first != null ? new[] { first } : Array.Empty<string>();
        }

        /// <summary>A number of Unix milliseconds as a time; null for anything else (<paramref name="strict"/>: for null only).</summary>
        public static DateTimeOffset? Time(JsonReader reader, bool strict = false)
        {
            if (reader.TokenType == JsonToken.Integer || reader.TokenType == JsonToken.Float) return Time(reader.Value);
            if (strict) Require(reader.TokenType == JsonToken.Null);
            Skip(reader);
            return null;
        }

        /// <summary>
        /// A revocation time: the gateway tests <c>if (entry.revokedAtMs)</c> (2026.2.x to 2026.9.6), so 0, like
        /// null, means not revoked.
        /// </summary>
        public static DateTimeOffset? RevokedTime(JsonReader reader, bool strict = false) =>
            reader.Value is long and 0 or double and 0 or decimal and 0 ? null : Time(reader, strict);

        /// <summary>A strict read's check: the value has a type the state file's record rules allow.</summary>
        public static void Require(bool allowed)
        {
            if (!allowed) throw new NotPlainRecordException();
        }

        /// <summary>A SQLite INTEGER column of Unix milliseconds as a time.</summary>
        public static DateTimeOffset? Time(long? milliseconds) => milliseconds.HasValue ? Time((object)milliseconds.Value) : null;

        private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        /// <summary>
        /// Milliseconds since 1970 as a time, whatever number a state file holds. The gateway never turns these
        /// numbers into a Date to decide anything: it compares them (a request is pruned when <c>now - ts</c> exceeds
        /// five minutes, a token is revoked when <c>revokedAtMs</c> is set), and JavaScript numbers reach far beyond
        /// DateTimeOffset's years 1 to 9999 (Date itself to ±275,760 years; 1e19 or 1e400 are numbers too). So a value
        /// outside that range is clamped to its nearest end, which keeps every such comparison with a present-day
        /// time as the gateway makes it (a request from the year 10000 is still not expired, a token revoked "in
        /// 1e19" still revoked) where converting it threw. A fraction of a millisecond is cut off toward zero, as
        /// Date's TimeClip does.
        /// </summary>
        public static DateTimeOffset? Time(object? milliseconds)
        {
            long clamped;
            switch (milliseconds)
            {
                case null:
                    return null;
                case long ms:
                    clamped = Math.Min(Math.Max(ms, MinMilliseconds), MaxMilliseconds);
                    break;
                case BigInteger big:
                    clamped = big < MinMilliseconds ? MinMilliseconds : big > MaxMilliseconds ? MaxMilliseconds : (long)big;
                    break;
                default:
                    var value = Convert.ToDouble(milliseconds, CultureInfo.InvariantCulture);
                    if (double.IsNaN(value)) return null;
                    clamped = value <= MinMilliseconds ? MinMilliseconds : value >= MaxMilliseconds ? MaxMilliseconds : (long)Math.Truncate(value);
                    break;
            }
            return DateTimeOffset.FromUnixTimeMilliseconds(clamped);
        }

        /// <summary>A time plus a span, stopping at the end of DateTimeOffset's range instead of overflowing.</summary>
        public static DateTimeOffset Later(DateTimeOffset time, TimeSpan span) =>
            time > DateTimeOffset.MaxValue - span ? DateTimeOffset.MaxValue : time + span;

        /// <summary>How a token is named in messages about a state file ("an Object", "a String"), as JTokenType names it.</summary>
        public static string Kind(JsonToken token) => token switch
        {
            JsonToken.StartObject => "Object",
            JsonToken.StartArray => "Array",
            _ => token.ToString(),
        };
    }
}
