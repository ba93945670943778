using System;
using System.Collections.Generic;

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
    /// Checks that a text is JSON as the gateway's <c>JSON.parse</c> accepts it (ECMA-404: no comments, no trailing
    /// commas, only space, tab, CR and LF between tokens), before Newtonsoft builds its values. Newtonsoft's reader is
    /// lenient where JSON.parse is not: it accepts comments, single-quoted strings and unquoted names, trailing and
    /// empty commas (<c>[1,,2]</c> gives an undefined), NaN and Infinity, leading zeros as octal (<c>01</c>) and
    /// <c>0x1F</c>, <c>1.</c> and <c>.5</c>, raw control characters in strings, a <c>\'</c> escape, <c>undefined</c>,
    /// <c>new Date(1)</c>, and any Unicode white space (U+00A0, \v, \f) between tokens (each measured with 13.0.4).
    /// A file the gateway cannot parse is one it reads as empty (2026.2.x, which then writes that empty store back at
    /// the next pairing) or refuses (2026.5.12 and later), so the module must not report devices from it. Iterative,
    /// so a deeply nested file is refused at <paramref name="maxDepth"/> instead of overflowing the stack.
    /// </summary>
    internal static class JsonSyntax
    {
        /// <summary>
        /// Throws <see cref="JsonSyntaxException"/> unless the text is JSON; returns the offsets of \u escapes of unpaired
        /// surrogates (null when there are none), which JSON.parse keeps and Newtonsoft would turn into U+FFFD
        /// (<see cref="LoneSurrogates"/>).
        /// </summary>
        public static List<int>? Check(string text, int maxDepth)
        {
            List<int>? lone = null;
            // One flag per open container: true for an object, false for an array.
            var open = new bool[Math.Min(maxDepth, 16)];
            var depth = 0;
            var pos = SkipWhitespace(text, 0);
            if (pos == text.Length) throw new JsonSyntaxException("the text is empty", 0);
            while (true)
            {
                // A value starts at pos.
                if (pos == text.Length) throw Truncated(text, "in the middle of a value", pos);
                var c = text[pos];
                if (c == '{' || c == '[')
                {
                    if (depth == maxDepth) throw new JsonSyntaxException($"values are nested more than {maxDepth} deep", pos);
                    if (depth == open.Length) Array.Resize(ref open, Math.Min(maxDepth, open.Length * 2));
                    open[depth++] = c == '{';
                    pos = SkipWhitespace(text, pos + 1);
                    var close = c == '{' ? '}' : ']';
                    if (pos < text.Length && text[pos] == close)
                    {
                        depth--;
                        pos++;
                    }
                    else if (c == '{')
                    {
                        pos = MemberName(text, pos, ref lone);
                        continue;
                    }
                    else continue;
                }
                else if (c == '"') pos = String(text, pos, ref lone);
                else if (c == '-' || (c >= '0' && c <= '9')) pos = Number(text, pos);
                else if (c == 't') pos = Literal(text, pos, "true");
                else if (c == 'f') pos = Literal(text, pos, "false");
                else if (c == 'n') pos = Literal(text, pos, "null");
                else throw new JsonSyntaxException($"unexpected {Show(c)} where a value should start", pos);

                // After a value: the next member or item, the end of containers, or the end of the text.
                while (true)
                {
                    pos = SkipWhitespace(text, pos);
                    if (depth == 0)
                    {
                        if (pos < text.Length) throw new JsonSyntaxException($"unexpected {Show(text[pos])} after the end of the JSON value", pos);
                        return lone;
                    }
                    var inObject = open[depth - 1];
                    if (pos == text.Length) throw Truncated(text, inObject ? "inside an object" : "inside an array", pos);
                    var next = text[pos];
                    if (next == (inObject ? '}' : ']'))
                    {
                        depth--;
                        pos++;
                        continue;
                    }
                    if (next != ',') throw new JsonSyntaxException(inObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array", pos);
                    pos = SkipWhitespace(text, pos + 1);
                    if (inObject) pos = MemberName(text, pos, ref lone);
                    break;
                }
            }
        }

        /// <summary>A quoted member name and its colon; returns where the member's value starts.</summary>
        private static int MemberName(string text, int pos, ref List<int>? lone)
        {
            if (pos == text.Length) throw Truncated(text, "inside an object", pos);
            if (text[pos] != '"') throw new JsonSyntaxException("expected a quoted property name", pos);
            pos = SkipWhitespace(text, String(text, pos, ref lone));
            if (pos == text.Length) throw Truncated(text, "inside an object", pos);
            if (text[pos] != ':') throw new JsonSyntaxException("expected ':' after a property name", pos);
            return SkipWhitespace(text, pos + 1);
        }

        private static int String(string text, int pos, ref List<int>? lone)
        {
            pos++;
            while (true)
            {
                if (pos == text.Length) throw Truncated(text, "inside a string", pos);
                var c = text[pos];
                if (c == '"') return pos + 1;
                if (c < 0x20) throw new JsonSyntaxException("a control character inside a string must be escaped", pos);
                if (c != '\\')
                {
                    pos++;
                    continue;
                }
                if (pos + 1 == text.Length) throw Truncated(text, "inside a string", pos);
                var e = text[pos + 1];
                if (e == 'u')
                {
                    var unit = Unicode(text, pos);
                    if (unit >= 0xDC00 && unit <= 0xDFFF) (lone ??= new List<int>()).Add(pos);
                    else if (unit >= 0xD800 && unit <= 0xDBFF)
                    {
                        // A pair is two escapes in a row; a high surrogate without its low one stays alone, as in JavaScript.
                        var low = pos + 7 < text.Length && text[pos + 6] == '\\' && text[pos + 7] == 'u' ? Unicode(text, pos + 6) : -1;
                        if (low >= 0xDC00 && low <= 0xDFFF) pos += 6;
                        else (lone ??= new List<int>()).Add(pos);
                    }
                    pos += 6;
                }
                else if ("\"\\/bfnrt".IndexOf(e) >= 0) pos += 2;
                else throw new JsonSyntaxException($"'\\{e}' is not a JSON escape", pos);
            }
        }

        /// <summary>The code unit of the \u escape at <paramref name="pos"/>.</summary>
        private static int Unicode(string text, int pos)
        {
            var unit = 0;
            for (var i = pos + 2; i < pos + 6; i++)
            {
                if (i == text.Length) throw Truncated(text, "inside a \\u escape", i);
                var c = text[i];
                var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) throw new JsonSyntaxException("a \\u escape needs four hex digits", pos);
                unit = unit * 16 + digit;
            }
            return unit;
        }

        /// <summary>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?; what follows is checked by the caller (so "01" fails there).</summary>
        private static int Number(string text, int pos)
        {
            if (text[pos] == '-') pos++;
            if (pos < text.Length && text[pos] == '0') pos++;
            else pos = Digits(text, pos, "a number needs digits");
            if (pos < text.Length && text[pos] == '.') pos = Digits(text, pos + 1, "a number needs digits after the decimal point");
            if (pos < text.Length && (text[pos] == 'e' || text[pos] == 'E'))
            {
                pos++;
                if (pos < text.Length && (text[pos] == '+' || text[pos] == '-')) pos++;
                pos = Digits(text, pos, "a number needs digits in its exponent");
            }
            return pos;
        }

        private static int Digits(string text, int pos, string problem)
        {
            var start = pos;
            while (pos < text.Length && text[pos] >= '0' && text[pos] <= '9') pos++;
            if (pos > start) return pos;
            throw pos == text.Length ? Truncated(text, "in the middle of a number", pos) : new JsonSyntaxException(problem, pos);
        }

        private static int Literal(string text, int pos, string word)
        {
            if (string.CompareOrdinal(text, pos, word, 0, word.Length) == 0) return pos + word.Length;
            if (text.Length - pos < word.Length && string.CompareOrdinal(text, pos, word, 0, text.Length - pos) == 0)
            {
                throw Truncated(text, "in the middle of a value", text.Length);
            }
            throw new JsonSyntaxException($"unexpected {Show(text[pos])} where a value should start", pos);
        }

        private static int SkipWhitespace(string text, int pos)
        {
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return pos;
                pos++;
            }
            return pos;
        }

        private static JsonSyntaxException Truncated(string text, string where, int pos) =>
            new JsonSyntaxException($"the JSON ends {where} (the text looks truncated)", Math.Min(pos, text.Length));

        private static string Show(char c) => c < 0x20 || c > 0x7E ? $"U+{(int)c:X4}" : $"'{c}'";
    }
}
