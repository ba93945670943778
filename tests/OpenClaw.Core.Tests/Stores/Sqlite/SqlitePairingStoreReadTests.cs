using System.Diagnostics;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using Xunit.Abstractions;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>Reading device_pairing_paired / device_pairing_pending of a 2026.9.6 database (facts §6.1, §6.2).</summary>
public sealed class SqlitePairingStoreReadTests : IDisposable
{
    private readonly SqliteTestStore _db = new SqliteTestStore();
    private readonly ITestOutputHelper _log;

    public SqlitePairingStoreReadTests(ITestOutputHelper log)
    {
        _log = log;
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_migrated_2026_2_19_device_reads_like_the_online_list_without_token_values()
    {
        _db.WithMigratedRows();

        var store = SqlitePairingStore.Open(_db.StateDirectory);
        var snapshot = store.Read();

        Assert.Equal("sqlite", store.Kind);
        Assert.Equal(_db.DatabasePath, store.Location);
        var device = Assert.Single(snapshot.Paired);
        Assert.Equal(SqliteTestStore.MigratedDeviceId, device.DeviceId);
        Assert.Equal("TA-8TV-ecVAX46uY0BA-u0HWRzufq6B42Pw6Mdrt03E", device.PublicKey);
        Assert.Equal(("cli", "cli", "linux", "operator"), (device.ClientId, device.ClientMode, device.Platform, device.Role));
        Assert.Equal(new[] { "operator" }, device.Roles);
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing" }, device.Scopes);
        Assert.Null(device.ApprovedScopes);
        var token = Assert.Single(device.Tokens);
        Assert.Equal("operator", token.Role);
        Assert.Equal(device.Scopes, token.Scopes);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795555186757), token.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795555186756), device.ApprovedAt);
        Assert.Null(device.LastSeenAt);
        Assert.Empty(snapshot.Pending);
        Assert.DoesNotContain("2t1oy4", Newtonsoft.Json.JsonConvert.SerializeObject(snapshot));
    }

    [Fact]
    public void The_release_comes_from_schema_meta()
    {
        var store = SqlitePairingStore.Open(_db.StateDirectory);

        Assert.Equal(18, store.Schema.Version);
        Assert.Equal("2026.9.6", store.Release!.Name);
        Assert.Contains("schema_meta", store.Release.Evidence);
    }

    [Fact]
    public void Approved_scopes_label_and_last_seen_of_a_fresh_2026_9_6_row_are_read()
    {
        var row = SqliteTestStore.PairedRow("c4eefde6283686f4f9580c42a19886fc857a2f27177a52939c4feabf80d37e41",
            "[\"operator.admin\",\"operator.pairing\"]", "[\"operator.admin\",\"operator.pairing\"]",
            "{\"operator\":{\"token\":\"b2Td21…\",\"role\":\"operator\",\"scopes\":[\"operator.admin\",\"operator.pairing\",\"operator.read\",\"operator.write\"],\"createdAtMs\":1795560641626}}");
        row["operator_label"] = "build box";
        _db.Insert("device_pairing_paired", row);

        var device = Assert.Single(SqlitePairingStore.Open(_db.StateDirectory).Read().Paired);

        Assert.Equal(new[] { "operator.admin", "operator.pairing" }, device.ApprovedScopes);
        Assert.Equal(4, device.TokenFor("operator")!.Scopes.Count);
        Assert.Equal("build box", device.Label);
        Assert.Equal("build box", device.DisplayName);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795560641631), device.LastSeenAt);
    }

    [Fact]
    public void Pending_requests_older_than_five_minutes_are_left_out_as_the_gateway_prunes_them()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (id, ts) in new[] { ("fresh", now - 60_000), ("stale", now - 600_000) })
        {
            _db.Execute("INSERT INTO device_pairing_pending (request_id, device_id, public_key, role, roles_json, scopes_json, silent, is_repair, ts) "
                        + "VALUES ($r, $d, 'pk', 'operator', '[\"operator\"]', '[\"operator.write\"]', 0, 1, $ts)", ("$r", id), ("$d", SqliteTestStore.MigratedDeviceId), ("$ts", ts));
        }

        var pending = Assert.Single(SqlitePairingStore.Open(_db.StateDirectory).Read().Pending);

        Assert.Equal("fresh", pending.RequestId);
        Assert.True(pending.IsRepair);
        Assert.False(pending.Silent);
        Assert.Equal(new[] { "operator.write" }, pending.Scopes);
    }

    [Theory]
    [InlineData(15, "2026.8.1")]
    [InlineData(16, "2026.9.3")]
    [InlineData(17, "2026.9.5")]
    [InlineData(18, "2026.9.6")]
    public void Every_schema_a_published_release_writes_is_read_with_the_release_it_records(long version, string release)
    {
        using var db = new SqliteTestStore(version, release);

        var store = SqlitePairingStore.Open(db.StateDirectory);

        Assert.Equal(version, store.Schema.Version);
        Assert.Equal(release, store.Release?.Name);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(14)]
    [InlineData(19)]
    public void An_unknown_schema_version_is_StateFileInvalid_naming_the_file_and_the_version(long version)
    {
        using var other = new SqliteTestStore(version, "2026.10.1");

        var e = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(other.StateDirectory));

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains(other.DatabasePath, e.Message);
        Assert.Contains($"schema version {version}", e.Message);
        Assert.Contains("2026.10.1", e.Message);
        Assert.Contains("15 (from 2026.8.1), 16 (from 2026.9.3), 17 (from 2026.9.4), 18 (from 2026.9.6)", e.Message);
    }

    [Fact]
    public void A_database_without_schema_meta_primary_is_StateFileInvalid()
    {
        _db.Execute("DELETE FROM schema_meta");

        var e = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(_db.StateDirectory));

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains("primary", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_StateFileInvalid()
    {
        using var temp = new TestSupport.TempDirectory();
        var path = temp.WriteFile(Path.Combine("state", "openclaw.sqlite"), "{ this is not SQLite, it is long enough to have a header of sorts }");

        var e = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(temp.Path));

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("scopes_json", "[\"operator.admin\"")]
    [InlineData("scopes_json", "{\"operator.admin\":true}")]
    [InlineData("tokens_json", "[]")]
    [InlineData("tokens_json", "{\"operator\":[1,2]}")]
    [InlineData("tokens_json", "{\"operator\":{\"token\":7,\"scopes\":[]}}")]
    [InlineData("tokens_json", "{\"operator\":{\"token\":\"t\",\"scopes\":\"operator.read\"}}")]
    public void A_column_with_broken_json_is_StateFileInvalid_naming_the_column_and_device(string column, string text)
    {
        _db.WithMigratedRows();
        _db.Execute($"UPDATE device_pairing_paired SET {column} = $t", ("$t", text));

        var e = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(_db.StateDirectory).Read());

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains(column, e.Message);
        Assert.Contains(SqliteTestStore.MigratedDeviceId, e.Message);
    }

    [Fact]
    public void Reading_a_store_with_no_wal_creates_no_file()
    {
        _db.WithMigratedRows();
        var before = Directory.GetFiles(Path.GetDirectoryName(_db.DatabasePath)!).Order().ToList();
        var bytes = File.ReadAllBytes(_db.DatabasePath);

        Assert.Single(SqlitePairingStore.Open(_db.StateDirectory).Read().Paired);

        // A read-only connection would create -shm and -wal and could not remove them again.
        Assert.Equal(before, Directory.GetFiles(Path.GetDirectoryName(_db.DatabasePath)!).Order());
        Assert.Equal(bytes, File.ReadAllBytes(_db.DatabasePath));
    }

    [Fact]
    public void Reading_while_another_connection_holds_the_wal_sees_its_commits()
    {
        _db.WithMigratedRows();
        using var other = _db.Connect();
        SqliteTestStore.Exec(other, "UPDATE device_pairing_paired SET display_name = 'seen through the wal'");
        Assert.True(File.Exists(_db.DatabasePath + "-wal"));

        Assert.Equal("seen through the wal", Assert.Single(SqlitePairingStore.Open(_db.StateDirectory).Read().Paired).DisplayName);
    }

    [Fact]
    public void Ten_thousand_devices_are_read_in_one_pass()
    {
        using (var connection = _db.Connect())
        using (var transaction = connection.BeginTransaction())
        {
            for (var i = 0; i < 10_000; i++)
            {
                var id = i.ToString("x64");
                var row = SqliteTestStore.PairedRow(id, "[\"operator.read\"]", "[\"operator.read\"]",
                    $"{{\"operator\":{{\"token\":\"t{i}\",\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"createdAtMs\":{1795560641626 + i}}}}}", 1795560641626 + i);
                var names = row.Properties().Select(p => p.Name).ToList();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO device_pairing_paired ({string.Join(",", names)}) VALUES ({string.Join(",", names.Select((_, n) => "$p" + n))})";
                for (var n = 0; n < names.Count; n++) command.Parameters.AddWithValue("$p" + n, row[names[n]]!.Type == Newtonsoft.Json.Linq.JTokenType.Integer ? (object)(long)row[names[n]]! : (object?)(string?)row[names[n]] ?? DBNull.Value);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        var watch = Stopwatch.StartNew();
        var snapshot = SqlitePairingStore.Open(_db.StateDirectory).Read();
        watch.Stop();

        _log.WriteLine($"Read 10,000 paired devices from SQLite in {watch.ElapsedMilliseconds} ms.");
        Assert.Equal(10_000, snapshot.Paired.Count);
        Assert.Equal(9999.ToString("x64"), snapshot.Paired[0].DeviceId); // newest approval first, as the gateway's index orders
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
