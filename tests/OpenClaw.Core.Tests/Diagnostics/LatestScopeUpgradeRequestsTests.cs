using OpenClaw.Core.Diagnostics;

namespace OpenClaw.Core.Tests.Diagnostics;

/// <summary>-Unique: one request per device, role and requested scopes, counting connects rather than copies.</summary>
public sealed class LatestScopeUpgradeRequestsTests
{
    [Fact]
    public void The_same_connects_in_stdout_and_the_json_file_count_once()
    {
        var latest = new LatestScopeUpgradeRequests();
        foreach (var entry in LogSamples.Read(LogSamples.Stdout2219).Concat(LogSamples.Read(LogSamples.Json2219SameConnects))) latest.Add(entry);

        var result = Assert.Single(latest.Results());

        Assert.Equal(2, result.Occurrences);
        Assert.Equal("6b5a67ab-29da-4adb-89a7-a034344e59ba", result.Latest.ConnectionId);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 22, 20, 21, 583, TimeSpan.Zero), result.FirstTime);
    }

    [Fact]
    public void Different_requested_scopes_of_one_device_stay_apart_and_come_out_oldest_first()
    {
        var latest = new LatestScopeUpgradeRequests();
        foreach (var entry in LogSamples.Read(LogSamples.JsonLines)) latest.Add(entry);

        var results = latest.Results();

        // 2.19 asked for read; 2.21 and 9.6 both asked for write (from different scopes), which is one request.
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(LogSamples.MeasuredCliDevice, r.Latest.DeviceId));
        Assert.Equal(new[] { "operator.read", "operator.write" }, results.Select(r => string.Join(",", r.Latest.ScopesTo)));
        Assert.Equal(new[] { 1, 2 }, results.Select(r => r.Occurrences));
        Assert.Equal("c35b3d8b-e354-4ccd-b50c-568b74ac2f7c", results[1].Latest.ConnectionId);
    }

    [Fact]
    public void A_device_id_in_another_case_is_the_same_device_and_entries_without_a_connection_id_each_count()
    {
        var latest = new LatestScopeUpgradeRequests();
        var t = new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero);
        latest.Add(Entry("ABCDEF12", t, null));
        latest.Add(Entry("abcdef12", t.AddSeconds(5), null));
        latest.Add(Entry("abcdef12", t.AddSeconds(2), "c1"));

        var result = Assert.Single(latest.Results());

        Assert.Equal(3, result.Occurrences);
        Assert.Equal(t.AddSeconds(5), result.Latest.Time);
        Assert.Equal(t, result.FirstTime);
    }

    private static ScopeUpgradeAuditEntry Entry(string device, DateTimeOffset time, string? connection) => new ScopeUpgradeAuditEntry
    {
        DeviceId = device,
        Time = time,
        RoleTo = "operator",
        ScopesTo = new[] { "operator.read" },
        ConnectionId = connection,
    };
}
