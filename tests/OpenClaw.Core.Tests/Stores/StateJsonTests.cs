using Newtonsoft.Json.Linq;
using OpenClaw.Core.Stores.Json;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// The one JSON reader of the stores: it accepts exactly what JSON.parse accepts, gives the values JSON.parse gives
/// (the last of duplicate keys, at the first one's place), and refuses with a message and the offset it stopped at.
/// </summary>
public sealed class StateJsonTests
{
    [Fact]
    public void TheLastDuplicateWinsAtTheFirstOnesPlaceLikeJsonParse()
    {
        // JSON.stringify(JSON.parse('{"a":1,"b":2,"a":{"x":[3]}}')) is '{"a":{"x":[3]},"b":2}'.
        var value = (JObject)StateJson.Parse("{\"a\":1,\"b\":2,\"a\":{\"x\":[3]}}");
        Assert.Equal(new[] { "a", "b" }, value.Properties().Select(p => p.Name));
        Assert.Equal("{\"a\":{\"x\":[3]},\"b\":2}", NodeJson.Stringify(value, indented: false));
    }

    [Fact]
    public void StringsAreUnescapedDatesStayStringsAndNumbersAreWhatJsonParseMakesOfThem()
    {
        var value = (JObject)StateJson.Parse("{\"a\\u00e9\\n\": \"x\\\"y\\\\z\\/\", \"d\": \"2026-01-01T00:00:00Z\", \"n\": -1.50e+3, \"big\": 12345678901234567890, \"ms\": 1795555186756}");
        Assert.Equal("x\"y\\z/", (string?)value["a\u00e9\n"]);
        Assert.Equal(JTokenType.String, value["d"]!.Type);
        Assert.Equal(-1500d, (double)value["n"]!);
        Assert.Equal(1795555186756L, ((JValue)value["ms"]!).Value);
        Assert.Equal("{\"aé\\n\":\"x\\\"y\\\\z/\",\"d\":\"2026-01-01T00:00:00Z\",\"n\":-1500,\"big\":12345678901234567000,\"ms\":1795555186756}",
            NodeJson.Stringify(value, indented: false));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("{\"a\": [1, 2,]}", "where a value should start")]
    [InlineData("[1,,2]", "where a value should start")]
    [InlineData("{\"a\": 1,}", "quoted property name")]
    [InlineData("/*c*/{}", "where a value should start")]
    [InlineData("{}/*c*/", "after the end")]
    [InlineData("{\"a\": Infinity}", "where a value should start")]
    [InlineData("{\"a\": undefined}", "where a value should start")]
    [InlineData("{\"a\": new Date(1)}", "where a value should start")]
    [InlineData("{\"a\": 0x1F}", "expected ',' or '}'")]
    [InlineData("{\"a\": 1.}", "digits after the decimal point")]
    [InlineData("{\"a\": .5}", "where a value should start")]
    [InlineData("{\"a\": +1}", "where a value should start")]
    [InlineData("{\"a\": 1e}", "digits in its exponent")]
    [InlineData("{\"a\" 1}", "expected ':'")]
    [InlineData("{\"a\": tru}", "where a value should start")]
    [InlineData("{\"a\":\v1}", "where a value should start")]
    [InlineData("\uFEFF{}", "U+FEFF")]
    [InlineData("{\"a\": \"\\x41\"}", "not a JSON escape")]
    [InlineData("{\"a\": [1]]}", "expected ',' or '}'")]
    public void RefusesWhatJsonParseRefuses(string text, string message)
    {
        var e = Assert.Throws<JsonSyntaxException>(() => StateJson.Parse(text));
        Assert.Contains(message, e.Message);
    }

    /// <summary>Newtonsoft alone reads an unpaired surrogate escape as U+FFFD; JSON.parse keeps the code unit, and so does the module.</summary>
    [Fact]
    public void UnpairedSurrogatesAreKeptInValuesAndNames()
    {
        const string text = "{\"a\":\"\\ud800cli\",\"\\udc00\":\"\\ud83d\\ude00\",\"b\":[\"\\ud800\\ud800\\udfff\"],\"\\ufffd\":\"\\uE000\"}";
        var value = (JObject)StateJson.Parse(text);
        Assert.Equal("\ud800cli", (string?)value["a"]);
        Assert.Equal("\ud83d\ude00", (string?)value["\udc00"]);
        Assert.Equal("\ud800\ud800\udfff", (string?)value["b"]![0]);
        Assert.Equal("\ue000", (string?)value["\ufffd"]);
        Assert.Equal(new[] { "a", "\udc00", "b", "\ufffd" }, value.Properties().Select(p => p.Name));
        // node -e 'console.log(JSON.stringify(JSON.parse(...)))': pairs verbatim, unpaired units escaped.
        Assert.Equal("{\"a\":\"\\ud800cli\",\"\\udc00\":\"\ud83d\ude00\",\"b\":[\"\\ud800\ud800\udfff\"],\"\ufffd\":\"\ue000\"}", NodeJson.Stringify(value, indented: false));
    }

    [Theory]
    [InlineData("{\"a\": \"\\ud800\"}")]       // a lone surrogate escape: JSON.parse keeps it
    [InlineData("{\"a\": \"\u2028\u007f\"}")]
    [InlineData(" \r\n\t{\"a\": [true, false, null, -0, 0.5e-3, 1E+2]} \n")]
    [InlineData("\"a string\"")]
    public void AcceptsWhatJsonParseAccepts(string text) => StateJson.Parse(text);

    [Fact]
    public void EveryTruncationOfARealStoreIsReportedAsTruncated()
    {
        var text = Fixtures.Text(StoreState.AfterRotate).TrimEnd('\n');
        for (var cut = 1; cut < text.Length; cut += 7)
        {
            var e = Assert.Throws<JsonSyntaxException>(() => StateJson.Parse(text.Substring(0, cut)));
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("expected"), $"cut at {cut}: {e.Message}");
            Assert.InRange(e.Offset, 0, cut);
        }
    }

    /// <summary>One limit for every reader, Newtonsoft's own (default 64) included: 128 levels read, 129 refused.</summary>
    [Fact]
    public void NestingIsLimitedTo128LevelsEverywhere()
    {
        var deepest = new string('[', StateJson.MaxDepth) + new string(']', StateJson.MaxDepth);
        var value = StateJson.Parse("{\"a\":" + deepest.Substring(1, deepest.Length - 2) + "}");
        using (var reader = StateJson.Reader(value))
        {
            while (reader.Read())
            {
            }
        }
        Assert.Contains("nested more than 128 deep", Assert.Throws<JsonSyntaxException>(() => StateJson.Parse("[" + deepest + "]")).Message);
        Assert.Contains("nested", Assert.Throws<JsonSyntaxException>(() => StateJson.Parse(new string('[', 100000) + new string(']', 100000))).Message);
    }
}
