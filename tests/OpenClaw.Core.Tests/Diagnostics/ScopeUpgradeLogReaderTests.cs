using System.Text;
using OpenClaw.Core.Diagnostics;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Diagnostics;

/// <summary>Streaming the upgrade requests out of real logs of every release and both formats.</summary>
public sealed class ScopeUpgradeLogReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new TempDirectory();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_json_file_gives_the_three_audit_lines_of_2_19_2_21_and_9_6_and_nothing_else()
    {
        var entries = LogSamples.Read(LogSamples.JsonLines);

        Assert.Equal(new long[] { 2, 10, 16 }, entries.Select(e => e.LineNumber));
        Assert.All(entries, e =>
        {
            Assert.Equal(LogSamples.MeasuredCliDevice, e.DeviceId);
            Assert.Equal("scope-upgrade", e.Reason);
            Assert.Equal("operator", e.RoleTo);
            Assert.Equal(new[] { "operator" }, e.RoleFrom);
            Assert.Equal("WARN", e.Level);
            Assert.Equal("cli", e.Client);
            Assert.Equal("token", e.Auth);
            Assert.Null(e.RemoteIp);
            Assert.Equal(GatewayLogFormat.Json, e.Format);
            Assert.Equal(LogSamples.PathOf(LogSamples.JsonLines), e.LogFile);
        });
        Assert.Equal(new[] { "operator.read", "operator.write", "operator.write" }, entries.Select(e => string.Join(",", e.ScopesTo)));
        Assert.Equal(new[] { "operator.read" }, entries[2].ScopesFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 25, 58, 285, TimeSpan.Zero), entries[1].Time);
    }

    [Fact]
    public void The_2_19_stdout_capture_gives_the_two_refused_tool_calls()
    {
        var entries = LogSamples.Read(LogSamples.Stdout2219);

        Assert.Equal(2, entries.Count);
        Assert.Equal(new long[] { 12, 16 }, entries.Select(e => e.LineNumber));
        Assert.All(entries, e =>
        {
            Assert.Equal(LogSamples.ReproCliDevice, e.DeviceId);
            Assert.Equal(GatewayLogFormat.Text, e.Format);
            Assert.Equal("WARN", e.Level);
            Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing" }, e.ScopesFrom);
            Assert.Equal(new[] { "operator.read" }, e.ScopesTo);
        });
        Assert.Equal(new[] { "51fa8d0f-2214-4bfe-9fa2-26cc057872f4", "6b5a67ab-29da-4adb-89a7-a034344e59ba" }, entries.Select(e => e.ConnectionId));
    }

    [Fact]
    public void Stdout_and_the_json_file_describe_the_same_connects_alike()
    {
        var text = LogSamples.Read(LogSamples.Stdout2219);
        var json = LogSamples.Read(LogSamples.Json2219SameConnects);

        Assert.Equal(text.Select(Describe), json.Select(Describe));
        Assert.Equal(text.Select(e => e.Time), json.Select(e => e.Time));
    }

    [Theory]
    [InlineData(LogSamples.Stdout2221, "137162c5b21b173fb3f64262698f0fde2d70fa35443e2b3a44d3a1ab3ea9d325", "operator.write", "2026-11-24T21:55:24.6080000+00:00")]
    [InlineData(LogSamples.Stdout96, LogSamples.MeasuredCliDevice, "operator.write", "2026-11-24T21:32:58.6480000+00:00")]
    public void Stdout_of_2_21_and_9_6_gives_its_one_request(string sample, string device, string scopesTo, string time)
    {
        var entry = Assert.Single(LogSamples.Read(sample));

        Assert.Equal(device, entry.DeviceId);
        Assert.Equal(scopesTo, string.Join(",", entry.ScopesTo));
        Assert.Equal(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), entry.Time);
        Assert.Equal("WARN", entry.Level);
    }

    [Fact]
    public void A_9_6_role_upgrade_from_no_role_has_an_empty_RoleFrom()
    {
        var entry = Assert.Single(LogSamples.Read(LogSamples.Json96RoleUpgrade));

        Assert.Equal("role-upgrade", entry.Reason);
        Assert.Empty(entry.RoleFrom);
        Assert.Equal("operator", entry.RoleTo);
        Assert.Equal(new[] { "operator.admin", "operator.pairing" }, entry.ScopesTo);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 24, 58, 591, TimeSpan.Zero), entry.Time);
    }

    [Fact]
    public void A_record_still_being_written_is_skipped_with_a_note_and_reading_goes_on()
    {
        var audit = LogSamples.Line(LogSamples.JsonLines, "scopesTo=operator.read client=cli");
        var path = _temp.WriteFile("mid-write.log", audit.Substring(0, 300) + "\n" + audit + "\n" + audit.Substring(0, 500));
        var skipped = new List<string>();

        var entries = new ScopeUpgradeLogReader(skipped.Add).ReadFile(path).ToList();

        Assert.Equal(2, Assert.Single(entries).LineNumber);
        Assert.Equal(2, skipped.Count);
        Assert.StartsWith(path + ":1: skipped, not a complete JSON record", skipped[0]);
        Assert.StartsWith(path + ":3: skipped", skipped[1]);
    }

    [Fact]
    public void A_file_that_mixes_formats_is_read_line_by_line()
    {
        var lines = new[]
        {
            LogSamples.Line(LogSamples.Stdout2219, "security audit"),
            LogSamples.Line(LogSamples.JsonLines, "scopesTo=operator.read client=cli"),
            "",
            "not a log line at all",
        };
        var path = _temp.WriteFile("mixed.log", string.Join("\r\n", lines));

        var entries = new ScopeUpgradeLogReader().ReadFile(path).ToList();

        Assert.Equal(new[] { GatewayLogFormat.Text, GatewayLogFormat.Json }, entries.Select(e => e.Format));
    }

    [Fact]
    public void Live_and_role_upgrades_are_read_and_metadata_upgrades_are_not()
    {
        var lines = new[]
        {
            "2026-11-24T21:40:00.000+00:00 [gateway] security audit: live device scope upgrade requested device=c13a00a1ae3862e25de79c107cf71608e1a20ce8c0306d493dfe332e3298b7c7 scopesFrom=operator.read scopesTo=operator.read,operator.write",
            "2026-11-24T21:40:01.000+00:00 [gateway] security audit: device metadata upgrade requested reason=metadata-upgrade device=c13a00a1ae3862e2 ip=unknown-ip auth=token payload=v3 claimedPlatform=darwin pinnedPlatform=linux claimedDeviceFamily=<none> pinnedDeviceFamily=<none> client=cli conn=m1",
            "2026-11-24T21:40:02.000Z [gateway] security audit: device access upgrade requested reason=role-upgrade device=d0c57f4d86f0c7eb ip=192.168.1.20 auth=device-token roleFrom=operator roleTo=node scopesFrom=operator.read scopesTo=<none> client=node-host conn=r1",
        };
        var path = _temp.WriteFile("variants.log", string.Join("\n", lines));

        var entries = new ScopeUpgradeLogReader().ReadFile(path).ToList();

        Assert.Equal(2, entries.Count);
        Assert.Equal(ScopeUpgradeAuditEntry.LiveScopeUpgradeReason, entries[0].Reason);
        Assert.Equal("operator", entries[0].RoleTo);
        Assert.Empty(entries[0].RoleFrom);
        Assert.Null(entries[0].ConnectionId);
        Assert.Equal(new[] { "operator.read", "operator.write" }, entries[0].ScopesTo);
        Assert.Equal("role-upgrade", entries[1].Reason);
        Assert.Equal("node", entries[1].RoleTo);
        Assert.Empty(entries[1].ScopesTo);
        Assert.Equal("192.168.1.20", entries[1].RemoteIp);
        Assert.Equal("device-token", entries[1].Auth);
        Assert.Equal("WARN", entries[1].Level);
    }

    [Fact]
    public void An_audit_line_without_a_time_or_a_device_is_skipped_with_a_note()
    {
        var path = _temp.WriteFile("odd.log",
            "[gateway] security audit: device access upgrade requested reason=scope-upgrade device=ab12cd34ef\n" +
            "2026-11-24T21:40:02.000Z [gateway] security audit: device access upgrade requested reason=scope-upgrade ip=unknown-ip\n");
        var skipped = new List<string>();

        Assert.Empty(new ScopeUpgradeLogReader(skipped.Add).ReadFile(path));
        Assert.Equal(2, skipped.Count);
        Assert.Contains("without a time", skipped[0]);
        Assert.Contains("without a device id", skipped[1]);
    }

    [Fact]
    public void A_utf16_capture_with_a_bom_is_read()
    {
        // Windows PowerShell 5.1's "> file" writes UTF-16 LE with a BOM.
        var path = _temp.Combine("utf16.log");
        File.WriteAllText(path, File.ReadAllText(LogSamples.PathOf(LogSamples.Stdout2219)), Encoding.Unicode);

        Assert.Equal(2, new ScopeUpgradeLogReader().ReadFile(path).Count());
    }

    [Fact]
    public void A_file_the_gateway_is_still_appending_to_can_be_read()
    {
        var path = _temp.WriteFile("open.log", LogSamples.Line(LogSamples.JsonLines, "scopesTo=operator.read client=cli") + "\n");
        using var writer = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);

        Assert.Single(new ScopeUpgradeLogReader().ReadFile(path));
    }

    [Fact]
    public void Reading_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => new ScopeUpgradeLogReader().ReadFile(LogSamples.PathOf(LogSamples.JsonLines), cancelled.Token).ToList());
    }

    [Fact]
    public void A_missing_file_throws_when_read_so_the_caller_can_report_it()
    {
        Assert.Throws<FileNotFoundException>(() => new ScopeUpgradeLogReader().ReadFile(_temp.Combine("nope.log")).ToList());
    }

    private static string Describe(ScopeUpgradeAuditEntry e) =>
        $"{e.DeviceId} {e.Reason} {string.Join(",", e.RoleFrom)}>{e.RoleTo} {string.Join(",", e.ScopesFrom)}>{string.Join(",", e.ScopesTo)} {e.Client} {e.Auth} {e.RemoteIp} {e.ConnectionId} {e.Level}";
}
