using System.Collections.Generic;
using Newtonsoft.Json;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// A parsed span (a paired.json record) as a Newtonsoft token stream, so the store's devices are built by the
    /// same <see cref="Devices.PairedDeviceFields"/> as list entries and SQLite rows, without first copying every
    /// record into a JObject. Values are what <see cref="NodeJson.ToToken"/> gives: a number is a long when it is
    /// whole and fits, else a double.
    /// </summary>
    internal sealed class JsonSpanReader : JsonReader
    {
        private readonly Stack<Container> _open = new Stack<Container>();
        private JsonSpan? _first;

        public JsonSpanReader(JsonSpan span) => _first = span;

        public override bool Read()
        {
            if (_first != null)
            {
                Start(_first);
                _first = null;
                return true;
            }
            if (_open.Count == 0)
            {
                SetToken(JsonToken.None);
                return false;
            }
            var container = _open.Pop();
            if (container.Span is JsonObjectSpan obj)
            {
                if (container.Next == obj.Members.Count)
                {
                    SetToken(JsonToken.EndObject);
                    return true;
                }
                var member = obj.Members[container.Next];
                if (!container.NamedNext)
                {
                    _open.Push(new Container(obj, container.Next, namedNext: true));
                    SetToken(JsonToken.PropertyName, member.Key);
                    return true;
                }
                _open.Push(new Container(obj, container.Next + 1, namedNext: false));
                Start(member.Value);
                return true;
            }
            var array = (JsonArraySpan)container.Span;
            if (container.Next == array.Items.Count)
            {
                SetToken(JsonToken.EndArray);
                return true;
            }
            _open.Push(new Container(array, container.Next + 1, namedNext: false));
            Start(array.Items[container.Next]);
            return true;
        }

        private void Start(JsonSpan span)
        {
            switch (span)
            {
                case JsonObjectSpan obj:
                    _open.Push(new Container(obj, 0, namedNext: false));
                    SetToken(JsonToken.StartObject);
                    break;
                case JsonArraySpan array:
                    _open.Push(new Container(array, 0, namedNext: false));
                    SetToken(JsonToken.StartArray);
                    break;
                case JsonScalarSpan { Kind: JsonScalarKind.String } text:
                    SetToken(JsonToken.String, text.Text);
                    break;
                case JsonScalarSpan { Kind: JsonScalarKind.Number } number:
                    var value = NodeJson.NumberValue(number.Text!);
                    SetToken(value is long ? JsonToken.Integer : JsonToken.Float, value);
                    break;
                case JsonScalarSpan { Kind: JsonScalarKind.True }:
                    SetToken(JsonToken.Boolean, true);
                    break;
                case JsonScalarSpan { Kind: JsonScalarKind.False }:
                    SetToken(JsonToken.Boolean, false);
                    break;
                default:
                    SetToken(JsonToken.Null);
                    break;
            }
        }

        /// <summary>An object or array being read: the index of its next member or item, and for an object whether that member's name was given.</summary>
        private readonly struct Container
        {
            public Container(JsonSpan span, int next, bool namedNext)
            {
                Span = span;
                Next = next;
                NamedNext = namedNext;
            }

            public JsonSpan Span { get; }
            public int Next { get; }
            public bool NamedNext { get; }
        }
    }
}
