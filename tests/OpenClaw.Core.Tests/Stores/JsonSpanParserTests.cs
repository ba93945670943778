using OpenClaw.Core.Stores.Json;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>The strict span reader: what JSON.parse accepts, with exact spans, and clear messages for what it refuses.</summary>
public sealed class JsonSpanParserTests
{
    [Theory]
    [InlineData(StoreState.Legacy)]
    [InlineData(StoreState.AfterRotate)]
    [InlineData(StoreState.AfterApprove2221)]
    [InlineData(StoreState.Pending)]
    public void SpansCoverExactlyTheTextOfEachValue(string fixture)
    {
        var text = Fixtures.Text(fixture);
        var root = Assert.IsType<JsonObjectSpan>(JsonSpanParser.Parse(text));
        Assert.Equal(0, root.Start);
        Assert.Equal('}', text[root.End - 1]);
        foreach (var member in root.Members)
        {
            Assert.Equal('"' + member.Key + '"', text.Substring(member.KeyStart, member.Key.Length + 2));
            var record = Assert.IsType<JsonObjectSpan>(member.Value);
            Assert.Equal('{', text[record.Start]);
            Assert.Equal('}', text[record.End - 1]);
            var scopes = Assert.IsType<JsonArraySpan>(record.Value("scopes"));
            Assert.All(scopes.Items, i => Assert.Equal("\"" + ((JsonScalarSpan)i).Text + "\"", text.Substring(i.Start, i.End - i.Start)));
        }
    }

    [Fact]
    public void StringsAreUnescapedAndNumbersKeptAsWritten()
    {
        var root = (JsonObjectSpan)JsonSpanParser.Parse("{\"a\\u00e9\\n\": \"x\\\"y\\\\z\\/\", \"n\": -1.50e+3, \"big\": 12345678901234567890, \"t\": true, \"z\": null}");
        Assert.Equal("x\"y\\z/", ((JsonScalarSpan)root.Value("a\u00e9\n")!).Text);
        Assert.Equal("-1.50e+3", ((JsonScalarSpan)root.Value("n")!).Text);
        Assert.Equal("12345678901234567890", ((JsonScalarSpan)root.Value("big")!).Text);
        Assert.Equal(JsonScalarKind.True, ((JsonScalarSpan)root.Value("t")!).Kind);
        Assert.Equal(JsonScalarKind.Null, ((JsonScalarSpan)root.Value("z")!).Kind);
    }

    [Fact]
    public void DuplicateKeysResolveToTheLastLikeJsonParse()
    {
        var root = (JsonObjectSpan)JsonSpanParser.Parse("{\"a\": 1, \"a\": 2}");
        Assert.Equal("2", ((JsonScalarSpan)root.Value("a")!).Text);
    }

    [Theory]
    [InlineData("{\"a\": [1, 2,]}", "expected")]          // trailing comma: JSON.parse refuses it
    [InlineData("{\"a\": 1} // note", "after the end")]
    [InlineData("{'a': 1}", "quoted property name")]
    [InlineData("{\"a\": NaN}", "where a value should start")]
    [InlineData("{\"a\": \"x\ty\"}", "control character")]
    [InlineData("", "empty")]
    [InlineData("{\"a\": 01}", "expected")]
    public void RefusesWhatJsonParseRefuses(string text, string message)
    {
        var e = Assert.Throws<JsonSyntaxException>(() => JsonSpanParser.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void EveryTruncationOfARealStoreIsReportedAsTruncated()
    {
        var text = Fixtures.Text(StoreState.AfterRotate).TrimEnd('\n');
        for (var cut = 1; cut < text.Length; cut += 7)
        {
            var e = Assert.Throws<JsonSyntaxException>(() => JsonSpanParser.Parse(text.Substring(0, cut)));
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("expected"), $"cut at {cut}: {e.Message}");
            Assert.InRange(e.Offset, 0, cut);
        }
    }

    [Fact]
    public void DeepNestingIsRefusedInsteadOfOverflowingTheStack()
    {
        var text = new string('[', 100000) + new string(']', 100000);
        Assert.Contains("nested", Assert.Throws<JsonSyntaxException>(() => JsonSpanParser.Parse(text)).Message);
    }
}
