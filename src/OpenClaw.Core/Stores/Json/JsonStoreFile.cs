using System;
using System.IO;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// One JSON state file as read: its exact bytes (to detect a concurrent change and to back up), its text and its
    /// top-level object as JSON.parse gives it (<see cref="StateJson"/>). OpenClaw's files are objects keyed by id;
    /// anything else is refused here, so no later step ever writes over a file it did not understand.
    /// </summary>
    internal sealed class JsonStoreFile
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        private JsonStoreFile(string path, byte[] bytes, string text, JObject root)
        {
            Path = path;
            Bytes = bytes;
            Text = text;
            Root = root;
        }

        public string Path { get; }

        public byte[] Bytes { get; }

        public string Text { get; }

        /// <summary>The store as read; editors change a copy (<see cref="Edit"/>), so this stays what the file holds.</summary>
        public JObject Root { get; }

        public static JsonStoreFile Read(string path, string what) => Parse(path, File.ReadAllBytes(path), what);

        /// <param name="what">How OpenClaw keys the file, for the message: "device id", "request id".</param>
        public static JsonStoreFile Parse(string path, byte[] bytes, string what) => Parse(path, bytes, Decode(path, bytes), what);

        /// <summary>The text of a file's bytes, refused as the gateway's JSON.parse would refuse it (a BOM) or as not UTF-8.</summary>
        public static string Decode(string path, byte[] bytes)
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                // Node's readFile(..., "utf8") keeps the BOM and JSON.parse fails on it: 2026.2.x then reads the store
                // as empty (and writes that back at its next pairing), 2026.5.12 and later fail the pairing operation
                // (docs/release-matrix.md, "How the JSON store is read").
                throw StoreErrors.Invalid(path, "it starts with a UTF-8 byte order mark (EF BB BF), which the gateway's JSON.parse refuses, so the gateway cannot read it either; remove those three bytes");
            }
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                // Node would read the bad bytes as U+FFFD and write that back; the module does not guess.
                throw StoreErrors.Invalid(path, "it is not UTF-8 text", e);
            }
        }

        /// <summary>The file of bytes already decoded (<see cref="Decode"/>) into <paramref name="text"/>.</summary>
        public static JsonStoreFile Parse(string path, byte[] bytes, string text, string what)
        {
            JToken root;
            try
            {
                root = StateJson.Parse(text);
            }
            catch (JsonSyntaxException e)
            {
                throw StoreErrors.Invalid(path, $"it is not valid JSON: {e.Message} ({Where(text, e.Offset)})", e);
            }
            if (root is not JObject obj)
            {
                // Upstream #23498: a paired.json written as an array made the gateway lose every device.
                throw StoreErrors.Invalid(path, $"it holds {JsonRecords.Describe(root)}, but OpenClaw keeps an object keyed by {what}");
            }
            return new JsonStoreFile(path, bytes, text, obj);
        }

        public static byte[] Encode(string text) => StrictUtf8.GetBytes(text);

        /// <summary>A copy of the store to change; its <see cref="JsonStoreDocument.Text"/> is what to write.</summary>
        public JsonStoreDocument Edit() => new JsonStoreDocument(this);

        /// <summary>
        /// The text the gateway would write for <paramref name="root"/>: <c>JSON.stringify(root, null, 2)</c>, which
        /// for a file the gateway wrote is its own bytes wherever a value did not change. A trailing newline (which no
        /// release writes, but an editor may add) is kept; a BOM was refused and CRLF line ends become "\n".
        /// </summary>
        public string TextOf(JObject root) => NodeJson.Stringify(root, indented: true) + (Text.EndsWith("\n", StringComparison.Ordinal) ? "\n" : "");

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
