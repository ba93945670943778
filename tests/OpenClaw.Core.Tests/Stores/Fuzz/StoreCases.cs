using System.Numerics;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores.Fuzz;

/// <summary>
/// Stores for the differential fuzz test, from one seeded Random: gateway-shaped stores (the recorded fixtures and
/// generated ones in the gateway's field order), changed in their values (types, edge numbers, keys that are array
/// indexes, duplicates, deep nesting, odd strings) and in their text (what JSON.parse refuses and Newtonsoft would
/// accept, truncation, layout), so that both what the gateway accepts and what it refuses are well covered.
/// </summary>
internal sealed class StoreCases
{
    public static readonly string[] Scopes = { "operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing", "operator.talk.secrets", "node.invoke" };
    private static readonly string[] Roles = { "operator", "node" };
    private static readonly string[] Fields =
    {
        "deviceId", "publicKey", "displayName", "operatorLabel", "platform", "clientId", "clientMode", "role", "roles", "scopes", "approvedScopes", "tokens",
        "remoteIp", "createdAtMs", "approvedAtMs", "lastSeenAtMs", "token", "rotatedAtMs", "revokedAtMs", "lastUsedAtMs", "requestId", "ts", "refreshedAtMs",
        "silent", "isRepair", "operator", "node", "__proto__", "0", "10", "futureField",
    };
    private static readonly string[] OddStrings = { "", " operator.read ", "\u2028\u2029\u0085", "\ud800", "x\udc00", "\ud83d\ude00é", "\u0000\u001f\u007f", "\"\\/", "2026-01-01T00:00:00Z", "Büro \"1\"" };
    private static readonly string[] EdgeNumbers =
    {
        "0", "-0", "0.0", "1.5", "1E5", "1e-7", "5e-324", "253402300800000", "253402300799999", "-62135596800001", "1e19", "-1e19", "1e400", "-1e400",
        "12345678901234567890", "9007199254740993", "1795555186756.9", "8.64e15", "1.7976931348623157e308",
    };
    private static readonly string[] Breakers = { ",", "}", "]", "{", "[", "\"", "\\", ":", " ", "\t", "\u00a0", "\v", "\f", "/", "*", "0", "e", "-", ".", "x", "N", "\0", "'" };

    private readonly Random _random;

    public StoreCases(Random random) => _random = random;

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A paired.json as the gateway keeps it: a recorded fixture or 0 to 5 generated devices.</summary>
    public JObject Paired()
    {
        if (Chance(0.25)) return Load(Fixtures.Text(Pick(new[] { StoreState.Legacy, StoreState.AfterRotate, StoreState.AfterApprove2221 })));
        var root = new JObject();
        for (var i = _random.Next(6); i > 0; i--)
        {
            var id = Id();
            root[id] = Device(id);
        }
        return root;
    }

    /// <summary>A pending.json: the recorded request or generated ones, stamped around <paramref name="now"/>.</summary>
    public JObject Pending(DateTimeOffset now)
    {
        if (Chance(0.2)) return Load(Fixtures.Text(StoreState.Pending));
        var root = new JObject();
        for (var i = _random.Next(5); i > 0; i--)
        {
            var id = RandomGuid();
            var request = new JObject { ["requestId"] = id, ["deviceId"] = Id(), ["publicKey"] = "pk", ["platform"] = "linux", ["clientId"] = "cli", ["clientMode"] = "cli" };
            request["role"] = Pick(Roles);
            request["roles"] = new JArray(request["role"]!);
            request["scopes"] = new JArray(Subset());
            request["silent"] = false;
            request["isRepair"] = Chance(0.5);
            request["ts"] = now.ToUnixTimeMilliseconds() - _random.Next(600_000);
            if (Chance(0.3)) request["refreshedAtMs"] = now.ToUnixTimeMilliseconds() - _random.Next(600_000);
            root[id] = request;
        }
        return root;
    }

    /// <summary>A device record in the field order 2026.2.x writes.</summary>
    public JObject Device(string id)
    {
        var scopes = Subset();
        var device = new JObject { ["deviceId"] = id, ["publicKey"] = "pk-" + id.Substring(0, Math.Min(8, id.Length)) };
        if (Chance(0.3)) device["displayName"] = Chance(0.5) ? "laptop" : Pick(OddStrings);
        device["platform"] = "linux";
        device["clientId"] = "cli";
        device["clientMode"] = "cli";
        device["role"] = "operator";
        device["roles"] = new JArray(Chance(0.2) ? Roles : new[] { "operator" });
        device["scopes"] = new JArray(scopes);
        if (Chance(0.5)) device["approvedScopes"] = new JArray(scopes);
        var tokens = new JObject();
        foreach (var role in Chance(0.2) ? Roles : new[] { "operator" }) tokens[role] = Token(role);
        device["tokens"] = tokens;
        device["createdAtMs"] = 1795555186756L + _random.Next(1_000_000);
        device["approvedAtMs"] = 1795555186756L + _random.Next(1_000_000);
        if (Chance(0.3)) device["operatorLabel"] = Pick(OddStrings);
        return device;
    }

    private JObject Token(string role)
    {
        var token = new JObject { ["token"] = RandomGuid().Replace("-", ""), ["role"] = role, ["scopes"] = new JArray(Subset()), ["createdAtMs"] = 1795555186756L };
        if (Chance(0.2)) token["rotatedAtMs"] = 1795555190000L;
        if (Chance(0.15)) token["revokedAtMs"] = Chance(0.2) ? 0L : 1795555199999L;
        if (Chance(0.3)) token["lastUsedAtMs"] = 1795555200000L;
        return token;
    }

    public List<string> Subset() => Scopes.Where(_ => Chance(0.4)).ToList();

    private string RandomGuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>A device id: mostly 64 hex digits, sometimes a key a JavaScript object orders first, or an odd one.</summary>
    private string Id() => _random.Next(10) switch
    {
        0 => Pick(new[] { "0", "7", "10", "4294967294", "4294967295", "01", "-1" }),
        1 => Pick(new[] { "__proto__", "constructor", "ABCDEF", "Dev-" + _random.Next(100) }),
        _ => string.Concat(Enumerable.Range(0, 64).Select(_ => "0123456789abcdef"[_random.Next(16)])),
    };

    /// <summary>A random JSON value for a field: edge numbers, odd strings, wrong types, lists with other items, deep nesting.</summary>
    public JToken Value(int depth = 0) => _random.Next(depth > 1 ? 6 : 10) switch
    {
        0 => new JValue(Pick(OddStrings)),
        1 => NumberOf(Pick(EdgeNumbers.Where(n => !n.Contains("400")).ToList())),
        2 => new JValue(Chance(0.5)),
        3 => JValue.CreateNull(),
        4 => new JArray(Subset()),
        5 => new JValue(Pick(Scopes)),
        6 => new JArray(Subset().Cast<object>().Append(Value(depth + 1)).ToArray()),
        7 => new JObject { [Pick(Fields)] = Value(depth + 1), ["scopes"] = new JArray(Subset()) },
        8 => Token(Pick(Roles)),
        _ => Nested(StateDepth() + _random.Next(-4, 4)),
    };

    private static int StateDepth() => OpenClaw.Core.Stores.Json.StateJson.MaxDepth - 4;

    private static JToken Nested(int levels)
    {
        JToken value = new JArray();
        for (var i = 1; i < levels; i++) value = new JArray(value);
        return value;
    }

    private static JValue NumberOf(string text) =>
        text.Contains('.') || text.Contains('e') || text.Contains('E') ? new JValue(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture))
        : long.TryParse(text, out var whole) ? new JValue(whole) : new JValue(BigInteger.Parse(text));

    /// <summary>One to three changes of values: a member set to another value, added, or removed, anywhere in the store.</summary>
    public void ChangeValues(JObject root)
    {
        for (var n = 1 + _random.Next(3); n > 0; n--)
        {
            var objects = root.DescendantsAndSelf().OfType<JObject>().ToList();
            var target = Pick(objects);
            var members = target.Properties().ToList();
            switch (_random.Next(4))
            {
                case 0 when members.Count > 0:
                    Pick(members).Value = Value();
                    break;
                case 1 when members.Count > 0:
                    Pick(members).Remove();
                    break;
                case 2 when target == root:
                    var id = Id();
                    root[id] = Chance(0.8) ? Device(id) : Value();
                    break;
                default:
                    target[Pick(Fields)] = Value();
                    break;
            }
        }
    }

    /// <summary>The store's text as a person or another tool might have saved it.</summary>
    public string HandWritten(JToken root) => _random.Next(3) switch
    {
        0 => root.ToString(Formatting.None),
        1 => root.ToString(Formatting.Indented),
        _ => root.ToString(Formatting.Indented).Replace("\r\n", "\n").Replace("\n", "\r\n") + "\r\n",
    };

    /// <summary>One or two changes of the text itself: duplicates, edge numbers, and what JSON.parse refuses.</summary>
    public string ChangeText(string text, IReadOnlyList<string> keys)
    {
        for (var n = 1 + _random.Next(2); n > 0 && text.Length > 0; n--)
        {
            var at = _random.Next(text.Length + 1);
            text = _random.Next(12) switch
            {
                0 or 1 => Duplicate(text, keys),
                2 => ReplaceNumber(text),
                3 => text.Substring(0, at),                                                       // truncated
                4 => text.Remove(Math.Min(at, text.Length - 1), 1),
                5 => text.Insert(at, Pick(Breakers)),
                6 => Insert(text, '}', Pick(new[] { ",", " /*c*/", "//c\n" }), before: true),      // trailing comma, comments
                7 => "\uFEFF" + text,
                8 => InsideString(text, Pick(new[] { "\t", "\n", "\\x41", "\\'", "\\u41\0\0", "\\u00e9", "\\ud800", "\\/" })),
                9 => text + Pick(new[] { "\n", " x", "{}", ",", "\n\n", "\t" }),
                10 => SingleQuote(text),
                _ => Insert(text, ':', " " + Pick(new[] { "NaN", "Infinity", "01", "0x1F", "1.", ".5", "+1", "undefined", "tru" }) + ",", before: false),
            };
        }
        return text;
    }

    /// <summary>A member "key": value added at the start (an earlier duplicate, discarded) or end (a later one, which wins) of an object.</summary>
    private string Duplicate(string text, IReadOnlyList<string> keys)
    {
        var member = NodeQuote(Chance(0.6) && keys.Count > 0 ? Pick(keys) : Pick(Fields)) + ": " + Value().ToString(Formatting.None);
        var opens = Structural(text, '{');
        var closes = Structural(text, '}');
        if (opens.Count == 0 || closes.Count == 0) return text;
        if (Chance(0.5))
        {
            var open = Pick(opens);
            var empty = text.Substring(open + 1).TrimStart().StartsWith('}');
            return text.Insert(open + 1, member + (empty ? "" : ", "));
        }
        var close = Pick(closes);
        var emptyBefore = text.Substring(0, close).TrimEnd().EndsWith('{');
        return text.Insert(close, (emptyBefore ? "" : ", ") + member);
    }

    private string ReplaceNumber(string text)
    {
        var starts = Structural(text, '-').Concat(Enumerable.Range(0, 10).SelectMany(d => Structural(text, (char)('0' + d))))
            .Where(i => i == 0 || !"0123456789.eE+-".Contains(text[i - 1])).ToList();
        if (starts.Count == 0) return text;
        var start = Pick(starts);
        var end = start + 1;
        while (end < text.Length && "0123456789.eE+-".Contains(text[end])) end++;
        return text.Substring(0, start) + Pick(EdgeNumbers) + text.Substring(end);
    }

    private string Insert(string text, char anchor, string insertion, bool before)
    {
        var places = Structural(text, anchor);
        if (places.Count == 0) return text;
        var at = Pick(places);
        return text.Insert(before ? at : at + 1, insertion);
    }

    private string SingleQuote(string text)
    {
        var quotes = Structural(text, '"');
        if (quotes.Count == 0) return text;
        var at = Pick(quotes);
        return text.Substring(0, at) + "'" + text.Substring(at + 1);
    }

    private string InsideString(string text, string insertion)
    {
        var quotes = Structural(text, '"');
        return quotes.Count == 0 ? text : text.Insert(Pick(quotes) + 1, insertion);
    }

    /// <summary>Where a character stands outside strings (for '"': where a string opens).</summary>
    private static List<int> Structural(string text, char wanted)
    {
        var places = new List<int>();
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == wanted) places.Add(i);
            if (c == '"') inString = true;
        }
        return places;
    }

    private static string NodeQuote(string key) => JsonConvert.ToString(key);

    /// <summary>Text to bytes; once in a while with bytes that are not UTF-8 (which the gateway reads as U+FFFD).</summary>
    public byte[] Bytes(string text)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        if (!Chance(0.01) || bytes.Length == 0) return bytes;
        var at = _random.Next(bytes.Length);
        return bytes.Take(at).Concat(new byte[] { 0xC3, 0x28 }).Concat(bytes.Skip(at)).ToArray();
    }

    /// <summary>Parsed as it is, numbers as written, dates as strings (with Newtonsoft alone: the module's reader is under test).</summary>
    public static JObject Load(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        return JObject.Load(reader);
    }
}
