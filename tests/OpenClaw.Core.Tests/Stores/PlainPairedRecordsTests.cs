using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// A paired.json is read straight into devices only when that gives what the exact path (a tree checked record by
/// record) gives; these are the cases where the two could part: a record's id against its key, keys JSON.parse
/// reorders, and the unpaired surrogates only the exact path keeps.
/// </summary>
public sealed class PlainPairedRecordsTests
{
    private const string Id = StoreState.CliDevice;

    [Fact]
    public void ARecordWithoutADeviceIdIsListedUnderItsKey()
    {
        using var state = new StoreState(null);
        state.WritePaired("{\"" + Id + "\": {\"displayName\": \"laptop\"}}");

        Assert.Equal(Id, Assert.Single(new JsonPairingStore(state.StateDirectory).Read().Paired).DeviceId);
    }

    [Fact]
    public void AnEmptyDeviceIdIsNotTakenForAMissingOne()
    {
        using var state = new StoreState(null);
        state.WritePaired("{\"" + Id + "\": {\"deviceId\": \"\"}}");

        var e = Assert.Throws<OpenClawException>(() => new JsonPairingStore(state.StateDirectory).Stream());

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains("key and the id must match", e.Message);
    }

    [Fact]
    public void ArrayIndexKeysAreListedFirstAsJsonParseOrdersThem()
    {
        using var state = new StoreState(null);
        state.WritePaired("{\"b\": {\"deviceId\": \"b\"}, \"10\": {\"deviceId\": \"10\"}, \"2\": {\"deviceId\": \"2\"}}");

        Assert.Equal(new[] { "2", "10", "b" }, new JsonPairingStore(state.StateDirectory).Read().Paired.Select(d => d.DeviceId));
    }

    [Fact]
    public void AnUnpairedSurrogateInANameIsKept()
    {
        using var state = new StoreState(null);
        state.WritePaired("{\"" + Id + "\": {\"deviceId\": \"" + Id + "\", \"displayName\": \"a\\ud800b\"}}");

        Assert.Equal("a\ud800b", Assert.Single(new JsonPairingStore(state.StateDirectory).Read().Paired).DisplayName);
    }
}
