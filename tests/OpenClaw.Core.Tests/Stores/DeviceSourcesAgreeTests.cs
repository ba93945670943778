using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores.Sqlite;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// A SQLite row, a paired.json record and the same device as a JObject (a device.pair.list entry) are built by the
/// same PairedDeviceFields, the row's JSON columns and the file read by the same StateJson: the devices must be
/// identical, and a column the builder cannot use must still be a StateFileInvalid naming the column, the device and
/// the problem.
/// </summary>
public sealed class DeviceSourcesAgreeTests : IDisposable
{
    private const string Id = "c4eefde6283686f4f9580c42a19886fc857a2f27177a52939c4feabf80d37e41";
    private readonly SqliteTestStore _db = new SqliteTestStore();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_row_gives_the_device_its_json_record_gives()
    {
        // Two tokens (one revoked, one used), a label, approved scopes and a field of a later release in a token:
        // every rule of the record reading is exercised by both sources.
        const string tokens = "{\"operator\":{\"token\":\"t1\",\"role\":\"operator\",\"scopes\":[\"operator.read\",\"operator.write\"],\"createdAtMs\":1795560641626,\"lastUsedAtMs\":1795560649999,\"futureField\":{\"a\":[1,2]}},"
                              + "\"node\":{\"token\":\"t2\",\"scopes\":[],\"createdAtMs\":1795560641000,\"revokedAtMs\":1795560642000}}";
        var row = SqliteTestStore.PairedRow(Id, "[\"operator.read\",\"operator.write\"]", "[\"operator.read\"]", tokens);
        row["operator_label"] = "build box";
        row["display_name"] = "laptop";
        row["remote_ip"] = "203.0.113.7";
        row["roles_json"] = "[\"operator\",\"node\"]";
        _db.Insert("device_pairing_paired", row);
        var record = new JObject
        {
            ["deviceId"] = Id, ["publicKey"] = row["public_key"], ["displayName"] = "laptop", ["operatorLabel"] = "build box",
            ["platform"] = "linux", ["clientId"] = "cli", ["clientMode"] = "cli", ["role"] = "operator",
            ["roles"] = JArray.Parse("[\"operator\",\"node\"]"), ["scopes"] = JArray.Parse("[\"operator.read\",\"operator.write\"]"),
            ["approvedScopes"] = JArray.Parse("[\"operator.read\"]"), ["tokens"] = JObject.Parse(tokens), ["remoteIp"] = "203.0.113.7",
            ["createdAtMs"] = row["created_at_ms"], ["approvedAtMs"] = row["approved_at_ms"], ["lastSeenAtMs"] = row["last_seen_at_ms"],
        };

        var fromRow = Assert.Single(SqlitePairingStore.Open(_db.StateDirectory).Read().Paired);
        var fromRecord = PairedDevice.FromJson(record);

        Assert.Equal(JsonConvert.SerializeObject(fromRecord), JsonConvert.SerializeObject(fromRow));
        Assert.Equal(new[] { "operator", "node" }, fromRow.Roles);
        Assert.Equal(new[] { "operator", "node" }, fromRow.Tokens.Select(t => t.Role));
        Assert.True(fromRow.TokenFor("node")!.IsRevoked);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795560649999), fromRow.LastUsedAt);
        Assert.DoesNotContain("\"t1\"", JsonConvert.SerializeObject(fromRow));
    }

    [Fact]
    public void A_paired_json_record_read_from_the_file_gives_the_device_its_JObject_gives()
    {
        // Numbers as written (a whole double, a fraction), a member of a later release, a null list, an empty token.
        var record = "{\"deviceId\":\"" + Id + "\",\"publicKey\":\"pk\",\"displayName\":\"laptop\",\"platform\":\"linux\",\"clientId\":\"cli\","
                     + "\"clientMode\":\"cli\",\"role\":\"operator\",\"roles\":[\"operator\"],\"scopes\":[\"operator.read\",\"operator.write\"],\"approvedScopes\":null,"
                     + "\"tokens\":{\"operator\":{\"token\":\"t1\",\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"createdAtMs\":1795560641626.0,\"lastUsedAtMs\":1795560649999.6},\"node\":{}},"
                     + "\"createdAtMs\":1795560641626,\"approvedAtMs\":1.795560641626e12,\"laterField\":{\"x\":[true,false,null]},\"lastSeenAtMs\":null}";
        using var folder = new TestSupport.TempDirectory();
        folder.WriteFile(Path.Combine("devices", "paired.json"), "{\"" + Id + "\":" + record + "}");

        var fromFile = Assert.Single(PairingStoreLocator.Open(folder.Path).Read().Paired);
        var fromJObject = PairedDevice.FromJson(JObject.Parse(record, new JsonLoadSettings()));

        Assert.Equal(JsonConvert.SerializeObject(fromJObject), JsonConvert.SerializeObject(fromFile));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795560641626), fromFile.ApprovedAt);
        // A fraction of a millisecond is cut off, as Date does (new Date(1795560649999.6).getTime() is ...999).
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795560649999), fromFile.LastUsedAt);
        Assert.Equal(new[] { "operator", "node" }, fromFile.Tokens.Select(t => t.Role));
    }

    [Fact]
    public void The_online_list_shape_with_token_summaries_in_an_array_reads_as_before()
    {
        var entry = JObject.Parse("{\"deviceId\":\"d\",\"displayName\":\"kiosk\",\"roles\":null,\"scopes\":\"operator.read\",\"approvedScopes\":{},"
                                  + "\"tokens\":[{\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"lastUsedAtMs\":5},7,{\"scopes\":[]}],\"createdAtMs\":\"soon\"}");

        var device = PairedDevice.FromJson(entry);

        Assert.Equal("kiosk", device.DisplayName);
        Assert.Empty(device.Roles);
        Assert.Empty(device.Scopes);
        Assert.Null(device.ApprovedScopes);
        Assert.Equal(new[] { "operator", "" }, device.Tokens.Select(t => t.Role));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(5), device.LastUsedAt);
        Assert.Null(device.CreatedAt);
        Assert.Equal(new[] { "operator" }, device.AllRoles);
    }

    /// <summary>The columns follow paired.json's rules (JsonRecords), with the same messages.</summary>
    [Theory]
    [InlineData("roles_json", "5", "it is a number, expected an array of strings")]
    [InlineData("roles_json", "[\"operator\",7]", "it is an array that holds a number, expected an array of strings")]
    [InlineData("scopes_json", "[\"operator.admin\"]]", "not valid JSON")]
    [InlineData("scopes_json", "[\"operator.admin\",]", "not valid JSON")]
    [InlineData("tokens_json", "{\"operator\":{\"token\":\"t\",\"scopes\":[\"operator.read\"", "not valid JSON")]
    [InlineData("tokens_json", "{\"operator\":7}", "token 'operator' is a number, expected an object")]
    [InlineData("tokens_json", "{\"operator\":{\"role\":[\"operator\"]}}", "token 'operator': 'role' is an array, expected a string")]
    [InlineData("tokens_json", "{\"operator\":{\"scopes\":[\"operator.read\",1]}}", "token 'operator': 'scopes' is an array that holds a number, expected an array of strings")]
    [InlineData("tokens_json", "{\"operator\":{\"revokedAtMs\":\"yes\"}}", "token 'operator': 'revokedAtMs' is a string, expected a number")]
    public void A_column_the_builder_cannot_use_is_StateFileInvalid_saying_why(string column, string text, string problem)
    {
        _db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(Id, "[\"operator.read\"]", null, "{}"));
        _db.Execute($"UPDATE device_pairing_paired SET {column} = $t", ("$t", text));

        var e = Assert.Throws<OpenClawException>(() => SqlitePairingStore.Open(_db.StateDirectory).Read());

        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains($"the {column} of '{Id}' cannot be used", e.Message);
        Assert.Contains(problem, e.Message);
    }

    /// <summary>2026.9.6's fromJsonColumn gives JSON.parse("null"), and a null field is left out of the record.</summary>
    [Fact]
    public void A_column_holding_null_is_no_value()
    {
        _db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(Id, "[\"operator.read\"]", "null", "null"));

        var device = Assert.Single(SqlitePairingStore.Open(_db.StateDirectory).Read().Paired);

        Assert.Null(device.ApprovedScopes);
        Assert.Empty(device.Tokens);
    }

    [Fact]
    public void Every_enumeration_of_a_stream_builds_the_same_devices()
    {
        for (var i = 0; i < 3; i++)
        {
            _db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(i.ToString("x64"), "[\"operator.read\"]", null,
                "{\"operator\":{\"token\":\"t\",\"role\":\"operator\",\"scopes\":[\"operator.read\"]}}", 1795560641626 + i));
        }
        var stream = SqlitePairingStore.Open(_db.StateDirectory).Stream();

        var first = stream.Paired.Select(JsonConvert.SerializeObject).ToList();
        var second = stream.Paired.Select(JsonConvert.SerializeObject).ToList();

        Assert.Equal(3, first.Count);
        Assert.Equal(first, second);

        // Disposed, the stream has given its fetched rows back; building from them again is an error, not an empty list.
        stream.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.Paired.ToList());
    }
}
