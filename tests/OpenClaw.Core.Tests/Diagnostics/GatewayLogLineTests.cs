using OpenClaw.Core.Diagnostics;

namespace OpenClaw.Core.Tests.Diagnostics;

/// <summary>Reading one line of either log format into time, level, subsystem and text.</summary>
public sealed class GatewayLogLineTests
{
    [Fact]
    public void A_2_19_json_record_gives_its_message_time_level_and_subsystem()
    {
        var line = LogSamples.Line(LogSamples.JsonLines, "scopesTo=operator.read client=cli");

        var parsed = GatewayLogLine.Parse(line, out var problem)!;

        Assert.Null(problem);
        Assert.Equal(GatewayLogFormat.Json, parsed.Format);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 20, 43, 274, TimeSpan.Zero), parsed.Time);
        Assert.Equal("WARN", parsed.Level);
        Assert.Equal("gateway", parsed.Subsystem);
        Assert.StartsWith("security audit: device access upgrade requested reason=scope-upgrade device=5a454ab5", parsed.Message);
    }

    [Fact]
    public void A_9_6_json_record_keeps_its_plus_zero_offset_time()
    {
        var line = LogSamples.Line(LogSamples.JsonLines, "conn=c35b3d8b");

        var parsed = GatewayLogLine.Parse(line, out _)!;

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 32, 58, 648, TimeSpan.Zero), parsed.Time);
        Assert.Equal(TimeSpan.Zero, parsed.Time!.Value.Offset);
        Assert.Contains("scopesFrom=operator.read scopesTo=operator.write", parsed.Message);
    }

    [Fact]
    public void A_record_with_an_object_in_1_takes_its_message_from_2()
    {
        var line = LogSamples.Line(LogSamples.Json2219SameConnects, "closed before connect");

        var parsed = GatewayLogLine.Parse(line, out _)!;

        Assert.StartsWith("closed before connect conn=51fa8d0f", parsed.Message);
        Assert.Equal("gateway/ws", parsed.Subsystem);
    }

    [Fact]
    public void A_record_without_bindings_takes_its_message_from_0()
    {
        const string line = "{\"0\":\"Registered plugin command: /pair (plugin: device-pair)\",\"_meta\":{\"logLevelName\":\"INFO\",\"date\":\"2026-11-24T21:50:01.946Z\"},\"time\":\"2026-11-24T21:50:01.946+00:00\"}";

        var parsed = GatewayLogLine.Parse(line, out _)!;

        Assert.Equal("Registered plugin command: /pair (plugin: device-pair)", parsed.Message);
        Assert.Null(parsed.Subsystem);
        Assert.Equal("INFO", parsed.Level);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(400)]
    [InlineData(900)]
    public void A_json_record_cut_short_by_a_writer_is_a_problem_not_an_exception(int keep)
    {
        var line = LogSamples.Line(LogSamples.JsonLines, "scopesTo=operator.read client=cli");

        var parsed = GatewayLogLine.Parse(line.Substring(0, keep), out var problem);

        Assert.Null(parsed);
        Assert.StartsWith("not a complete JSON record", problem);
    }

    [Fact]
    public void A_coloured_2_19_console_line_is_stripped_and_its_yellow_message_is_warn()
    {
        var line = LogSamples.Line(LogSamples.Stdout2219, "security audit");
        Assert.Contains("\u001b[33msecurity audit", line, StringComparison.Ordinal);

        var parsed = GatewayLogLine.Parse(line, out var problem)!;

        Assert.Null(problem);
        Assert.Equal(GatewayLogFormat.Text, parsed.Format);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 20, 21, 583, TimeSpan.Zero), parsed.Time);
        Assert.Equal("gateway", parsed.Subsystem);
        Assert.Equal("WARN", parsed.Level);
        Assert.DoesNotContain('\u001b', parsed.Message);
        Assert.EndsWith("client=cli conn=51fa8d0f-2214-4bfe-9fa2-26cc057872f4", parsed.Message);
    }

    [Theory]
    [InlineData("log file: /tmp/openclaw", "INFO", "gateway")]
    [InlineData("skipping channel start", "INFO", "gateway/channels")]
    public void A_console_line_takes_the_message_colour_not_the_subsystem_colour(string containing, string level, string subsystem)
    {
        var parsed = GatewayLogLine.Parse(LogSamples.Line(LogSamples.Stdout2219, containing), out _)!;

        Assert.Equal(level, parsed.Level);
        Assert.Equal(subsystem, parsed.Subsystem);
    }

    [Fact]
    public void A_9_6_console_line_has_a_plus_zero_time_and_gray_means_debug()
    {
        var parsed = GatewayLogLine.Parse(LogSamples.Line(LogSamples.Stdout96, "SQLite read-only snapshot"), out _)!;

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 56, 8, 687, TimeSpan.Zero), parsed.Time);
        Assert.Equal("state/sqlite", parsed.Subsystem);
        Assert.Equal("DEBUG", parsed.Level);
    }

    [Fact]
    public void A_plugin_console_line_has_no_subsystem_and_no_colour()
    {
        var parsed = GatewayLogLine.Parse(LogSamples.Line(LogSamples.Stdout96, "Registered plugin command"), out _)!;

        Assert.Null(parsed.Subsystem);
        Assert.Null(parsed.Level);
        Assert.Equal("Registered plugin command: /pair (plugin: device-pair)", parsed.Message);
    }

    [Theory]
    [InlineData("Nov 24 22:20:21 host node[29562]: ")]
    [InlineData("2026-11-24T22:20:21.583912345Z ")]
    [InlineData("gateway-1  | ")]
    public void A_prefix_added_by_the_capturing_tool_is_skipped(string prefix)
    {
        var line = prefix + LogSamples.Line(LogSamples.Stdout2219, "security audit");

        var parsed = GatewayLogLine.Parse(line, out _)!;

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 20, 21, 583, TimeSpan.Zero), parsed.Time);
        Assert.Equal("gateway", parsed.Subsystem);
        Assert.StartsWith("security audit: device access upgrade requested", parsed.Message);
    }

    [Fact]
    public void A_console_line_without_a_time_has_no_time()
    {
        var parsed = GatewayLogLine.Parse("[gateway] security audit: device access upgrade requested device=ab", out _)!;

        Assert.Null(parsed.Time);
    }

    [Fact]
    public void An_empty_line_is_a_problem()
    {
        Assert.Null(GatewayLogLine.Parse("   ", out var problem));
        Assert.NotNull(problem);
    }
}
