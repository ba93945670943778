using System;
using System.Globalization;
using System.Text;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>The text is not JSON as JSON.parse accepts it; Offset is where reading stopped.</summary>
    internal sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, int offset) : base(message)
        {
            Offset = offset;
        }

        public int Offset { get; }
    }

    /// <summary>
    /// A strict JSON reader (what JSON.parse accepts: no comments, no trailing commas) that records the span of
    /// every value. Newtonsoft's reader is lenient and reports positions only as line and column, which is not
    /// enough to splice an edit into the exact bytes the gateway wrote.
    /// </summary>
    internal sealed class JsonSpanParser
    {
        // Deep enough for any pairing store; a hostile or corrupted file must not overflow the stack.
        private const int MaxDepth = 128;
        private readonly string _text;
        private int _pos;

        private JsonSpanParser(string text)
        {
            _text = text;
        }

        public static JsonSpan Parse(string text)
        {
            var parser = new JsonSpanParser(text);
            parser.SkipWhitespace();
            if (parser._pos >= text.Length) throw new JsonSyntaxException("the file is empty", 0);
            var root = parser.ReadValue(0);
            parser.SkipWhitespace();
            if (parser._pos < text.Length) throw parser.Error($"unexpected '{text[parser._pos]}' after the end of the JSON value");
            return root;
        }

        private JsonSpan ReadValue(int depth)
        {
            if (depth > MaxDepth) throw Error($"values are nested more than {MaxDepth} deep");
            if (_pos >= _text.Length) throw Error("the JSON ends in the middle of a value (the file looks truncated)");
            var c = _text[_pos];
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"':
                    var start = _pos;
                    var s = ReadString();
                    return new JsonScalarSpan(start, _pos, JsonScalarKind.String, s);
                case 't': return ReadLiteral("true", JsonScalarKind.True);
                case 'f': return ReadLiteral("false", JsonScalarKind.False);
                case 'n': return ReadLiteral("null", JsonScalarKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error($"unexpected '{c}' where a value should start");
            }
        }

        private JsonObjectSpan ReadObject(int depth)
        {
            var obj = new JsonObjectSpan(_pos);
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                obj.End = _pos;
                return obj;
            }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"') throw Error(AtEnd ? "the JSON ends inside an object (the file looks truncated)" : "expected a quoted property name");
                var keyStart = _pos;
                var key = ReadString();
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                obj.Members.Add(new JsonMember(key, keyStart, ReadValue(depth + 1)));
                SkipWhitespace();
                var next = Peek();
                _pos++;
                if (next == '}') break;
                if (next != ',') throw Error(next == '\0' ? "the JSON ends inside an object (the file looks truncated)" : "expected ',' or '}' in an object", _pos - 1);
            }
            obj.End = _pos;
            return obj;
        }

        private JsonArraySpan ReadArray(int depth)
        {
            var array = new JsonArraySpan(_pos);
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                array.End = _pos;
                return array;
            }
            while (true)
            {
                SkipWhitespace();
                array.Items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                var next = Peek();
                _pos++;
                if (next == ']') break;
                if (next != ',') throw Error(next == '\0' ? "the JSON ends inside an array (the file looks truncated)" : "expected ',' or ']' in an array", _pos - 1);
            }
            array.End = _pos;
            return array;
        }

        private string ReadString()
        {
            _pos++; // opening quote
            StringBuilder? built = null;
            var runStart = _pos;
            while (true)
            {
                if (_pos >= _text.Length) throw Error("the JSON ends inside a string (the file looks truncated)");
                var c = _text[_pos];
                if (c == '"')
                {
                    var result = built == null ? _text.Substring(runStart, _pos - runStart) : built.Append(_text, runStart, _pos - runStart).ToString();
                    _pos++;
                    return result;
                }
                if (c < 0x20) throw Error("a control character inside a string must be escaped");
                if (c != '\\')
                {
                    _pos++;
                    continue;
                }
                built ??= new StringBuilder();
                built.Append(_text, runStart, _pos - runStart);
                built.Append(ReadEscape());
                runStart = _pos;
            }
        }

        private char ReadEscape()
        {
            if (_pos + 1 >= _text.Length) throw Error("the JSON ends inside a string (the file looks truncated)");
            var e = _text[_pos + 1];
            _pos += 2;
            switch (e)
            {
                case '"': return '"';
                case '\\': return '\\';
                case '/': return '/';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u':
                    if (_pos + 4 > _text.Length) throw Error("the JSON ends inside a \\u escape (the file looks truncated)");
                    if (!int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("a \\u escape needs four hex digits");
                    }
                    _pos += 4;
                    return (char)code;
                default:
                    throw Error($"'\\{e}' is not a JSON escape", _pos - 2);
            }
        }

        private JsonScalarSpan ReadNumber()
        {
            var start = _pos;
            if (Peek() == '-') _pos++;
            if (Peek() == '0') _pos++;
            else if (!Digits()) throw Error("a number needs digits");
            if (Peek() == '.')
            {
                _pos++;
                if (!Digits()) throw Error("a number needs digits after the decimal point");
            }
            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!Digits()) throw Error("a number needs digits in its exponent");
            }
            return new JsonScalarSpan(start, _pos, JsonScalarKind.Number, _text.Substring(start, _pos - start));
        }

        private bool Digits()
        {
            var start = _pos;
            while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9') _pos++;
            return _pos > start;
        }

        private JsonScalarSpan ReadLiteral(string word, JsonScalarKind kind)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            {
                throw Error(_text.Length - _pos < word.Length ? "the JSON ends in the middle of a value (the file looks truncated)" : $"unexpected '{_text[_pos]}' where a value should start");
            }
            var start = _pos;
            _pos += word.Length;
            return new JsonScalarSpan(start, _pos, kind, null);
        }

        private void Expect(char c)
        {
            if (Peek() != c) throw Error(AtEnd ? "the JSON ends in the middle of an object (the file looks truncated)" : $"expected '{c}'");
            _pos++;
        }

        private bool AtEnd => _pos >= _text.Length;

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                _pos++;
            }
        }

        private JsonSyntaxException Error(string message, int? at = null) => new JsonSyntaxException(message, at ?? _pos);
    }
}
