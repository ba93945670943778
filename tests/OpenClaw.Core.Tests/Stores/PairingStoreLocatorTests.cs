using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

public sealed class PairingStoreLocatorTests
{
    [Fact]
    public void AFolderWithDevicesPairedJsonIsAJsonStore()
    {
        using var state = new StoreState();
        var store = PairingStoreLocator.Open(state.StateDirectory);
        Assert.Equal("json", store.Kind);
        Assert.Equal(state.PairedPath, store.Location);
        Assert.Null(store.Release);
    }

    [Fact]
    public void TheReleaseComesFromOpenClawJsonMeta()
    {
        using var state = new StoreState();
        File.WriteAllText(Path.Combine(state.StateDirectory, "openclaw.json"), Fixtures.Text(Fixtures.OpenClawJsonMinimal));
        var release = PairingStoreLocator.Open(state.StateDirectory).Release!;
        Assert.Equal("2026.2.19", release.Name);
        Assert.Contains("meta.lastTouchedVersion", release.Evidence);
    }

    /// <summary>2026.6.1-2026.7.35 create openclaw.sqlite at schema 1 with empty device tables; the devices stay in JSON.</summary>
    [Fact]
    public void A_schema_1_database_beside_paired_json_leaves_the_json_store_in_charge()
    {
        using var state = new StoreState();
        using (var db = new Sqlite.SqliteTestStore(schemaVersion: 1, appVersion: "2026.7.35"))
        {
            Directory.CreateDirectory(Path.Combine(state.StateDirectory, "state"));
            File.Copy(db.DatabasePath, SqliteStateDatabase.PathIn(state.StateDirectory));
        }

        var store = PairingStoreLocator.Open(state.StateDirectory);

        Assert.Equal("json", store.Kind);
        Assert.Equal(state.PairedPath, store.Location);
    }

    [Fact]
    public void A_database_of_any_other_schema_is_the_store()
    {
        using var db = new Sqlite.SqliteTestStore(schemaVersion: 18);
        Assert.Equal("sqlite", PairingStoreLocator.Open(db.StateDirectory).Kind);
    }

    /// <summary>A fresh gateway writes its config, identity or state folder before anything pairs (facts §13).</summary>
    [Theory]
    [InlineData("openclaw.json")]
    [InlineData("identity/device.json")]
    [InlineData("state/cron.json")]
    public void A_gateway_state_folder_where_nothing_paired_yet_holds_no_devices(string file)
    {
        using var dir = new TempDirectory();
        dir.WriteFile(file, "{}");

        var store = PairingStoreLocator.Open(dir.Path);

        Assert.Equal("json", store.Kind);
        Assert.Empty(store.Read().Paired);
        Assert.Empty(store.Read().Pending);
        Assert.True(OpenClaw.Core.Offline.OfflineState.Open(dir.Path, null).NothingPairedYet);
    }

    [Theory]
    [InlineData(null, "does not exist")]
    [InlineData("", "neither devices/paired.json")]
    [InlineData("devices/paired.json.migrated", "was migrated to SQLite")]
    public void AFolderWithoutAStoreIsReported(string? file, string problem)
    {
        using var dir = new TempDirectory();
        var path = file == null ? dir.Combine("missing") : dir.Path;
        if (!string.IsNullOrEmpty(file)) dir.WriteFile(file, "{}");
        var e = Assert.Throws<OpenClawException>(() => PairingStoreLocator.Open(path));
        Assert.Equal(ErrorIds.PairingStoreNotFound, e.ErrorId);
        Assert.Contains(problem, e.Message);
    }
}
