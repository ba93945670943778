using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Offline;
using OpenClaw.Core.Tests.Stores.Sqlite;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// IPairingStore.Stream: devices are built as they are enumerated, give what Read gives, and a bad record is
/// refused where the stream promises: a JSON store before the first device, a SQLite row when it is reached.
/// </summary>
public sealed class PairedDeviceStreamTests
{
    [Fact]
    public void A_json_store_streams_what_Read_gives()
    {
        using var state = new StoreState(null);
        state.WritePaired(LargeStore.Text(50));
        var store = new JsonPairingStore(state.StateDirectory);

        var stream = store.Stream();

        // A plain file (as the gateway writes it) is read into its devices in one pass, before the first is listed.
        Assert.Equal(store.Read().Paired.Select(d => d.DeviceId), stream.Paired.Select(d => d.DeviceId));
        Assert.Equal(LargeStore.Id(0), stream.Paired.First().DeviceId);
    }

    [Fact]
    public void A_wrong_type_in_the_last_json_record_throws_before_any_device()
    {
        using var state = new StoreState(null);
        var text = LargeStore.Text(50);
        state.WritePaired(text.Replace("\"displayName\": \"device 49\"", "\"displayName\": 49"));

        var e = Assert.Throws<OpenClawException>(() => new JsonPairingStore(state.StateDirectory).Stream());

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains(LargeStore.Id(49), e.Message);
    }

    [Fact]
    public void A_sqlite_store_yields_the_rows_before_a_bad_row_then_names_it()
    {
        using var db = new SqliteTestStore();
        var tokens = "{\"operator\":{\"token\":\"t\",\"role\":\"operator\",\"scopes\":[\"operator.read\"]}}";
        for (var i = 0; i < 5; i++) db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(LargeStore.Id(i), "[\"operator.read\"]", null, tokens, 1795560641626 - i));
        db.Execute("UPDATE device_pairing_paired SET tokens_json = '{\"operator\":[1,2]}' WHERE device_id = $id", ("$id", LargeStore.Id(4)));
        var seen = new List<string>();

        var stream = SqlitePairingStore.Open(db.StateDirectory).Stream();
        var e = Assert.Throws<OpenClawException>(() => { foreach (var device in stream.Paired) seen.Add(device.DeviceId); });

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains(LargeStore.Id(4), e.Message);
        Assert.Equal(Enumerable.Range(0, 4).Select(LargeStore.Id), seen);
    }

    [Fact]
    public void A_sqlite_stream_has_closed_the_database_before_its_first_device()
    {
        using var db = new SqliteTestStore();
        db.WithMigratedRows();
        var store = SqlitePairingStore.Open(db.StateDirectory);

        var stream = store.Stream();
        // What the next command of a pipeline may do while the listing is still being written.
        using (var writer = db.Connect())
        {
            SqliteTestStore.Exec(writer, "BEGIN EXCLUSIVE");
            SqliteTestStore.Exec(writer, "DELETE FROM device_pairing_paired");
            SqliteTestStore.Exec(writer, "COMMIT");
        }

        Assert.Equal(new[] { SqliteTestStore.MigratedDeviceId }, stream.Paired.Select(d => d.DeviceId));
        Assert.Empty(store.Read().Paired);
    }
}
