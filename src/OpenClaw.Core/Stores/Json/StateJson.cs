using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// The one way the module reads JSON out of a gateway's pairing store: paired.json and pending.json, and the JSON
    /// columns of the SQLite store (roles_json, scopes_json, approved_scopes_json, tokens_json). Whatever the source,
    /// the text must be what the gateway's <c>JSON.parse</c> accepts (<see cref="JsonSyntax"/>), and the values are
    /// what JSON.parse gives: of duplicate keys the last value wins (at the first key's place, as a JavaScript object
    /// keeps it), so no later step can see a discarded duplicate; unpaired surrogates stay (<see cref="LoneSurrogates"/>);
    /// strings that look like dates stay strings; a number is a long when it is written as a whole number that fits,
    /// a BigInteger when it does not, else a double (what JSON.parse makes of every number), so <see cref="NodeJson"/>
    /// writes it back as Node would.
    /// </summary>
    internal static class StateJson
    {
        /// <summary>
        /// How deeply containers may nest. A pairing record needs 5 (store, device, tokens, role, scopes); Node's
        /// JSON.parse has no such limit, so a deeper file is refused as "nested more than 128 deep" where the gateway
        /// would read it. Every reader the stores create uses this limit, so none fails on its own default (64).
        /// </summary>
        public const int MaxDepth = 128;

        private static readonly JsonLoadSettings Load = new JsonLoadSettings
        {
            DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
            LineInfoHandling = LineInfoHandling.Ignore,
            CommentHandling = CommentHandling.Ignore,
        };

        /// <summary>The value of a JSON text, or <see cref="JsonSyntaxException"/> saying where and why it is not one.</summary>
        /// <param name="buffers">Where the reader rents its character buffer; a caller parsing many short texts lends one.</param>
        public static JToken Parse(string text, IArrayPool<char>? buffers = null)
        {
            var loneSurrogates = JsonSyntax.Check(text, MaxDepth);
            var placeholder = '\0';
            if (loneSurrogates != null) (text, placeholder) = LoneSurrogates.Protect(text, loneSurrogates);
            JToken value;
            try
            {
                using var reader = TextReader(text, buffers);
                value = JToken.ReadFrom(reader, Load);
            }
            catch (JsonException e)
            {
                // Only where the runtime itself cannot parse a number JSON allows (an exponent beyond double's range
                // on .NET Framework, whose double.TryParse fails where .NET Core gives Infinity).
                throw new JsonSyntaxException(e.Message, 0);
            }
            if (placeholder != '\0') LoneSurrogates.Restore(value, placeholder);
            return value;
        }

        /// <summary>
        /// Whether a text can be read straight into a device (<see cref="TextReader"/>, PairedDeviceFields strict):
        /// it is JSON as JSON.parse accepts it and holds no unpaired surrogate, which only <see cref="Parse"/> keeps.
        /// A false answer sends the text to <see cref="Parse"/>, which says what is wrong with it, if anything.
        /// </summary>
        public static bool IsPlain(string text)
        {
            try
            {
                return JsonSyntax.Check(text, MaxDepth) == null;
            }
            catch (JsonSyntaxException)
            {
                return false;
            }
        }

        /// <summary>
        /// Newtonsoft's reader over a text, giving the values JSON.parse gives (no dates, every fraction a double)
        /// with the depth limit: what <see cref="Parse"/> builds its tree from, and what a plain text is read with.
        /// </summary>
        /// <param name="buffers">Where the reader rents its character buffer; a caller reading many short texts lends one.</param>
        public static JsonTextReader TextReader(string text, IArrayPool<char>? buffers = null)
        {
            var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxDepth,
            };
            if (buffers != null) reader.ArrayPool = buffers;
            return reader;
        }

        /// <summary>A token reader over a parsed value, with the same depth limit.</summary>
        public static JsonReader Reader(JToken value) => new JTokenReader(value) { MaxDepth = MaxDepth };
    }
}
