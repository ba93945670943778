using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// One store file as a batch of edits sees it: each edit reads the result of the ones before it. Edits are
    /// collected as text splices against one parse, which keeps a batch over a large paired.json to a single pass;
    /// only when an edit reaches a member an earlier edit of the same pass changed (or inserts members into the
    /// top-level object after removals there) are the splices applied and the text parsed again, so no splice
    /// ever works on stale offsets.
    /// </summary>
    internal sealed class JsonStoreView
    {
        private readonly string _what;
        private JsonTextEdits _edits;
        private readonly HashSet<string> _changed = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _removed = new HashSet<string>(StringComparer.Ordinal);
        private bool _inserted;

        /// <param name="what">How the file is keyed ("device id", "request id"), for the message of a broken file.</param>
        public JsonStoreView(JsonStoreFile file, string what)
        {
            File = file;
            _what = what;
            _edits = new JsonTextEdits(file);
        }

        /// <summary>The file as last parsed; read members only through <see cref="Find"/> and <see cref="Members"/>.</summary>
        public JsonStoreFile File { get; private set; }

        /// <summary>The text with every edit so far.</summary>
        public string Text
        {
            get
            {
                Flush();
                return File.Text;
            }
        }

        /// <summary>
        /// The member stored under an id, as OpenClaw looks it up: the exact key (the last of duplicates, as
        /// JSON.parse keeps), else a unique case-insensitive match; null when absent or removed by this batch.
        /// </summary>
        public JsonMember? Find(string id)
        {
            if (_inserted) Flush();
            var key = KeyOf(id);
            if (key == null) return null;
            if (_changed.Contains(key)) Flush();
            return File.Root.Find(key);
        }

        /// <summary>The members still present, the last of each key.</summary>
        public IReadOnlyList<JsonMember> Members()
        {
            if (_changed.Count > 0) Flush();
            return File.Root.Members.Where(m => !_removed.Contains(m.Key)).GroupBy(m => m.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        }

        /// <summary>The edits for a member about to be changed; a later read of it sees the change.</summary>
        public JsonTextEdits Edit(JsonMember member)
        {
            _changed.Add(member.Key);
            return _edits;
        }

        /// <summary>Removes a top-level member, duplicates included (else JSON.parse would find an earlier one).</summary>
        public void Remove(string key)
        {
            if (_changed.Contains(key) || _inserted) Flush();
            foreach (var member in File.Root.Members.Where(m => m.Key == key)) _edits.RemoveMember(File.Root, member);
            _removed.Add(key);
        }

        /// <summary>Adds a top-level member after the last one (where a JavaScript object puts a new key).</summary>
        public void Insert(string key, NodeObject value)
        {
            if (_removed.Count > 0 || _inserted) Flush();
            _edits.InsertMember(File.Root, key, value);
            _changed.Add(key);
            _inserted = true;
        }

        private string? KeyOf(string id)
        {
            if (!_removed.Contains(id) && File.Root.Find(id) != null) return id;
            var matches = File.Root.Members.Select(m => m.Key)
                .Where(k => !_removed.Contains(k) && string.Equals(k, id, StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        private void Flush()
        {
            if (_edits.IsEmpty) return;
            var text = _edits.Apply();
            File = JsonStoreFile.Parse(File.Path, File.Encode(text), _what);
            _edits = new JsonTextEdits(File);
            _changed.Clear();
            _removed.Clear();
            _inserted = false;
        }
    }
}
