using System.Collections.Generic;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// A JSON value together with where it sits in the file's text. The offline repair edits a store by splicing
    /// new text into exactly these spans, so every byte it does not mean to change stays as the gateway wrote it
    /// (key order, number spelling, escapes, formatting, fields the module does not know).
    /// </summary>
    internal abstract class JsonSpan
    {
        protected JsonSpan(int start, int end)
        {
            Start = start;
            End = end;
        }

        /// <summary>Offset of the value's first character.</summary>
        public int Start { get; }

        /// <summary>Offset just past the value's last character.</summary>
        public int End { get; internal set; }

        public abstract string KindName { get; }
    }

    internal sealed class JsonObjectSpan : JsonSpan
    {
        public JsonObjectSpan(int start) : base(start, start)
        {
        }

        public List<JsonMember> Members { get; } = new List<JsonMember>();

        public override string KindName => "an object";

        // paired.json's top-level object has one member per device; lookups by id must not be linear.
        private Dictionary<string, JsonMember>? _index;

        /// <summary>The member JSON.parse would keep: with duplicate keys the last one wins.</summary>
        public JsonMember? Find(string key)
        {
            if (Members.Count <= 8)
            {
                for (var i = Members.Count - 1; i >= 0; i--)
                {
                    if (Members[i].Key == key) return Members[i];
                }
                return null;
            }
            if (_index == null || _index.Count == 0)
            {
                _index = new Dictionary<string, JsonMember>(Members.Count, System.StringComparer.Ordinal);
                foreach (var member in Members) _index[member.Key] = member;
            }
            return _index.TryGetValue(key, out var found) ? found : null;
        }

        public JsonSpan? Value(string key) => Find(key)?.Value;
    }

    internal sealed class JsonMember
    {
        public JsonMember(string key, int keyStart, JsonSpan value)
        {
            Key = key;
            KeyStart = keyStart;
            Value = value;
        }

        public string Key { get; }

        /// <summary>Offset of the key's opening quote.</summary>
        public int KeyStart { get; }

        public JsonSpan Value { get; }
    }

    internal sealed class JsonArraySpan : JsonSpan
    {
        public JsonArraySpan(int start) : base(start, start)
        {
        }

        public List<JsonSpan> Items { get; } = new List<JsonSpan>();

        public override string KindName => "an array";
    }

    internal enum JsonScalarKind
    {
        String,
        Number,
        True,
        False,
        Null,
    }

    internal sealed class JsonScalarSpan : JsonSpan
    {
        public JsonScalarSpan(int start, int end, JsonScalarKind kind, string? text) : base(start, end)
        {
            Kind = kind;
            Text = text;
        }

        public JsonScalarKind Kind { get; }

        /// <summary>The unescaped string, or the number exactly as written; null for true, false and null.</summary>
        public string? Text { get; }

        public override string KindName => Kind switch
        {
            JsonScalarKind.String => "a string",
            JsonScalarKind.Number => "a number",
            JsonScalarKind.Null => "null",
            _ => "a boolean",
        };
    }
}
