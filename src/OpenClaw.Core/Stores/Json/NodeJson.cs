using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// The text OpenClaw's own writer produces (Node's <c>JSON.stringify(value, null, 2)</c>), for the few values
    /// the offline repair writes, and the conversion of spans to Newtonsoft values for the shared device readers.
    /// </summary>
    internal static class NodeJson
    {
        /// <summary>
        /// A string as JSON.stringify quotes it (ES2019 well-formed): ", \ and control characters escaped, \b \f \n
        /// \r \t by name, other controls as \u00xx, lone surrogates as \udxxx; everything else, non-ASCII included,
        /// verbatim. Newtonsoft differs (it escapes nothing non-ASCII but also not lone surrogates the same way).
        /// </summary>
        public static string Quote(string value)
        {
            var sb = new StringBuilder(value.Length + 2).Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20 || IsLoneSurrogate(value, i)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>
        /// A string array at a given indentation, as JSON.stringify(x, null, 2) lays it out: "[]" when empty, else one
        /// element per line indented two more than the line that holds the array, and "]" back at that line's indent.
        /// </summary>
        public static string StringArray(IEnumerable<string> items, string indent, string newline)
        {
            var list = items.ToList();
            if (list.Count == 0) return "[]";
            var inner = indent + "  ";
            return "[" + newline + string.Join("," + newline, list.Select(s => inner + Quote(s))) + newline + indent + "]";
        }

        /// <summary>
        /// A small value tree (a <see cref="NodeObject"/>, string lists, strings, whole numbers, booleans,
        /// <see cref="RawJson"/>) at a given indentation, laid out as JSON.stringify(x, null, 2) lays it out: members
        /// and elements one per line, two spaces deeper than <paramref name="indent"/>, "{}" and "[]" when empty.
        /// </summary>
        public static string Stringify(object value, string indent, string newline)
        {
            switch (value)
            {
                case string s:
                    return Quote(s);
                case long or int:
                    return System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
                case bool b:
                    return b ? "true" : "false";
                case RawJson raw:
                    return raw.Text;
                case NodeObject obj:
                    if (obj.Count == 0) return "{}";
                    var inner = indent + "  ";
                    return "{" + newline
                        + string.Join("," + newline, obj.Select(m => inner + Quote(m.Key) + ": " + Stringify(m.Value, inner, newline)))
                        + newline + indent + "}";
                case IEnumerable<string> items:
                    return StringArray(items, indent, newline);
                default:
                    throw new System.ArgumentException($"{value.GetType().Name} is not a value the stores write.", nameof(value));
            }
        }

        /// <summary>A span as a Newtonsoft value, so PairedDevice.FromJson and friends read offline stores too.</summary>
        public static JToken ToToken(JsonSpan span)
        {
            switch (span)
            {
                case JsonObjectSpan obj:
                    var o = new JObject();
                    foreach (var m in obj.Members) o[m.Key] = ToToken(m.Value);
                    return o;
                case JsonArraySpan array:
                    return new JArray(array.Items.Select(ToToken));
                case JsonScalarSpan scalar:
                    return scalar.Kind switch
                    {
                        JsonScalarKind.String => new JValue(scalar.Text),
                        JsonScalarKind.Number => Number(scalar.Text!),
                        JsonScalarKind.True => new JValue(true),
                        JsonScalarKind.False => new JValue(false),
                        _ => JValue.CreateNull(),
                    };
                default:
                    return JValue.CreateNull();
            }
        }

        private static JValue Number(string text)
        {
            var value = NumberValue(text);
            return value is long whole ? new JValue(whole) : new JValue((double)value);
        }

        /// <summary>A number as written in the store: a long when it is whole and fits, else a double.</summary>
        public static object NumberValue(string text) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? whole
                : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        private static bool IsLoneSurrogate(string s, int i)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c)) return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
            if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(s[i - 1]);
            return false;
        }
    }

    /// <summary>
    /// An object to write, with its keys in insertion order (the order the gateway builds its records in). A null
    /// value is left out, as JSON.stringify leaves out undefined.
    /// </summary>
    internal sealed class NodeObject : List<KeyValuePair<string, object>>
    {
        public void Add(string key, object? value)
        {
            if (value != null) Add(new KeyValuePair<string, object>(key, value));
        }
    }

    /// <summary>JSON text written as it is: a number copied from the store with the spelling it had there.</summary>
    internal sealed class RawJson
    {
        public RawJson(string text)
        {
            Text = text;
        }

        public string Text { get; }
    }
}
