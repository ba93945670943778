using OpenClaw.Core.Protocol;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Protocol;

/// <summary>Frames.Parse: strict about the three frame shapes, so a bad peer is a protocol error (facts §4.1).</summary>
public sealed class FramesParseTests
{
    public static TheoryData<string> RecordedFrames()
    {
        var data = new TheoryData<string>();
        foreach (var text in Fixtures.FrameTexts(Fixtures.Frames2219).Concat(Fixtures.FrameTexts(Fixtures.Frames96Hello)))
        {
            data.Add(text);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedFrames))]
    public void Every_recorded_frame_parses_to_itself(string text)
    {
        var frame = Frames.Parse(text);

        Assert.Equal(text, frame.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData("event", "connect.challenge")]
    [InlineData("res", "hello-ok")]
    [InlineData("res", "NOT_PAIRED")]
    public void The_frame_types_of_a_real_session_are_recognised(string type, string marker)
    {
        var text = Fixtures.FrameTexts(Fixtures.Frames2219).First(t => t.Contains(marker, StringComparison.Ordinal));

        Assert.Equal(type, (string?)Frames.Parse(text)["type"]);
    }

    [Fact]
    public void Dates_stay_strings()
    {
        var frame = Frames.Parse("{\"type\":\"event\",\"event\":\"x\",\"payload\":{\"at\":\"2026-11-24T21:33:33.327Z\"}}");

        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.String, frame["payload"]!["at"]!.Type);
        Assert.Equal("2026-11-24T21:33:33.327Z", (string?)frame["payload"]!["at"]);
    }

    [Fact]
    public void Request_builds_a_req_frame()
    {
        var frame = Frames.Request("p2", "device.pair.list", new Newtonsoft.Json.Linq.JObject());

        Assert.Equal("{\"type\":\"req\",\"id\":\"p2\",\"method\":\"device.pair.list\",\"params\":{}}",
            frame.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("{\"type\":\"res\",")]
    public void Text_that_is_not_json_is_rejected(string text)
    {
        var e = Assert.Throws<FormatException>(() => Frames.Parse(text));

        Assert.Contains("not JSON", e.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"type\":\"res\"}]")]
    [InlineData("\"res\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Json_that_is_not_an_object_is_rejected(string text)
    {
        var e = Assert.Throws<FormatException>(() => Frames.Parse(text));

        Assert.Contains("not a JSON object", e.Message);
    }

    [Theory]
    [InlineData("{}", "(none)")]
    [InlineData("{\"type\":\"hello\"}", "hello")]
    [InlineData("{\"type\":\"RES\"}", "RES")]
    [InlineData("{\"type\":null,\"id\":\"p1\"}", "(none)")]
    public void Unknown_frame_types_are_rejected_and_named(string text, string named)
    {
        var e = Assert.Throws<FormatException>(() => Frames.Parse(text));

        Assert.Contains($"'{named}'", e.Message);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_rejected_as_not_json()
    {
        var text = "{\"type\":\"event\",\"payload\":" + new string('[', 200) + new string(']', 200) + "}";

        Assert.Throws<FormatException>(() => Frames.Parse(text));
    }
}
