using OpenClaw.Core.Offline;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Tests.Stores.Sqlite;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>
/// A JSON pairing store left beside the SQLite store and never imported (an import renames it *.json.migrated):
/// the state names the files, and whether the store's release imports them at the next start (8.1-9.4) or leaves
/// them to doctor (9.5 and later; docs/release-matrix.md, 2026-12-07).
/// </summary>
public sealed class UnimportedLegacyFilesTests
{
    [Theory]
    [InlineData(17, "2026.9.4", true)]
    [InlineData(17, "2026.9.5", false)]
    [InlineData(18, "2026.9.6", false)]
    [InlineData(15, "2026.8.1", true)]
    public void LegacyJsonFilesBesideASqliteStoreAreNamedWithWhetherTheNextStartImportsThem(long schema, string appVersion, bool importedAtStart)
    {
        using var db = new SqliteTestStore(schema, appVersion);
        var devices = Directory.CreateDirectory(Path.Combine(db.StateDirectory, "devices")).FullName;
        File.WriteAllText(Path.Combine(devices, "paired.json"), "{}");
        File.WriteAllText(Path.Combine(devices, "pending.json.migrated"), "{}");

        var state = OfflineState.Open(db.StateDirectory, null);

        Assert.Equal(new[] { Path.Combine(devices, "paired.json") }, state.UnimportedLegacyFiles);
        Assert.Equal(importedAtStart, state.LegacyFilesImportedAtStart);
        Assert.Equal("2026.9.5", OfflineState.FirstDoctorOnlyImport.ToString());
    }

    [Fact]
    public void AStoreThatDoesNotRecordItsReleaseLeavesTheNextStartUnknown()
    {
        using var db = new SqliteTestStore(18, null!);
        var devices = Directory.CreateDirectory(Path.Combine(db.StateDirectory, "devices")).FullName;
        File.WriteAllText(Path.Combine(devices, "pending.json"), "{}");

        var state = OfflineState.Open(db.StateDirectory, null);

        Assert.Equal(new[] { Path.Combine(devices, "pending.json") }, state.UnimportedLegacyFiles);
        Assert.Null(state.LegacyFilesImportedAtStart);
    }

    [Fact]
    public void MigratedFilesAndJsonStoresNameNothing()
    {
        using var db = new SqliteTestStore();
        var devices = Directory.CreateDirectory(Path.Combine(db.StateDirectory, "devices")).FullName;
        File.WriteAllText(Path.Combine(devices, "paired.json.migrated"), "{}");
        Assert.Empty(OfflineState.Open(db.StateDirectory, null).UnimportedLegacyFiles);

        var json = Directory.CreateTempSubdirectory("openclaw-json-");
        try
        {
            Directory.CreateDirectory(Path.Combine(json.FullName, "devices"));
            File.WriteAllText(Path.Combine(json.FullName, "devices", "paired.json"), "{}");
            var state = OfflineState.Open(json.FullName, GatewayRelease.FromUser("2026.9.6"));
            Assert.Equal("json", state.Store.Kind);
            Assert.Empty(state.UnimportedLegacyFiles);
        }
        finally
        {
            json.Delete(recursive: true);
        }
    }
}
