using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// A copy of a store file's object that a batch of edits changes, each edit seeing the ones before it. Every
    /// change goes through the methods here, and each changes exactly the value it names (an array gains items at
    /// its end, a member gets a value or is added where a JavaScript assignment or the gateway's own record layout
    /// puts it, a member goes); so the document knows whether anything changed, and a file nothing changed in is
    /// left byte for byte, whatever its layout.
    /// </summary>
    internal sealed class JsonStoreDocument
    {
        private readonly JsonStoreFile _file;

        public JsonStoreDocument(JsonStoreFile file)
        {
            _file = file;
            Root = (JObject)file.Root.DeepClone();
        }

        public string Path => _file.Path;

        public JObject Root { get; }

        public bool Changed { get; private set; }

        /// <summary>What to write: the file's own text when nothing changed, else the text the gateway would write.</summary>
        public string Text => Changed ? _file.TextOf(Root) : _file.Text;

        /// <summary>
        /// The top-level member stored under an id, as OpenClaw looks it up: the exact key, else a unique
        /// case-insensitive match; null when absent (or removed by this batch).
        /// </summary>
        public JProperty? Find(string id)
        {
            var exact = Root.Property(id, StringComparison.Ordinal);
            if (exact != null) return exact;
            var matches = Root.Properties().Where(p => string.Equals(p.Name, id, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        /// <summary>Adds strings at the end of an array, keeping its items.</summary>
        public void Append(JArray array, IEnumerable<string> items)
        {
            foreach (var item in items)
            {
                array.Add(new JValue(item));
                Changed = true;
            }
        }

        /// <summary>
        /// Gives <paramref name="key"/> a value: in place when the member exists (as <c>obj[key] = value</c> does),
        /// else as a new member right after <paramref name="after"/>, or after the last member when that is null.
        /// </summary>
        public void Set(JObject obj, string key, JToken value, JProperty? after = null)
        {
            var existing = obj.Property(key, StringComparison.Ordinal);
            if (existing != null)
            {
                if (JToken.DeepEquals(existing.Value, value)) return;
                existing.Value = value;
            }
            else if (after != null && after.Parent == obj) after.AddAfterSelf(new JProperty(key, value));
            else obj.Add(new JProperty(key, value));
            Changed = true;
        }

        public void Remove(JObject obj, string key)
        {
            if (obj.Remove(key)) Changed = true;
        }
    }
}
