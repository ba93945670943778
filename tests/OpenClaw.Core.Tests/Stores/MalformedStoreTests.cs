using System.Text;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// A store the module does not understand is refused with OpenClaw.StateFileInvalid, naming the file and the
/// problem, for reading and for writing alike, and nothing is written: no backup, no temp file, no change.
/// </summary>
public sealed class MalformedStoreTests
{
    private static readonly OfflineScopeGrant Read = new(StoreState.CliDevice, "operator", new[] { "operator.read" });

    public static TheoryData<string, string, string> Cases()
    {
        var legacy = StoreState.GatewayText(TestSupport.Fixtures.Text(StoreState.Legacy));
        return new TheoryData<string, string, string>
        {
            { "truncated", legacy.Substring(0, legacy.Length / 2), "truncated" },
            { "truncated-after-value", legacy.Substring(0, legacy.LastIndexOf('}')), "truncated" },
            { "empty", "", "empty" },
            { "array (upstream #23498)", "[" + legacy.Substring(legacy.IndexOf('{', 1)).TrimEnd().TrimEnd('}') + "]", "holds an array, but OpenClaw keeps an object keyed by device id" },
            { "scopes as a string", legacy.Replace("\"scopes\": [\n      \"operator.admin\",\n      \"operator.approvals\",\n      \"operator.pairing\"\n    ]", "\"scopes\": \"operator.admin\""), "'scopes' is a string, expected an array of strings" },
            { "token scopes with a number", legacy.Replace("\"scopes\": [\n          \"operator.admin\",", "\"scopes\": [\n          7,"), "token 'operator': 'scopes' is an array that holds a number" },
            { "tokens as an array", legacy.Replace("\"tokens\": {", "\"tokensX\": {").Replace("\"createdAtMs\": 1795555186756", "\"tokens\": [], \"createdAtMs\": 1795555186756"), "'tokens' is an array, expected an object keyed by role" },
            { "record as a string", "{\"" + StoreState.CliDevice + "\": \"cli\"}", "is a string, expected an object" },
            { "deviceId mismatch", legacy.Replace("\"deviceId\": \"5a45", "\"deviceId\": \"ffff"), "the key and the id must match" },
            { "createdAtMs as text", legacy.Replace("\"createdAtMs\": 1795555186756", "\"createdAtMs\": \"yesterday\""), "'createdAtMs' is a string, expected a number" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheStoreIsRefusedWithTheFileAndTheProblemAndNothingIsWritten(string name, string text, string problem)
    {
        using var state = new StoreState(null);
        state.WritePaired(text);
        var before = state.Files();
        var store = new JsonPairingStore(state.StateDirectory);

        var read = Assert.Throws<OpenClawException>(() => store.Read());
        var write = Assert.Throws<OpenClawException>(() => store.AddScopes(new[] { Read }, new StoreWriteOptions()));

        foreach (var e in new[] { read, write })
        {
            Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
            Assert.Equal(OpenClawErrorKind.InvalidData, e.Kind);
            Assert.Equal(state.PairedPath, e.Target);
            Assert.Contains(state.PairedPath, e.Message);
            Assert.Contains(problem, e.Message);
            Assert.Contains("Nothing was written", e.Message);
        }
        var after = state.Files();
        Assert.All(before, f => Assert.Equal(f.Value, after[f.Key]));
        Assert.Empty(state.Backups());
        Assert.Empty(Directory.GetFiles(state.Devices, "*.tmp"));
        Assert.True(name.Length > 0);
    }

    [Fact]
    public void AMalformedPendingFileIsReportedAsSuch()
    {
        using var state = new StoreState(StoreState.Legacy, StoreState.Pending);
        state.WriteStoreFile(state.PendingPath, "{\"r1\": {\"requestId\": \"r1\", \"scopes\": \"operator.read\"}}");
        var e = Assert.Throws<OpenClawException>(() => new JsonPairingStore(state.StateDirectory).Read());
        Assert.Equal(state.PendingPath, e.Target);
        Assert.Contains("request 'r1': 'scopes' is a string", e.Message);
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        using var state = new StoreState(null);
        File.WriteAllBytes(state.PairedPath, new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}' });
        Assert.Contains("not UTF-8", Assert.Throws<OpenClawException>(() => new JsonPairingStore(state.StateDirectory).Read()).Message);
    }

    /// <summary>
    /// Node's readFile keeps a BOM and JSON.parse refuses it: 2026.2.x then reads the store as empty (and writes that
    /// back), 2026.5.12 and later fail. The module refuses the file, for reading and writing alike, and says why.
    /// </summary>
    [Fact]
    public void AByteOrderMarkIsRefusedAsTheGatewaysJsonParseRefusesIt()
    {
        using var state = new StoreState();
        File.WriteAllBytes(state.PairedPath, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(state.PairedText)).ToArray());
        var before = state.Files();
        var store = new JsonPairingStore(state.StateDirectory);

        foreach (var e in new[] { Assert.Throws<OpenClawException>(() => store.Read()), Assert.Throws<OpenClawException>(() => store.AddScopes(new[] { Read }, new StoreWriteOptions())) })
        {
            Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
            Assert.Contains("byte order mark", e.Message);
        }
        Assert.Equal(before.Keys, state.Files().Keys.Where(k => !k.EndsWith(".lock", StringComparison.Ordinal)));
        Assert.Equal(before[Path.Combine("devices", "paired.json")], state.PairedBytes);
    }

    /// <summary>What Newtonsoft alone would accept but JSON.parse refuses; StateJsonTests has the full list.</summary>
    [Theory]
    [InlineData("{\"a\": [1, 2,]}", "where a value should start")]
    [InlineData("{'a': 1}", "quoted property name")]
    [InlineData("{\"a\": \"\\u41\u0000\u0000\"}", "four hex digits")]
    [InlineData("{} {}", "after the end")]
    public void WhatJsonParseRefusesIsRefused(string text, string problem)
    {
        using var state = new StoreState(null);
        state.WritePaired(text);
        var e = Assert.Throws<OpenClawException>(() => new JsonPairingStore(state.StateDirectory).Read());
        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains("it is not valid JSON", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
