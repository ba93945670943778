using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores.Sqlite;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// Times in a store are JavaScript numbers the gateway only compares, so any number JSON holds is read without an
/// exception: clamped to DateTimeOffset's range (years 1-9999), a fraction of a millisecond cut off as Date does,
/// and a pending request stamped at the end of time never expires (found by the differential fuzz run of issue 13).
/// The comparisons are the gateway's: a request goes when now - (refreshedAtMs ?? ts) &gt; 5 min, a token is revoked
/// when revokedAtMs is truthy.
/// </summary>
public sealed class StoreTimeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1800000000000);

    [Theory]
    [InlineData("253402300800000", "9999-12-31T23:59:59.9990000+00:00")]  // year 10000: a valid Date, past DateTimeOffset
    [InlineData("1e19", "9999-12-31T23:59:59.9990000+00:00")]
    [InlineData("12345678901234567890", "9999-12-31T23:59:59.9990000+00:00")]
    [InlineData("1e400", "9999-12-31T23:59:59.9990000+00:00")]             // Infinity to JSON.parse
    [InlineData("-1e19", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("1795555186756.9", "2026-11-24T21:19:46.7560000+00:00")]
    [InlineData("-0.5", "1970-01-01T00:00:00.0000000+00:00")]
    public void AnyNumberIsATimeInRange(string number, string expected)
    {
        using var state = new StoreState(null);
        state.WritePaired(Record("\"createdAtMs\": " + number + ",\n    \"tokens\": {\"operator\": {\"token\": \"t\", \"role\": \"operator\", \"scopes\": [], \"revokedAtMs\": " + number + "}}"));

        var device = Assert.Single(new JsonPairingStore(state.StateDirectory).Read().Paired);

        Assert.Equal(DateTimeOffset.Parse(expected), device.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse(expected), device.TokenFor("operator")!.RevokedAt);
        Assert.True(device.TokenFor("operator")!.IsRevoked);
    }

    [Theory]
    [InlineData("253402300799999", true)]
    [InlineData("9e15", true)]
    [InlineData("1799999700001", true)]
    [InlineData("1799999700000", true)]    // exactly five minutes old: the gateway prunes only after more than five
    [InlineData("1799999699999", false)]
    [InlineData("-9e15", false)]
    public void APendingRequestNearTheEndOfTimeNeverExpires(string ts, bool listed)
    {
        using var state = new StoreState(null);
        state.WritePaired("{}");
        state.WriteStoreFile(state.PendingPath, "{\"r1\": {\"requestId\": \"r1\", \"deviceId\": \"d1\", \"role\": \"operator\", \"ts\": " + ts + "}}");

        var pending = new JsonPairingStore(state.StateDirectory).Read(Now).Pending;

        Assert.Equal(listed, pending.Count == 1);
        if (listed && ts.StartsWith("2534", StringComparison.Ordinal)) Assert.Equal(DateTimeOffset.MaxValue, pending[0].ExpiresAt);
    }

    [Theory]
    [InlineData("\"ts\": 1799999000000, \"refreshedAtMs\": 1799999900000", true)]   // 2026.7+: five minutes from the refresh
    [InlineData("\"ts\": 1799999900000, \"refreshedAtMs\": null", true)]
    [InlineData("\"ts\": 1799999900000, \"refreshedAtMs\": 1799999000000", false)] // refreshedAtMs ?? ts, not the later of them
    [InlineData("\"ts\": null", false)]                                               // now - null is now: pruned
    [InlineData("\"silent\": false", true)]                                            // now - undefined is NaN: kept
    public void APendingRequestIsKeptAsTheGatewayKeepsIt(string times, bool listed)
    {
        using var state = new StoreState(null);
        state.WritePaired("{}");
        state.WriteStoreFile(state.PendingPath, "{\"r1\": {\"requestId\": \"r1\", \"deviceId\": \"d1\", " + times + "}}");

        var pending = new JsonPairingStore(state.StateDirectory).Read(Now).Pending;

        Assert.Equal(listed, pending.Count == 1);
    }

    [Fact]
    public void ARevokedAtMsOfZeroIsNotARevocation()
    {
        using var state = new StoreState(null);
        state.WritePaired(Record("\"scopes\": [\"operator.read\"],\n    \"tokens\": {\"operator\": {\"token\": \"t\", \"role\": \"operator\", \"scopes\": [\"operator.read\"], \"revokedAtMs\": 0}}"));
        var store = new JsonPairingStore(state.StateDirectory);

        Assert.False(Assert.Single(store.Read().Paired).TokenFor("operator")!.IsRevoked);
        store.AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.write" }) }, new StoreWriteOptions { NoBackup = true });
        Assert.Equal(new[] { "operator.read", "operator.write" }, Assert.Single(store.Read().Paired).TokenFor("operator")!.Scopes);

        using var db = new SqliteTestStore();
        db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(new string('a', 64), "[\"operator.read\"]", null,
            "{\"operator\":{\"token\":\"t\",\"role\":\"operator\",\"scopes\":[],\"revokedAtMs\":0}}"));
        Assert.False(Assert.Single(SqlitePairingStore.Open(db.StateDirectory).Read().Paired).TokenFor("operator")!.IsRevoked);
    }

    [Fact]
    public void ASqliteRowWithTimesBeyondYear9999IsRead()
    {
        using var db = new SqliteTestStore();
        var row = SqliteTestStore.PairedRow(new string('a', 64), "[\"operator.read\"]", null,
            "{\"operator\":{\"token\":\"t\",\"role\":\"operator\",\"scopes\":[],\"createdAtMs\":1e19}}", approvedAt: long.MaxValue);
        row["created_at_ms"] = long.MinValue;
        db.Insert("device_pairing_paired", row);
        db.Insert("device_pairing_pending", PendingRow(long.MaxValue));

        var snapshot = SqlitePairingStore.Open(db.StateDirectory).Read();

        var device = Assert.Single(snapshot.Paired);
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), device.ApprovedAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(DateTimeOffset.MinValue, device.CreatedAt);
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), device.TokenFor("operator")!.CreatedAt!.Value.ToUnixTimeMilliseconds());
        Assert.Single(snapshot.Pending);
    }

    private static JObject PendingRow(long ts) => new()
    {
        ["request_id"] = "r1", ["device_id"] = new string('a', 64), ["public_key"] = "pk", ["role"] = "operator",
        ["roles_json"] = "[\"operator\"]", ["scopes_json"] = "[\"operator.read\"]", ["silent"] = 0, ["is_repair"] = 1, ["ts"] = ts,
    };

    private static string Record(string fields) =>
        "{\n  \"" + StoreState.CliDevice + "\": {\n    \"deviceId\": \"" + StoreState.CliDevice + "\",\n    " + fields + "\n  }\n}";
}
