using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores.Sqlite;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// A store with duplicate keys is what JSON.parse makes of it: the last duplicate wins, everywhere, and a discarded
/// duplicate is not looked at (issue 13's fuzz run found the stale token reported first, and a valid file refused
/// for the type of a value the gateway never sees).
/// </summary>
public sealed class DuplicateKeysTests
{
    private const string Id = StoreState.CliDevice;

    private const string Admin = "{\"token\": \"t1\", \"role\": \"operator\", \"scopes\": [\"operator.admin\"]}";

    [Fact]
    public void ADuplicatedTokenRoleIsTheLastOne()
    {
        using var state = new StoreState(null);
        state.WritePaired("{\"" + Id + "\": {\"deviceId\": \"" + Id + "\", \"tokens\": {\"operator\": " + Admin + ", \"operator\": {\"token\": \"t2\", \"scopes\": []}}}}");

        var token = Assert.Single(Assert.Single(new JsonPairingStore(state.StateDirectory).Read().Paired).Tokens);

        Assert.Equal("operator", token.Role);
        Assert.Empty(token.Scopes);
    }

    [Fact]
    public void ADiscardedDuplicateOfTheWrongTypeIsNotLookedAt()
    {
        using var state = new StoreState(null);
        state.WritePaired("{\"" + Id + "\": 7, \"" + Id + "\": {\"deviceId\": \"" + Id + "\", \"scopes\": \"x\", \"scopes\": [\"operator.read\"], "
                          + "\"tokens\": {\"operator\": [1], \"operator\": " + Admin + "}}}");

        var device = Assert.Single(new JsonPairingStore(state.StateDirectory).Read().Paired);

        Assert.Equal(new[] { "operator.read" }, device.Scopes);
        Assert.Equal(new[] { "operator.admin" }, device.TokenFor("operator")!.Scopes);
    }

    [Fact]
    public void AnEditWritesTheFileAsJsonParseReadIt()
    {
        using var state = new StoreState(null);
        state.WritePaired("{\"" + Id + "\": {\"deviceId\": \"" + Id + "\", \"scopes\": [\"operator.read\"], \"tokens\": {\"operator\": " + Admin
                          + "}, \"scopes\": [\"operator.admin\"]}}");

        new JsonPairingStore(state.StateDirectory).AddScopes(new[] { new OfflineScopeGrant(Id, "operator", new[] { "operator.admin", "operator.write" }) },
            new StoreWriteOptions { NoBackup = true });

        Assert.Equal("{\n  \"" + Id + "\": {\n    \"deviceId\": \"" + Id + "\",\n    \"scopes\": [\n      \"operator.admin\",\n      \"operator.write\"\n    ],\n"
                     + "    \"tokens\": {\n      \"operator\": {\n        \"token\": \"t1\",\n        \"role\": \"operator\",\n        \"scopes\": [\n"
                     + "          \"operator.admin\",\n          \"operator.write\"\n        ]\n      }\n    }\n  }\n}", state.PairedText);
    }

    /// <summary>The SQLite store's JSON columns follow the same rule.</summary>
    [Fact]
    public void ASqliteTokensColumnWithADuplicatedRoleIsReadAsJsonParseReadsIt()
    {
        using var db = new SqliteTestStore();
        db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(new string('a', 64), "[\"operator.read\"]", null,
            "{\"operator\":7,\"operator\":{\"token\":\"t1\",\"role\":\"operator\",\"scopes\":[\"operator.admin\"]},\"operator\":{\"token\":\"t2\",\"scopes\":[]}}"));

        var token = Assert.Single(Assert.Single(SqlitePairingStore.Open(db.StateDirectory).Read().Paired).Tokens);

        Assert.Empty(token.Scopes);
    }
}
