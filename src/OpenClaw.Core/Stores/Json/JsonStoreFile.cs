using System;
using System.IO;
using System.Text;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// One JSON state file as read: its exact bytes (to detect a concurrent change and to back up), its text and
    /// the spans of its top-level object. OpenClaw's files are objects keyed by id; anything else is refused here,
    /// so no later step ever writes over a file it did not understand.
    /// </summary>
    internal sealed class JsonStoreFile
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        private JsonStoreFile(string path, byte[] bytes, string text, bool hasBom, JsonObjectSpan root)
        {
            Path = path;
            Bytes = bytes;
            Text = text;
            HasBom = hasBom;
            Root = root;
            // JSON.stringify writes \n; a file edited on Windows may use \r\n, and inserted lines should match it.
            Newline = text.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
        }

        public string Path { get; }

        public byte[] Bytes { get; }

        public string Text { get; }

        /// <summary>OpenClaw never writes a BOM, but an editor may have; it is kept as found.</summary>
        public bool HasBom { get; }

        public string Newline { get; }

        public JsonObjectSpan Root { get; }

        public static JsonStoreFile Read(string path, string what) => Parse(path, File.ReadAllBytes(path), what);

        /// <param name="what">How OpenClaw keys the file, for the message: "device id", "request id".</param>
        public static JsonStoreFile Parse(string path, byte[] bytes, string what)
        {
            var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            string text;
            try
            {
                text = StrictUtf8.GetString(bytes, hasBom ? 3 : 0, bytes.Length - (hasBom ? 3 : 0));
            }
            catch (DecoderFallbackException e)
            {
                throw StoreErrors.Invalid(path, "it is not UTF-8 text", e);
            }
            JsonSpan root;
            try
            {
                root = JsonSpanParser.Parse(text);
            }
            catch (JsonSyntaxException e)
            {
                throw StoreErrors.Invalid(path, $"it is not valid JSON: {e.Message} ({Where(text, e.Offset)})", e);
            }
            if (root is not JsonObjectSpan obj)
            {
                // Upstream #23498: a paired.json written as an array made the gateway lose every device.
                throw StoreErrors.Invalid(path, $"it holds {root.KindName}, but OpenClaw keeps an object keyed by {what}");
            }
            return new JsonStoreFile(path, bytes, text, hasBom, obj);
        }

        public byte[] Encode(string text)
        {
            var body = StrictUtf8.GetBytes(text);
            if (!HasBom) return body;
            var withBom = new byte[body.Length + 3];
            withBom[0] = 0xEF;
            withBom[1] = 0xBB;
            withBom[2] = 0xBF;
            Buffer.BlockCopy(body, 0, withBom, 3, body.Length);
            return withBom;
        }

        /// <summary>"line 12, column 5 of 30 lines" from a character offset.</summary>
        internal static string Where(string text, int offset)
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < offset && i < text.Length; i++)
            {
                if (text[i] != '\n') continue;
                line++;
                lineStart = i + 1;
            }
            return $"line {line}, column {offset - lineStart + 1}, at character {offset} of {text.Length}";
        }
    }
}
