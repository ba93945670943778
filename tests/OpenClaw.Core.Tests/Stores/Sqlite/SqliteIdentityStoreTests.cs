using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Identity;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>
/// The CLI identity of 2026.8.1+ in device_identities / device_auth_tokens (the JSON files are deleted by the
/// migration, facts §6.2), and which identity the module acts as.
/// </summary>
public sealed class SqliteIdentityStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1795560700000);
    private readonly SqliteTestStore _db = new SqliteTestStore();
    private readonly DeviceIdentity _cli = DeviceIdentity.Generate();

    public void Dispose() => _db.Dispose();

    private string ModuleHome => Path.Combine(_db.Root, "module");

    private void InsertPrimary(DeviceIdentity identity, string? publicPem = null) =>
        _db.Insert("device_identities", new JObject
        {
            ["identity_key"] = "primary",
            ["device_id"] = identity.DeviceId,
            ["public_key_pem"] = publicPem ?? identity.ExportPublicKeyPem(),
            ["private_key_pem"] = identity.ExportPrivateKeyPem(),
            ["created_at_ms"] = 1795555186698L,
            ["updated_at_ms"] = 1795555710372L,
        });

    private void InsertToken(string deviceId, string role, string token, string scopesJson) =>
        _db.Insert("device_auth_tokens", new JObject
        {
            ["device_id"] = deviceId, ["role"] = role, ["token"] = token, ["scopes_json"] = scopesJson, ["updated_at_ms"] = 1795555189585L,
        });

    [Fact]
    public void The_primary_identity_and_its_cached_token_are_read()
    {
        InsertPrimary(_cli);
        InsertToken(_cli.DeviceId, "operator", "cached-token", "[\"operator.admin\",\"operator.pairing\",\"operator.read\",\"operator.write\"]");
        var store = new SqliteIdentityStore(_db.DatabasePath);

        var identity = store.TryLoad();
        var token = store.ReadToken(_cli.DeviceId, "operator");

        Assert.Equal(_cli.DeviceId, identity!.DeviceId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795555186698), identity.CreatedAt);
        Assert.Equal("cached-token", token!.Token);
        Assert.Equal(4, token.Scopes.Count);
        Assert.Null(store.ReadToken(_cli.DeviceId, "node"));
        Assert.Null(store.ReadToken(SqliteTestStore.MigratedDeviceId, "operator"));
    }

    [Fact]
    public void No_primary_row_is_no_identity()
    {
        Assert.Null(new SqliteIdentityStore(_db.DatabasePath).TryLoad());
        Assert.Null(SqliteIdentityStore.PrimaryDeviceId(_db.DatabasePath));
    }

    [Fact]
    public void The_primary_device_id_is_read_without_the_key()
    {
        InsertPrimary(_cli);

        Assert.Equal(_cli.DeviceId, SqliteIdentityStore.PrimaryDeviceId(_db.DatabasePath));
        Assert.Null(SqliteIdentityStore.PrimaryDeviceId(Path.Combine(_db.Root, "missing.sqlite")));
    }

    [Fact]
    public void A_public_key_of_another_key_is_IdentityInvalid_naming_the_database()
    {
        InsertPrimary(_cli, DeviceIdentity.Generate().ExportPublicKeyPem());

        var e = Assert.Throws<OpenClawException>(() => new SqliteIdentityStore(_db.DatabasePath).TryLoad());

        Assert.Equal(ErrorIds.IdentityInvalid, e.ErrorId);
        Assert.Contains(_db.DatabasePath, e.Message);
        Assert.Contains("public_key_pem", e.Message);
    }

    [Fact]
    public void WriteToken_replaces_the_cached_token_in_place_and_adds_new_roles()
    {
        InsertToken(_cli.DeviceId, "operator", "old-token", "[\"operator.pairing\"]");
        InsertToken(_cli.DeviceId, "node", "node-token", "[]");
        var store = new SqliteIdentityStore(_db.DatabasePath);

        store.WriteToken(_cli.DeviceId, "operator", "new-token", new[] { "operator.write", "operator.admin", "operator.read" }, Now);
        store.WriteToken(_cli.DeviceId, "browser", "browser-token", Array.Empty<string>(), Now);

        var row = _db.Row("device_auth_tokens", $"device_id = '{_cli.DeviceId}' AND role = 'operator'");
        Assert.Equal("new-token", row["token"]);
        Assert.Equal("[\"operator.admin\",\"operator.read\",\"operator.write\"]", row["scopes_json"]);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), row["updated_at_ms"]);
        Assert.Equal("node-token", _db.Row("device_auth_tokens", "role = 'node'")["token"]);
        Assert.Equal("browser-token", store.ReadToken(_cli.DeviceId, "browser")!.Token);
        Assert.Equal("wal", _db.Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void The_module_acts_as_the_migrated_cli_identity_in_the_database()
    {
        InsertPrimary(_cli);
        InsertToken(_cli.DeviceId, "operator", "cached-token", "[\"operator.admin\"]");

        var acting = ActingIdentity.Resolve(_db.StateDirectory, ModuleHome);

        Assert.True(acting.IsOpenClawCli);
        Assert.Equal(_cli.DeviceId, acting.Identity.DeviceId);
        Assert.IsType<SqliteIdentityStore>(acting.Folder);
        Assert.Equal(_db.DatabasePath, acting.Folder.DeviceAuthFile);
        Assert.Contains(_db.DatabasePath, acting.Description);
        Assert.False(Directory.Exists(ModuleHome));
    }

    [Fact]
    public void A_primary_identity_without_cached_tokens_is_the_fresh_gateways_own_and_is_not_used()
    {
        InsertPrimary(_cli);

        var acting = ActingIdentity.Resolve(_db.StateDirectory, ModuleHome);

        Assert.False(acting.IsOpenClawCli);
        Assert.NotEqual(_cli.DeviceId, acting.Identity.DeviceId);
        Assert.True(File.Exists(Path.Combine(ModuleHome, "identity", "device.json")));
    }

    [Fact]
    public void The_database_identity_wins_over_a_leftover_identity_folder()
    {
        InsertPrimary(_cli);
        InsertToken(_cli.DeviceId, "operator", "cached-token", "[\"operator.admin\"]");
        var leftover = new IdentityFolder(Path.Combine(_db.StateDirectory, "identity")).Create();

        var acting = ActingIdentity.Resolve(_db.StateDirectory, ModuleHome);

        Assert.Equal(_cli.DeviceId, acting.Identity.DeviceId);
        Assert.NotEqual(leftover.DeviceId, acting.Identity.DeviceId);
    }

    [Fact]
    public void Without_a_database_identity_the_identity_folder_is_used_as_before()
    {
        var json = new IdentityFolder(Path.Combine(_db.StateDirectory, "identity")).Create();

        var acting = ActingIdentity.Resolve(_db.StateDirectory, ModuleHome);

        Assert.True(acting.IsOpenClawCli);
        Assert.Equal(json.DeviceId, acting.Identity.DeviceId);
        Assert.IsType<IdentityFolder>(acting.Folder);
    }
}
