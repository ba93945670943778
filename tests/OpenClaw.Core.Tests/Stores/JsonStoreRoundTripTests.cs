using Newtonsoft.Json.Linq;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// Byte preservation: a store read and written with nothing to add is left byte for byte (not even rewritten);
/// with scopes to add, only the scope arrays differ, every token value and every other field stays, the field
/// order stays, and the result is still exactly what JSON.stringify(x, null, 2) writes, without a trailing newline.
/// </summary>
public sealed class JsonStoreRoundTripTests
{
    private static readonly string[] Five = { "operator.admin", "operator.approvals", "operator.pairing", "operator.read", "operator.write" };

    [Theory]
    [InlineData(StoreState.Legacy)]
    [InlineData(StoreState.AfterRotate)]
    [InlineData(StoreState.AfterApprove2221)]
    public void AStoreWithNothingToAddIsNotTouched(string fixture)
    {
        using var state = new StoreState(fixture);
        var store = new JsonPairingStore(state.StateDirectory);
        var grants = store.Read().Paired.Select(d => new OfflineScopeGrant(d.DeviceId, "operator", d.Scopes.Intersect(d.TokenFor("operator")!.Scopes).ToList())).ToList();
        var before = state.Files();
        var written = File.GetLastWriteTimeUtc(state.PairedPath);

        var result = store.AddScopes(grants, new StoreWriteOptions());

        Assert.Empty(result.ChangedFiles);
        Assert.Empty(result.Backups);
        Assert.Equal(written, File.GetLastWriteTimeUtc(state.PairedPath));
        var after = state.Files();
        // The lock file is the only new file: a run that had nothing to write still took the lock.
        Assert.Equal(before.Keys.Append(Path.Combine("devices", ".openclaw-powershell.lock")).OrderBy(k => k), after.Keys.OrderBy(k => k));
        Assert.All(before, f => Assert.Equal(f.Value, after[f.Key]));
    }

    [Fact]
    public void AddingScopesChangesOnlyTheScopeArraysAndKeepsTheGatewaysFormat()
    {
        using var state = new StoreState(StoreState.Legacy);
        var original = state.PairedText;
        Assert.Equal(original, StoreState.Stringify(StoreState.Parse(original))); // the input is gateway-formatted
        var store = new JsonPairingStore(state.StateDirectory);

        store.AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", Five) }, new StoreWriteOptions { NoBackup = true });

        var text = state.PairedText;
        Assert.False(text.EndsWith("\n", StringComparison.Ordinal));
        Assert.Equal(text, StoreState.Stringify(StoreState.Parse(text)));
        var before = StoreState.Parse(original);
        var after = StoreState.Parse(text);
        Assert.Equal(StoreState.TokenValues(before), StoreState.TokenValues(after));
        var device = (JObject)after[StoreState.CliDevice]!;
        Assert.Equal(Five, device["scopes"]!.ToObject<string[]>());
        Assert.Equal(Five, device["tokens"]!["operator"]!["scopes"]!.ToObject<string[]>());
        Assert.Null(device["approvedScopes"]); // the record has no approvedScopes and the release is not known to be 2.21+

        // Put the old arrays back: the documents are then identical, field order included.
        device["scopes"] = before[StoreState.CliDevice]!["scopes"]!.DeepClone();
        device["tokens"]!["operator"]!["scopes"] = before[StoreState.CliDevice]!["tokens"]!["operator"]!["scopes"]!.DeepClone();
        Assert.Equal(original, StoreState.Stringify(after));
    }

    [Fact]
    public void AppendedScopesKeepTheExistingOrderAndUnknownFields()
    {
        using var state = new StoreState(StoreState.Legacy);
        var doc = state.Paired;
        var device = (JObject)doc[StoreState.CliDevice]!;
        device["approvedVia"] = "owner";                      // a field of later releases the module does not know
        // Non-ASCII as JSON.stringify writes it (verbatim). Not U+2028: Newtonsoft, this test's reference, escapes it
        // where Node does not (NodeJsonTests and the differential fuzz test hold the module to Node there).
        device["lastSeenReason"] = "connect \u00e9";
        device["tokens"]!["operator"]!["issuer"] = new JObject { ["kind"] = "gateway", ["n"] = 1.5 };
        state.WritePaired(StoreState.Stringify(doc));
        var original = state.PairedText;

        new JsonPairingStore(state.StateDirectory).AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.write", "operator.read" }) }, new StoreWriteOptions { NoBackup = true });

        var after = state.Paired;
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing", "operator.write", "operator.read" }, after[StoreState.CliDevice]!["scopes"]!.ToObject<string[]>());
        Assert.Equal("connect \u00e9", (string?)after[StoreState.CliDevice]!["lastSeenReason"]);
        Assert.Equal(original.Length + 2 * ",\n      \"operator.write\",\n      \"operator.read\"".Length + 2 * 4, state.PairedText.Length);
        Assert.Equal(state.PairedText, StoreState.Stringify(after));
    }

    [Fact]
    public void OnA2221StoreApprovedScopesGrowAlongsideScopes()
    {
        using var state = new StoreState(StoreState.AfterApprove2221);
        var store = new JsonPairingStore(state.StateDirectory);

        store.AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.talk.secrets" }) }, new StoreWriteOptions { NoBackup = true });

        var device = state.Paired[StoreState.CliDevice]!;
        Assert.Equal("operator.talk.secrets", device["scopes"]!.Last!.ToString());
        Assert.Equal("operator.talk.secrets", device["approvedScopes"]!.Last!.ToString());
        Assert.Equal("operator.talk.secrets", device["tokens"]!["operator"]!["scopes"]!.Last!.ToString());
        Assert.Equal(state.PairedText, StoreState.Stringify(state.Paired));
    }

    [Fact]
    public void ApprovedScopesAreCreatedForRecordsWithoutThemWhenTheReleaseIs2221OrLater()
    {
        using var state = new StoreState(StoreState.Legacy);
        var store = new JsonPairingStore(state.StateDirectory);

        store.AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", Five) },
            new StoreWriteOptions { NoBackup = true, Release = GatewayRelease.FromUser("2026.2.21") });

        var device = (JObject)state.Paired[StoreState.CliDevice]!;
        Assert.Equal(Five, device["approvedScopes"]!.ToObject<string[]>());
        var names = device.Properties().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("scopes") + 1, names.IndexOf("approvedScopes")); // where 2.21 writes it
        Assert.Equal(state.PairedText, StoreState.Stringify(state.Paired));
    }

    /// <summary>
    /// A file edited by hand keeps every value, but an edit writes it back as the gateway would write it:
    /// JSON.stringify(JSON.parse(file), null, 2), so a compact or CRLF file gets the gateway's layout. With nothing
    /// to add, it is not touched at all.
    /// </summary>
    [Fact]
    public void ACompactOrWindowsFormattedFileIsWrittenBackInTheGatewaysLayout()
    {
        using var state = new StoreState(StoreState.Legacy);
        var compact = state.Paired.ToString(Newtonsoft.Json.Formatting.None);
        state.WritePaired(compact);
        var store = new JsonPairingStore(state.StateDirectory);
        store.AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.pairing" }) }, new StoreWriteOptions { NoBackup = true });
        Assert.Equal(compact, state.PairedText);

        store.AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.read" }) }, new StoreWriteOptions { NoBackup = true });
        var expected = StoreState.Parse(compact);
        ((JArray)expected[StoreState.CliDevice]!["scopes"]!).Add("operator.read");
        ((JArray)expected[StoreState.CliDevice]!["tokens"]!["operator"]!["scopes"]!).Add("operator.read");
        Assert.Equal(StoreState.Stringify(expected), state.PairedText);

        state.WritePaired(StoreState.Stringify(StoreState.Parse(compact)).Replace("\n", "\r\n") + "\r\n");
        store.AddScopes(new[] { new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.read" }) }, new StoreWriteOptions { NoBackup = true });
        Assert.Equal(StoreState.Stringify(expected) + "\n", state.PairedText);
    }

    [Fact]
    public void ARevokedTokenIsNotWidenedAndAMissingDeviceIsSkipped()
    {
        using var state = new StoreState(StoreState.Legacy);
        var doc = state.Paired;
        doc[StoreState.CliDevice]!["tokens"]!["operator"]!["revokedAtMs"] = 1795555999999;
        state.WritePaired(StoreState.Stringify(doc));

        new JsonPairingStore(state.StateDirectory).AddScopes(new[]
        {
            new OfflineScopeGrant(StoreState.CliDevice, "operator", new[] { "operator.read" }),
            new OfflineScopeGrant(new string('f', 64), "operator", new[] { "operator.read" }),
        }, new StoreWriteOptions { NoBackup = true });

        var device = state.Paired[StoreState.CliDevice]!;
        Assert.Contains("operator.read", device["scopes"]!.ToObject<string[]>()!);
        Assert.DoesNotContain("operator.read", device["tokens"]!["operator"]!["scopes"]!.ToObject<string[]>()!);
        Assert.Single(state.Paired.Properties());
    }
}
