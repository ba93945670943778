using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>
/// The offline lifecycle edits on a 2026.9.6 database, checked column by column against what a real 9.6 gateway
/// writes for the same RPCs (tests/gateway/MEASURED.md Q6).
/// </summary>
public sealed class SqlitePairingStoreEditTests : IDisposable
{
    private const string Laptop = "8be0eb7ed2e79b3d32ad89afe4ebc79b8fce009b97f2e7004dec804939d5de05";
    private const string Phone = "e05c7668e483928d5d1aef7443267f079b42a49ffcd41d2085d40b150b41e54d";
    private const string NewRequest = "d0cf16ee-df6d-471c-b2fd-57e2b6f203d8";
    private const string Upgrade = "5b9c2123-bd00-41a9-a780-4ab35b149275";
    private const string Other = "66e9fe30-1fe0-44e4-a02b-b4a7b9559e3a";
    private const string KeptToken = "{\"operator\":{\"token\":\"DNggpn-cached\",\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"createdAtMs\":1795560641626}}";
    private static readonly string[] ReadWrite = { "operator.read", "operator.write" };
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1795560700000);
    private static readonly long NowMs = Now.ToUnixTimeMilliseconds();
    private readonly SqliteTestStore _db = new SqliteTestStore().WithMigratedRows();

    public void Dispose() => _db.Dispose();

    /// <summary>A request row as 9.6 files it for a remote gateway-client/backend device (measured).</summary>
    private static JObject PendingRow(string requestId, string deviceId, string scopesJson, bool repair = false, long? ts = null, long? refreshed = null) => new()
    {
        ["request_id"] = requestId,
        ["device_id"] = deviceId,
        ["public_key"] = "pk-" + deviceId.Substring(0, 8),
        ["display_name"] = "laptop",
        ["platform"] = "linux",
        ["client_id"] = "gateway-client",
        ["client_mode"] = "backend",
        ["role"] = "operator",
        ["roles_json"] = "[\"operator\"]",
        ["scopes_json"] = scopesJson,
        ["remote_ip"] = "203.0.113.7",
        ["silent"] = 0,
        ["is_repair"] = repair ? 1 : 0,
        ["ts"] = ts ?? NowMs - 60000,
        ["refreshed_at_ms"] = refreshed,
    };

    private StoreWriteResult<PairingEditOutcome> Apply(params PairingStoreEdit[] edits) =>
        SqlitePairingStore.Open(_db.StateDirectory, TimeSpan.FromSeconds(1)).Apply(edits, new StoreWriteOptions { Now = Now, LockTimeout = TimeSpan.FromSeconds(1) });

    private Dictionary<string, object?> Paired(string deviceId) => _db.Row("device_pairing_paired", $"device_id = '{deviceId}'");

    private long Count(string table, string where = "1=1") => (long)_db.Scalar($"SELECT count(*) FROM {table} WHERE {where}")!;

    private string[] Backups() => Directory.GetFiles(Path.GetDirectoryName(_db.DatabasePath)!, "*.bak");

    private void PairLaptop(string tokensJson = KeptToken)
    {
        var row = SqliteTestStore.PairedRow(Laptop, "[\"operator.read\"]", "[\"operator.read\"]", tokensJson);
        row["client_id"] = "gateway-client";
        row["client_mode"] = "backend";
        row["display_name"] = "laptop";
        row["public_key"] = "pk-" + Laptop.Substring(0, 8);
        row["remote_ip"] = "203.0.113.7";
        _db.Insert("device_pairing_paired", row);
    }

    [Fact]
    public void Approving_a_new_devices_request_inserts_the_row_9_6_writes_and_deletes_the_request()
    {
        _db.Insert("device_pairing_pending", PendingRow(NewRequest, Laptop, "[\"operator.read\"]"));

        var result = Apply(PairingStoreEdit.Approve(NewRequest, new[] { "operator.read" }));

        var outcome = Assert.Single(result.Outcomes);
        Assert.True(outcome.Applied && outcome.DeviceCreated && outcome.TokenMinted);
        Assert.Equal(Laptop, outcome.DeviceId);
        Assert.Equal(new[] { NewRequest }, outcome.RemovedRequestIds);
        Assert.Equal(Now, outcome.At);
        var row = Paired(Laptop);
        var token = JObject.Parse((string)row["tokens_json"]!)["operator"]!;
        var value = (string)token["token"]!;
        Assert.Equal($"{{\"operator\":{{\"token\":\"{value}\",\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"createdAtMs\":{NowMs}}}}}", row["tokens_json"]);
        row.Remove("tokens_json");
        Assert.Equal(new Dictionary<string, object?>
        {
            ["device_id"] = Laptop, ["public_key"] = "pk-8be0eb7e", ["display_name"] = "laptop", ["operator_label"] = null,
            ["platform"] = "linux", ["device_family"] = null, ["client_id"] = "gateway-client", ["client_mode"] = "backend",
            ["browser_origin"] = null, ["role"] = "operator", ["roles_json"] = "[\"operator\"]", ["scopes_json"] = "[\"operator.read\"]",
            ["approved_scopes_json"] = "[\"operator.read\"]", ["remote_ip"] = "203.0.113.7", ["approved_via"] = "owner",
            ["node_surface_json"] = null, ["pending_node_surface_json"] = null, ["created_at_ms"] = NowMs, ["approved_at_ms"] = NowMs,
            ["last_seen_at_ms"] = null, ["last_seen_reason"] = null,
        }, row);
        Assert.Equal(0, Count("device_pairing_pending"));
        Assert.Equal(new[] { _db.DatabasePath }, result.ChangedFiles);
        Assert.Single(result.Backups);
    }

    [Fact]
    public void A_minted_token_is_32_random_bytes_in_base64url_and_appears_in_no_outcome()
    {
        _db.Insert("device_pairing_pending", PendingRow(NewRequest, Laptop, "[\"operator.read\"]"));

        var outcome = Assert.Single(Apply(PairingStoreEdit.Approve(NewRequest, new[] { "operator.read" })).Outcomes);

        var value = (string)JObject.Parse((string)Paired(Laptop)["tokens_json"]!)["operator"]!["token"]!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", value);
        Assert.Equal(32, OpenClaw.Core.Identity.Base64Url.Decode(value).Length);
        Assert.DoesNotContain(value, string.Join("\n", outcome.Steps.Append(outcome.Edit.ToString())));
    }

    [Fact]
    public void Approving_an_upgrade_widens_the_scopes_and_the_unrevoked_token_in_place_keeping_its_value()
    {
        PairLaptop();
        _db.Insert("device_pairing_pending", PendingRow(Upgrade, Laptop, "[\"operator.read\",\"operator.write\"]", repair: true));
        _db.Insert("device_pairing_pending", PendingRow(Other, Laptop, "[\"operator.admin\"]", repair: true));
        var before = Paired(Laptop);

        var outcome = Assert.Single(Apply(PairingStoreEdit.Approve(Upgrade, ReadWrite)).Outcomes);

        Assert.True(outcome.Applied);
        Assert.False(outcome.DeviceCreated || outcome.TokenMinted);
        Assert.Contains("added operator.write to the operator token (its value is kept)", outcome.Steps);
        var after = Paired(Laptop);
        Assert.Equal("[\"operator.read\",\"operator.write\"]", after["scopes_json"]);
        Assert.Equal("[\"operator.read\",\"operator.write\"]", after["approved_scopes_json"]);
        Assert.Equal(KeptToken.Replace("[\"operator.read\"]", "[\"operator.read\",\"operator.write\"]"), after["tokens_json"]);
        Assert.Equal(NowMs, after["approved_at_ms"]);
        Assert.Equal("owner", after["approved_via"]);
        foreach (var column in before.Keys.Except(new[] { "scopes_json", "approved_scopes_json", "tokens_json", "approved_at_ms", "approved_via" }))
        {
            Assert.Equal(before[column], after[column]);
        }
        Assert.Equal(0, Count("device_pairing_pending", $"request_id = '{Upgrade}'"));
        Assert.Equal(1, Count("device_pairing_pending", $"request_id = '{Other}'"));
    }

    [Fact]
    public void Approving_on_a_migrated_row_builds_on_scopes_json_because_approved_scopes_json_is_NULL()
    {
        _db.Insert("device_pairing_pending", PendingRow(Upgrade, SqliteTestStore.MigratedDeviceId, "[\"operator.read\"]", repair: true));

        Apply(PairingStoreEdit.Approve(Upgrade, new[] { "operator.read" }));

        var after = Paired(SqliteTestStore.MigratedDeviceId);
        const string union = "[\"operator.admin\",\"operator.approvals\",\"operator.pairing\",\"operator.read\"]";
        Assert.Equal(union, after["scopes_json"]);
        Assert.Equal(union, after["approved_scopes_json"]);
        Assert.Equal("2t1oy4…", (string?)JObject.Parse((string)after["tokens_json"]!)["operator"]!["token"]);
    }

    [Fact]
    public void Approving_for_a_revoked_token_stores_a_new_one_that_keeps_its_history_as_9_6_does()
    {
        PairLaptop("{\"operator\":{\"token\":\"old-value\",\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"issuer\":{\"kind\":\"shared-gateway-auth\"},"
                   + "\"createdAtMs\":1795560641626,\"revokedAtMs\":1795560650000,\"lastUsedAtMs\":1795560649000},\"node\":{\"token\":\"n\",\"role\":\"node\",\"scopes\":[]}}");
        _db.Insert("device_pairing_pending", PendingRow(Upgrade, Laptop, "[\"operator.read\"]", repair: true));

        var outcome = Assert.Single(Apply(PairingStoreEdit.Approve(Upgrade, ReadWrite)).Outcomes);

        Assert.True(outcome.TokenMinted);
        var tokens = JObject.Parse((string)Paired(Laptop)["tokens_json"]!);
        Assert.Equal(new[] { "operator", "node" }, tokens.Properties().Select(p => p.Name));
        var token = (JObject)tokens["operator"]!;
        Assert.Equal(new[] { "token", "role", "scopes", "issuer", "createdAtMs", "rotatedAtMs", "lastUsedAtMs" }, token.Properties().Select(p => p.Name));
        Assert.NotEqual("old-value", (string?)token["token"]);
        Assert.Equal(ReadWrite, token["scopes"]!.ToObject<string[]>());
        Assert.Equal(1795560641626, (long)token["createdAtMs"]!);
        Assert.Equal(NowMs, (long)token["rotatedAtMs"]!);
        Assert.Equal(1795560649000, (long)token["lastUsedAtMs"]!);
        Assert.Equal("shared-gateway-auth", (string?)token["issuer"]!["kind"]);
    }

    [Fact]
    public void Rejecting_deletes_only_the_request()
    {
        PairLaptop();
        _db.Insert("device_pairing_pending", PendingRow(Upgrade, Laptop, "[\"operator.write\"]", repair: true));
        _db.Insert("device_pairing_pending", PendingRow(Other, Phone, "[\"operator.read\"]"));
        var before = Paired(Laptop);

        var outcome = Assert.Single(Apply(PairingStoreEdit.Reject(Upgrade)).Outcomes);

        Assert.True(outcome.Applied);
        Assert.Equal(Laptop, outcome.DeviceId);
        Assert.Equal(new[] { Upgrade }, outcome.RemovedRequestIds);
        Assert.Null(outcome.At);
        Assert.Equal(before, Paired(Laptop));
        Assert.Equal(1, Count("device_pairing_pending", $"request_id = '{Other}'"));
        Assert.Equal(1, Count("device_pairing_pending"));
    }

    [Fact]
    public void Revoking_adds_revokedAtMs_keeps_the_entry_and_a_second_revoke_changes_nothing()
    {
        PairLaptop();
        var before = Paired(Laptop);

        var first = Assert.Single(Apply(PairingStoreEdit.Revoke(Laptop, "operator")).Outcomes);
        var revoked = Paired(Laptop);
        var second = Apply(PairingStoreEdit.Revoke(Laptop, "operator"));

        Assert.True(first.Applied);
        Assert.Equal(Now, first.At);
        Assert.Equal(KeptToken.Replace("1795560641626}", $"1795560641626,\"revokedAtMs\":{NowMs}}}"), revoked["tokens_json"]);
        foreach (var column in before.Keys.Where(c => c != "tokens_json")) Assert.Equal(before[column], revoked[column]);
        var again = Assert.Single(second.Outcomes);
        Assert.True(again.AlreadyRevoked);
        Assert.False(again.Applied);
        Assert.Null(again.Error);
        Assert.Empty(second.ChangedFiles);
        Assert.Empty(second.Backups);
        Assert.Equal(revoked, Paired(Laptop));
        Assert.Single(Backups());
    }

    [Fact]
    public void Removing_deletes_the_device_and_every_request_it_filed_expired_ones_included()
    {
        PairLaptop();
        _db.Insert("device_pairing_pending", PendingRow(Upgrade, Laptop, "[\"operator.write\"]", repair: true));
        _db.Insert("device_pairing_pending", PendingRow(NewRequest, Laptop, "[\"operator.admin\"]", repair: true, ts: NowMs - 3600000));
        _db.Insert("device_pairing_pending", PendingRow(Other, Phone, "[\"operator.read\"]"));

        var outcome = Assert.Single(Apply(PairingStoreEdit.Remove(Laptop)).Outcomes);

        Assert.True(outcome.Applied);
        Assert.Equal(new[] { NewRequest, Upgrade }, outcome.RemovedRequestIds);
        Assert.Equal(0, Count("device_pairing_paired", $"device_id = '{Laptop}'"));
        Assert.Equal(1, Count("device_pairing_paired"));
        Assert.Equal(1, Count("device_pairing_pending"));
    }

    [Fact]
    public void Renaming_sets_operator_label_and_nothing_else()
    {
        PairLaptop();
        var before = Paired(Laptop);

        var outcome = Assert.Single(Apply(PairingStoreEdit.Rename(Laptop, "Kitchen laptop")).Outcomes);

        Assert.True(outcome.Applied);
        var after = Paired(Laptop);
        Assert.Equal("Kitchen laptop", after["operator_label"]);
        after["operator_label"] = null;
        Assert.Equal(before, after);
        Assert.False(Assert.Single(Apply(PairingStoreEdit.Rename(Laptop, "Kitchen laptop")).Outcomes).Applied);
    }

    [Fact]
    public void Missing_requests_devices_and_roles_get_their_own_errors_while_the_rest_of_the_batch_is_applied()
    {
        PairLaptop();
        _db.Insert("device_pairing_pending", PendingRow(Upgrade, Laptop, "[\"operator.write\"]", repair: true, ts: NowMs - 400000));
        _db.Insert("device_pairing_pending", PendingRow(Other, Phone, "[\"operator.read\"]", ts: NowMs - 400000, refreshed: NowMs - 1000));

        var result = Apply(
            PairingStoreEdit.Approve("no-such-request", ReadWrite),
            PairingStoreEdit.Approve(Upgrade, ReadWrite),
            PairingStoreEdit.Reject(Upgrade),
            PairingStoreEdit.Revoke(Phone, "operator"),
            PairingStoreEdit.Revoke(Laptop, "node"),
            PairingStoreEdit.Remove(Phone),
            PairingStoreEdit.Rename(Phone, "x"),
            PairingStoreEdit.Reject(Other));

        Assert.Equal(
            new[] { "OpenClaw.RequestNotFound", "OpenClaw.RequestNotFound", "OpenClaw.RequestNotFound", ErrorIds.DeviceNotFound, ErrorIds.RoleNotFound, ErrorIds.DeviceNotFound, ErrorIds.DeviceNotFound, null },
            result.Outcomes.Select(o => o.Error?.ErrorId));
        Assert.All(result.Outcomes.Take(7), o => Assert.False(o.Applied));
        Assert.Contains("expired", result.Outcomes[1].Error!.Message);
        Assert.True(result.Outcomes[7].Applied); // refreshed_at_ms keeps a request alive past ts + 5 min
        Assert.Equal(1, Count("device_pairing_pending", $"request_id = '{Upgrade}'"));
        Assert.Equal(0, Count("device_pairing_pending", $"request_id = '{Other}'"));
        Assert.Single(result.Backups);
    }

    [Fact]
    public void Edits_apply_in_order_to_the_rows_as_the_edits_before_left_them_in_one_write_with_one_backup()
    {
        _db.Insert("device_pairing_pending", PendingRow(NewRequest, Laptop, "[\"operator.read\"]"));

        var result = Apply(
            PairingStoreEdit.Approve(NewRequest, new[] { "operator.read" }),
            PairingStoreEdit.Rename(Laptop, "Kitchen laptop"),
            PairingStoreEdit.Revoke(Laptop, "operator"),
            PairingStoreEdit.Reject(NewRequest));

        Assert.Equal(new[] { true, true, true, false }, result.Outcomes.Select(o => o.Applied));
        Assert.Equal("OpenClaw.RequestNotFound", result.Outcomes[3].Error!.ErrorId);
        var row = Paired(Laptop);
        Assert.Equal("Kitchen laptop", row["operator_label"]);
        Assert.Equal(NowMs, (long)JObject.Parse((string)row["tokens_json"]!)["operator"]!["revokedAtMs"]!);
        Assert.Single(result.Backups);
        Assert.Single(Backups());
    }

    [Fact]
    public void A_row_that_cannot_be_read_mid_batch_fails_the_whole_batch_and_writes_nothing()
    {
        PairLaptop("{\"operator\":");
        _db.Insert("device_pairing_pending", PendingRow(Other, Phone, "[\"operator.read\"]"));

        var e = Assert.Throws<OpenClawException>(() => Apply(PairingStoreEdit.Reject(Other), PairingStoreEdit.Revoke(Laptop, "operator")));

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains("tokens_json", e.Message);
        Assert.Equal(1, Count("device_pairing_pending"));
        Assert.Empty(Backups());
    }

    [Fact]
    public void A_running_gateway_is_refused_even_with_Force_and_nothing_is_written()
    {
        _db.Insert("device_pairing_pending", PendingRow(Other, Phone, "[\"operator.read\"]"));

        var e = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(_db.StateDirectory).Apply(new[] { PairingStoreEdit.Reject(Other) },
            new StoreWriteOptions { Now = Now, Force = true, RunningGateway = "ws://127.0.0.1:18789 reports this state folder" }));

        Assert.Equal(ErrorIds.GatewayRunning, e.ErrorId);
        Assert.Equal(RemedyKind.StopGateway, e.Remedy?.Kind);
        Assert.False(e.Remedy!.Value.ForceWriteAllowed);
        Assert.Equal(1, Count("device_pairing_pending"));
    }

    [Fact]
    public void A_database_another_connection_is_writing_is_StateLocked_and_nothing_is_written()
    {
        _db.Insert("device_pairing_pending", PendingRow(Other, Phone, "[\"operator.read\"]"));
        using var holder = _db.Connect();
        using var reserved = holder.BeginTransaction(deferred: false);

        var e = Assert.Throws<OpenClawException>(() => Apply(PairingStoreEdit.Reject(Other)));

        reserved.Rollback();
        Assert.Equal(ErrorIds.StateLocked, e.ErrorId);
        Assert.Equal(1, Count("device_pairing_pending"));
        Assert.Empty(Backups());
    }
}
