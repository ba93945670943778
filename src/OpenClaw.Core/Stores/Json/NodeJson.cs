using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// The text the gateway's own writer produces: Node's <c>JSON.stringify(value, null, 2)</c> for paired.json and
    /// pending.json, <c>JSON.stringify(value)</c> for the SQLite JSON columns. A store the gateway wrote is a fixed
    /// point (stringify of its parse is the same bytes), so an edited store differs from it only where the edit
    /// changed a value (and see <see cref="Number"/> for the one value stringify would lose). Newtonsoft's writer is not Node's: it escapes U+2028, U+2029 and U+0085, writes lone
    /// surrogates raw, and formats numbers as .NET does (1E+21, 1.0, 12345678901234567890 where Node writes 1e+21,
    /// 1, 12345678901234567000).
    /// </summary>
    internal static class NodeJson
    {
        public static string Stringify(JToken value, bool indented)
        {
            var text = new StringBuilder();
            Write(text, value, indented ? "\n" : null);
            return text.ToString();
        }

        /// <param name="newline">"\n" and the current indentation when indented; null when compact.</param>
        private static void Write(StringBuilder text, JToken value, string? newline)
        {
            switch (value)
            {
                case JObject obj:
                    var first = true;
                    text.Append('{');
                    var inner = newline == null ? null : newline + "  ";
                    foreach (var property in InObjectOrder(obj))
                    {
                        if (!first) text.Append(',');
                        first = false;
                        text.Append(inner).Append(Quote(property.Name)).Append(newline == null ? ":" : ": ");
                        Write(text, property.Value, inner);
                    }
                    if (!first) text.Append(newline);
                    text.Append('}');
                    break;
                case JArray array:
                    text.Append('[');
                    inner = newline == null ? null : newline + "  ";
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (i > 0) text.Append(',');
                        text.Append(inner);
                        Write(text, array[i], inner);
                    }
                    if (array.Count > 0) text.Append(newline);
                    text.Append(']');
                    break;
                case JValue scalar:
                    text.Append(Scalar(scalar));
                    break;
                default:
                    throw new ArgumentException($"{value.Type} is not a JSON value.", nameof(value));
            }
        }

        private static string Scalar(JValue value)
        {
            switch (value.Type)
            {
                case JTokenType.Null: return "null";
                case JTokenType.Boolean: return (bool)value.Value! ? "true" : "false";
                case JTokenType.String: return Quote((string)value.Value!);
                case JTokenType.Integer:
                case JTokenType.Float: return Number(ToDouble(value.Value!));
                default: throw new ArgumentException($"{value.Type} is not a JSON value.", nameof(value));
            }
        }

        /// <summary>The number JSON.parse makes of a parsed value: the double nearest to it.</summary>
        private static double ToDouble(object number) => number switch
        {
            double d => d,
            long l => l,
            int i => i,
            // Through the decimal text: double.Parse rounds to the nearest double, as JSON.parse does.
            BigInteger or decimal => double.Parse(Convert.ToString(number, CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => Convert.ToDouble(number, CultureInfo.InvariantCulture),
        };

        /// <summary>
        /// A number as JavaScript's Number::toString writes it (ECMA-262 6.1.6.1.20): the shortest digits that read
        /// back as the same double, plain from 1e-6 up to 1e21 and with an exponent ("1e+21", "1.5e-7") outside.
        /// The one deliberate difference: a number too large for a double (JSON.parse("1e400") is Infinity) is
        /// written as 1e400 or -1e400, the same value to JSON.parse, where JSON.stringify writes null, because an
        /// edit must not turn a hand-written revokedAtMs of 1e400 (revoked, to the gateway) into null (not revoked).
        /// The gateway never writes such a number, so a store it wrote is still its own stringify.
        /// </summary>
        public static string Number(double value)
        {
            if (double.IsInfinity(value)) return value > 0 ? "1e400" : "-1e400";
            if (double.IsNaN(value)) return "null";
            if (value == 0) return "0"; // -0 too
            // Every whole number below 2^53 is its own shortest form; timestamps take this path.
            if (Math.Abs(value) < 9007199254740992d && Math.Floor(value) == value) return ((long)value).ToString(CultureInfo.InvariantCulture);
            var (digits, n) = ShortestDigits(Math.Abs(value));
            var k = digits.Length;
            string text;
            if (k <= n && n <= 21) text = digits + new string('0', n - k);
            else if (0 < n && n <= 21) text = digits.Substring(0, n) + "." + digits.Substring(n);
            else if (-6 < n && n <= 0) text = "0." + new string('0', -n) + digits;
            else
            {
                var exponent = n - 1;
                text = (k == 1 ? digits : digits.Substring(0, 1) + "." + digits.Substring(1)) + "e" + (exponent < 0 ? "-" : "+")
                    + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
            }
            return value < 0 ? "-" + text : text;
        }

        /// <summary>
        /// The fewest significant digits that read back as <paramref name="value"/> (correctly rounded, so of equally
        /// short ones the nearest), and n: the value is 0.digits × 10^n. Tried from 1 to 17 digits rather than with
        /// "R", which is the shortest only from .NET Core 3.0 on, not on the .NET Framework of Windows PowerShell.
        /// </summary>
        private static (string Digits, int N) ShortestDigits(double value)
        {
            for (var precision = 1; ; precision++)
            {
                var e = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (precision < 17 && double.Parse(e, NumberStyles.Float, CultureInfo.InvariantCulture) != value) continue;
                var mark = e.IndexOf('E');
                var digits = e.Substring(0, mark).Replace(".", "").TrimEnd('0');
                return (digits, int.Parse(e.Substring(mark + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) + 1);
            }
        }

        /// <summary>
        /// A string as JSON.stringify quotes it (ES2019 well-formed): ", \ and control characters escaped, \b \f \n
        /// \r \t by name, other controls and lone surrogates as lowercase \u00xx and \udxxx; everything else,
        /// U+2028 and all non-ASCII included, verbatim.
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
        /// An object's members in the order a JavaScript object enumerates them: array-index keys ("0" to
        /// "4294967294", no leading zeros) first in numeric order, then the others in the order they were added.
        /// So JSON.parse moves {"b":1,"2":3} to {"2":3,"b":1}, and so does the module, in what it writes and lists.
        /// </summary>
        public static IEnumerable<JProperty> InObjectOrder(JObject obj)
        {
            var properties = obj.Properties();
            if (!properties.Any(p => IsArrayIndex(p.Name))) return properties;
            return properties.Where(p => IsArrayIndex(p.Name)).OrderBy(p => uint.Parse(p.Name, CultureInfo.InvariantCulture))
                .Concat(properties.Where(p => !IsArrayIndex(p.Name)));
        }

        public static bool IsArrayIndex(string key)
        {
            if (key.Length == 0 || key.Length > 10 || (key[0] == '0' && key.Length > 1)) return false;
            foreach (var c in key)
            {
                if (c < '0' || c > '9') return false;
            }
            return ulong.Parse(key, CultureInfo.InvariantCulture) < uint.MaxValue;
        }

        private static bool IsLoneSurrogate(string s, int i)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c)) return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
            if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(s[i - 1]);
            return false;
        }
    }
}
