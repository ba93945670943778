using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>The token-preserving offline repair on a 2026.9.6 database: what changes, and everything that must not.</summary>
public sealed class SqlitePairingStoreWriteTests : IDisposable
{
    private const string Fresh = "c4eefde6283686f4f9580c42a19886fc857a2f27177a52939c4feabf80d37e41";
    private static readonly string[] ReadWrite = { "operator.read", "operator.write" };
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1795560700000);
    private readonly SqliteTestStore _db = new SqliteTestStore().WithMigratedRows();

    public void Dispose() => _db.Dispose();

    private StoreWriteResult Add(string deviceId, string role = "operator", bool noBackup = false, params string[] scopes) =>
        SqlitePairingStore.Open(_db.StateDirectory, TimeSpan.FromSeconds(1))
            .AddScopes(new[] { new OfflineScopeGrant(deviceId, role, scopes.Length > 0 ? scopes : ReadWrite) }, new StoreWriteOptions { Now = Now, NoBackup = noBackup, LockTimeout = TimeSpan.FromSeconds(1) });

    private Dictionary<string, object?> Migrated() => _db.Row("device_pairing_paired", $"device_id = '{SqliteTestStore.MigratedDeviceId}'");

    [Fact]
    public void A_migrated_row_gets_the_scopes_in_scopes_json_and_its_token_and_keeps_approved_NULL()
    {
        var before = Migrated();

        var result = Add(SqliteTestStore.MigratedDeviceId);

        var after = Migrated();
        Assert.Equal("[\"operator.admin\",\"operator.approvals\",\"operator.pairing\",\"operator.read\",\"operator.write\"]", after["scopes_json"]);
        Assert.Null(after["approved_scopes_json"]);
        var tokens = JObject.Parse((string)after["tokens_json"]!);
        Assert.Equal("2t1oy4…", (string?)tokens["operator"]!["token"]);
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing", "operator.read", "operator.write" }, tokens["operator"]!["scopes"]!.ToObject<string[]>());
        Assert.Equal(1795555186757, (long)tokens["operator"]!["createdAtMs"]!);
        foreach (var column in before.Keys.Except(new[] { "scopes_json", "tokens_json" })) Assert.Equal(before[column], after[column]);
        Assert.Equal(new[] { _db.DatabasePath }, result.ChangedFiles);
        Assert.Single(result.Backups);
    }

    [Fact]
    public void A_fresh_row_gets_the_scopes_in_approved_scopes_json_too_and_every_other_json_field_is_kept()
    {
        var tokens = "{\"operator\":{\"token\":\"b2Td21…\",\"role\":\"operator\",\"scopes\":[\"operator.pairing\"],\"createdAtMs\":1795560641626,\"issuer\":{\"kind\":\"future\",\"at\":\"2026-11-24T22:50:41.626Z\",\"ratio\":0.5}},"
                     + "\"node\":{\"token\":\"node-tok\",\"role\":\"node\",\"scopes\":[],\"revokedAtMs\":1795560641700}}";
        _db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(Fresh, "[\"operator.pairing\"]", "[\"operator.pairing\"]", tokens));

        Add(Fresh);

        var after = _db.Row("device_pairing_paired", $"device_id = '{Fresh}'");
        Assert.Equal("[\"operator.pairing\",\"operator.read\",\"operator.write\"]", after["scopes_json"]);
        Assert.Equal("[\"operator.pairing\",\"operator.read\",\"operator.write\"]", after["approved_scopes_json"]);
        Assert.Equal(tokens.Replace("\"scopes\":[\"operator.pairing\"]", "\"scopes\":[\"operator.pairing\",\"operator.read\",\"operator.write\"]"), after["tokens_json"]);
    }

    [Fact]
    public void Nothing_to_add_writes_nothing_and_makes_no_backup()
    {
        var before = Migrated();

        var result = Add(SqliteTestStore.MigratedDeviceId, scopes: new[] { "operator.admin", "operator.pairing" });

        Assert.Empty(result.ChangedFiles);
        Assert.Empty(result.Backups);
        Assert.Equal(before, Migrated());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_db.DatabasePath)!, "*.bak"));
    }

    [UnixFact]
    public void The_backup_is_a_consistent_copy_of_the_state_before_the_change_with_the_databases_mode()
    {
        var result = Add(SqliteTestStore.MigratedDeviceId);

        var backup = Assert.Single(result.Backups);
        Assert.Equal(Path.GetDirectoryName(_db.DatabasePath), Path.GetDirectoryName(backup));
        Assert.Matches(@"openclaw\.sqlite\.openclaw-powershell-20261124-\d{6}\.bak$", backup);
        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(backup));
        using var copy = new TempDirectory();
        Directory.CreateDirectory(copy.Combine("state", "state"));
        File.Copy(backup, copy.Combine("state", "state", "openclaw.sqlite"));
        var old = Assert.Single(SqlitePairingStore.Open(copy.Combine("state")).Read().Paired);
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing" }, old.Scopes);
    }

    [Fact]
    public void NoBackup_makes_none()
    {
        var result = Add(SqliteTestStore.MigratedDeviceId, noBackup: true);

        Assert.Empty(result.Backups);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_db.DatabasePath)!, "*.bak"));
    }

    [Fact]
    public void The_journal_mode_stays_wal()
    {
        Add(SqliteTestStore.MigratedDeviceId);

        Assert.Equal("wal", _db.Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void Two_roles_of_one_device_compose_in_one_transaction()
    {
        var tokens = "{\"operator\":{\"token\":\"a\",\"role\":\"operator\",\"scopes\":[\"operator.pairing\"]},\"node\":{\"token\":\"b\",\"role\":\"node\",\"scopes\":[]}}";
        _db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(Fresh, "[\"operator.pairing\"]", null, tokens));

        SqlitePairingStore.Open(_db.StateDirectory).AddScopes(new[]
        {
            new OfflineScopeGrant(Fresh, "operator", new[] { "operator.read" }),
            new OfflineScopeGrant(Fresh, "node", new[] { "node.exec" }),
        }, new StoreWriteOptions { Now = Now });

        var after = JObject.Parse((string)_db.Row("device_pairing_paired", $"device_id = '{Fresh}'")["tokens_json"]!);
        Assert.Equal(new[] { "operator.pairing", "operator.read" }, after["operator"]!["scopes"]!.ToObject<string[]>());
        Assert.Equal(new[] { "node.exec" }, after["node"]!["scopes"]!.ToObject<string[]>());
    }

    [Fact]
    public void An_unknown_device_or_role_fails_the_whole_batch_and_writes_nothing()
    {
        var before = Migrated();

        var missing = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(_db.StateDirectory).AddScopes(new[]
        {
            new OfflineScopeGrant(SqliteTestStore.MigratedDeviceId, "operator", ReadWrite),
            new OfflineScopeGrant(Fresh, "operator", ReadWrite),
        }, new StoreWriteOptions { Now = Now }));
        var role = Assert.Throws<OpenClawException>(() => Add(SqliteTestStore.MigratedDeviceId, "node"));

        Assert.Equal(ErrorIds.DeviceNotFound, missing.ErrorId);
        Assert.Equal(ErrorIds.RoleNotFound, role.ErrorId);
        Assert.Equal(before, Migrated());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_db.DatabasePath)!, "*.bak"));
    }

    [Fact]
    public void A_database_another_connection_is_writing_is_StateLocked_and_nothing_is_written()
    {
        var before = Migrated();
        using var holder = _db.Connect();
        using var reserved = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock

        var e = Assert.Throws<OpenClawException>(() => Add(SqliteTestStore.MigratedDeviceId));

        reserved.Rollback();
        Assert.Equal(ErrorIds.StateLocked, e.ErrorId);
        Assert.Contains(_db.DatabasePath, e.Message);
        Assert.Equal(before, Migrated());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_db.DatabasePath)!, "*.bak"));
    }

    [Fact]
    public void A_running_gateway_holding_its_state_lock_is_GatewayRunning_and_nothing_is_written()
    {
        var before = Migrated();
        using var gateway = SqliteGatewayLockTests.HoldLikeAGateway(_db.StateDirectory, pid: 4242);

        var e = Assert.Throws<OpenClawException>(() => Add(SqliteTestStore.MigratedDeviceId));

        Assert.Equal(ErrorIds.GatewayRunning, e.ErrorId);
        Assert.Contains("pid 4242", e.Message);
        Assert.Equal(before, Migrated());
    }

    [Fact]
    public void A_running_gateway_found_by_the_callers_detection_is_refused_even_with_Force()
    {
        var before = Migrated();

        var e = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(_db.StateDirectory).AddScopes(
            new[] { new OfflineScopeGrant(SqliteTestStore.MigratedDeviceId, "operator", ReadWrite) },
            new StoreWriteOptions { Now = Now, Force = true, RunningGateway = "ws://127.0.0.1:18789 reports this state folder" }));

        Assert.Equal(ErrorIds.GatewayRunning, e.ErrorId);
        Assert.Equal(RemedyKind.StopGateway, e.Remedy?.Kind);
        Assert.False(e.Remedy!.Value.ForceWriteAllowed);
        Assert.Equal(before, Migrated());
    }

    [Fact]
    public void An_unknown_schema_version_refuses_the_write()
    {
        _db.Execute("UPDATE schema_meta SET schema_version = 19");

        var e = Assert.Throws<OpenClawException>(() => Add(SqliteTestStore.MigratedDeviceId));

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains("schema version 19", e.Message);
    }
}
