using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// Keeps the unpaired surrogates a store may hold. JavaScript strings are UTF-16 code units, so a client's
    /// display name can hold half a surrogate pair; JSON.stringify writes it as an escape ("\ud800") and JSON.parse
    /// reads it back unchanged, but Newtonsoft reads it as U+FFFD, so an edit elsewhere in the file would have
    /// changed that name. Before Newtonsoft parses the text, each such escape becomes an escape of a placeholder
    /// character the text does not hold, followed by the escape's four hex digits; afterwards every placeholder with
    /// its digits, in values and in member names, becomes the surrogate again.
    /// </summary>
    internal static class LoneSurrogates
    {
        /// <summary>The text with the escapes at <paramref name="offsets"/> (from <see cref="JsonSyntax.Check"/>) protected, and the placeholder used.</summary>
        public static (string Text, char Placeholder) Protect(string text, IReadOnlyList<int> offsets)
        {
            var placeholder = Unused(text);
            var escaped = "\\u" + ((int)placeholder).ToString("x4", CultureInfo.InvariantCulture);
            var protectedText = new StringBuilder(text.Length + offsets.Count * 6);
            var from = 0;
            foreach (var offset in offsets)
            {
                // "\udabc" becomes "\uXXXX" (the placeholder) and "dabc" as four plain characters.
                protectedText.Append(text, from, offset - from).Append(escaped).Append(text, offset + 2, 4);
                from = offset + 6;
            }
            return (protectedText.Append(text, from, text.Length - from).ToString(), placeholder);
        }

        /// <summary>Puts the surrogates back into every string and member name of <paramref name="value"/>.</summary>
        public static void Restore(JToken value, char placeholder)
        {
            switch (value)
            {
                case JObject obj:
                    foreach (var property in obj.Properties().ToList())
                    {
                        Restore(property.Value, placeholder);
                        if (property.Name.IndexOf(placeholder) >= 0) property.Replace(new JProperty(Restored(property.Name, placeholder), property.Value));
                    }
                    break;
                case JArray array:
                    foreach (var item in array) Restore(item, placeholder);
                    break;
                case JValue { Type: JTokenType.String } text when ((string)text.Value!).IndexOf(placeholder) >= 0:
                    text.Value = Restored((string)text.Value!, placeholder);
                    break;
            }
        }

        private static string Restored(string value, char placeholder)
        {
            var restored = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] != placeholder)
                {
                    restored.Append(value[i]);
                    continue;
                }
                restored.Append((char)int.Parse(value.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 4;
            }
            return restored.ToString();
        }

        /// <summary>
        /// A private-use character that appears in the text neither as itself nor as an escape, so every placeholder
        /// Newtonsoft hands back is one this class wrote (6,400 candidates; a text would need all of them to defeat it).
        /// </summary>
        private static char Unused(string text)
        {
            for (var c = '\uE000'; c <= '\uF8FF'; c++)
            {
                if (text.IndexOf(c) < 0 && text.IndexOf("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture), System.StringComparison.OrdinalIgnoreCase) < 0) return c;
            }
            throw new JsonSyntaxException("the text uses every private-use character", 0);
        }
    }
}
