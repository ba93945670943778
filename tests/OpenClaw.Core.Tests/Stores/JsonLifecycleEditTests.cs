using System.Text.RegularExpressions;
using OpenClaw.Core.Stores;
using static OpenClaw.Core.Tests.Stores.LifecycleStore;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// Each offline lifecycle edit on the JSON store, byte for byte: the expected files are what the gateway's own
/// JSON.stringify(x, null, 2) would write for the edited store, and every byte the edit does not mean to change
/// (unknown fields, number spellings, the trailing newline or its absence) stays as it was.
/// </summary>
public sealed class JsonLifecycleEditTests
{
    private const string ReadWrite = "\"operator.read\",\n      \"operator.write";

    [Fact]
    public void RejectDeletesTheMiddleRequestAndLeavesPairedJsonAlone()
    {
        using var state = Create();
        var paired = state.PairedBytes;

        var outcome = Assert.Single(Apply(state, PairingStoreEdit.Reject("r-b")).Outcomes);

        Assert.True(outcome.Applied);
        Assert.Equal("dev-b", outcome.DeviceId);
        Assert.Equal(new[] { "r-b" }, outcome.RemovedRequestIds);
        Assert.Equal(Pending(RequestNew, RequestOld), PendingText(state));
        Assert.Equal(paired, state.PairedBytes);
    }

    [Theory]
    [InlineData("r-new")]
    [InlineData("R-NEW")]
    public void RejectOfTheFirstRequestTakesTheSeparatorAfterIt(string id)
    {
        using var state = Create();
        Apply(state, PairingStoreEdit.Reject(id));
        Assert.Equal(Pending(RequestB, RequestOld), PendingText(state));
    }

    [Fact]
    public void RejectOfTheOnlyRequestLeavesAnEmptyObject()
    {
        using var state = Create(Paired(DevA), Pending(RequestNew));
        Apply(state, PairingStoreEdit.Reject("r-new"));
        Assert.Equal("{}\n", PendingText(state));
    }

    [Fact]
    public void RemoveDeletesTheLastDeviceAndEveryRequestOfIt()
    {
        using var state = Create(Paired(DevA, DevB, DevC), Pending(RequestNew, RequestB, RequestOld.Change("\"deviceId\": \"dev-a\"", "\"deviceId\": \"dev-c\"")));

        var outcome = Assert.Single(Apply(state, PairingStoreEdit.Remove("dev-c")).Outcomes);

        Assert.True(outcome.Applied);
        Assert.Equal(new[] { "r-old" }, outcome.RemovedRequestIds);
        Assert.Equal(Paired(DevA, DevB), state.PairedText);
        Assert.Equal(Pending(RequestNew, RequestB), PendingText(state));
    }

    [Fact]
    public void RemoveOfTheFirstAndOfTheMiddleDeviceInOneBatch()
    {
        using var state = Create();
        var result = Apply(state, PairingStoreEdit.Remove("dev-a"), PairingStoreEdit.Remove("dev-b"));

        Assert.All(result.Outcomes, o => Assert.True(o.Applied));
        Assert.Equal(Paired(DevC), state.PairedText);
        // dev-a's request had expired, dev-b's had not; both are deleted with their device.
        Assert.Equal(Pending(RequestNew), PendingText(state));
        Assert.Equal(new[] { "r-old" }, result.Outcomes[0].RemovedRequestIds);
        Assert.Equal(new[] { "r-b" }, result.Outcomes[1].RemovedRequestIds);
    }

    [Fact]
    public void RemovingEveryDeviceLeavesAnEmptyObject()
    {
        using var state = Create();
        Apply(state, PairingStoreEdit.Remove("dev-c"), PairingStoreEdit.Remove("dev-a"), PairingStoreEdit.Remove("dev-b"));
        Assert.Equal("{}", state.PairedText);
    }

    [Fact]
    public void RevokeAddsRevokedAtMsAfterTheTokensLastField()
    {
        using var state = Create();
        var pending = File.ReadAllBytes(state.PendingPath);

        var outcome = Assert.Single(Apply(state, PairingStoreEdit.Revoke("dev-a", "operator")).Outcomes);

        Assert.True(outcome.Applied);
        Assert.Equal(Now, outcome.At);
        var revoked = DevA.Change("        \"createdAtMs\": 1700000000000\n", "        \"createdAtMs\": 1700000000000,\n        \"revokedAtMs\": 1800000000000\n");
        Assert.Equal(Paired(revoked, DevB, DevC), state.PairedText);
        Assert.Equal(pending, File.ReadAllBytes(state.PendingPath));
    }

    [Fact]
    public void RevokeReplacesANullRevokedAtMs()
    {
        var withNull = DevA.Change("\"createdAtMs\": 1700000000000\n", "\"createdAtMs\": 1700000000000,\n        \"revokedAtMs\": null\n");
        using var state = Create(Paired(withNull), null);
        Apply(state, PairingStoreEdit.Revoke("dev-a", "operator"));
        Assert.Equal(Paired(withNull.Change("\"revokedAtMs\": null", "\"revokedAtMs\": 1800000000000")), state.PairedText);
    }

    /// <summary>2026.2.21 keeps approvedScopes; a record without one gets it, from the whole new set (absent meant "= scopes").</summary>
    [Theory]
    [InlineData("2026.2.19", "")]
    [InlineData("2026.2.21", "    \"approvedScopes\": [\n      \"operator.read\",\n      \"operator.write\"\n    ],\n")]
    public void ApprovingARepairWidensScopesAndTheTokenInPlace(string release, string approvedScopes)
    {
        using var state = Create();

        var outcome = Assert.Single(Apply(state, release, PairingStoreEdit.Approve("r-b", new[] { "operator.read", "operator.write" })).Outcomes);

        Assert.True(outcome.Applied);
        Assert.False(outcome.DeviceCreated);
        Assert.False(outcome.TokenMinted);
        Assert.Equal(new[] { "r-b" }, outcome.RemovedRequestIds);
        var approved = DevB
            .Change("    \"scopes\": [\n      \"operator.read\"\n    ],\n", "    \"scopes\": [\n      " + ReadWrite + "\"\n    ],\n" + approvedScopes)
            .Change("        \"scopes\": [\n          \"operator.read\"\n", "        \"scopes\": [\n          \"operator.read\",\n          \"operator.write\"\n")
            .Change("\"approvedAtMs\": 1700000000001", "\"approvedAtMs\": 1800000000000");
        Assert.Equal(Paired(DevA, approved, DevC), state.PairedText);
        Assert.Contains("\"token\": \"TOKEN-B\"", state.PairedText);
        Assert.Equal(Pending(RequestNew, RequestOld), PendingText(state));
    }

    [Fact]
    public void ApprovingAFirstPairingAppendsARecordLaidOutAsTheGatewayWritesIt()
    {
        using var state = Create();

        var outcome = Assert.Single(Apply(state, "2026.2.19", PairingStoreEdit.Approve("r-new", new[] { "operator.write", "operator.read" })).Outcomes);

        Assert.True(outcome.DeviceCreated);
        Assert.True(outcome.TokenMinted);
        Assert.Equal("dev-n", outcome.DeviceId);
        var text = state.PairedText;
        var token = MintedToken(text, "dev-n");
        Assert.Equal(Paired(DevA, DevB, DevC, DevNApproved2219), text.Replace(token, "<TOKEN>"));
        Assert.Equal(Pending(RequestB, RequestOld), PendingText(state));
    }

    [Fact]
    public void ApprovingAFirstPairingOn2221AddsApprovedScopesAfterScopes()
    {
        using var state = Create(Paired(), Pending(RequestNew));

        Apply(state, "2026.2.21", PairingStoreEdit.Approve("r-new", new[] { "operator.read", "operator.write" }));

        var text = state.PairedText;
        var expected = DevNApproved2219.Change("    ],\n    \"tokens\"", "    ],\n    \"approvedScopes\": [\n      " + ReadWrite + "\"\n    ],\n    \"tokens\"");
        Assert.Equal(Paired(expected), text.Replace(MintedToken(text, "dev-n"), "<TOKEN>"));
        Assert.Equal("{}\n", PendingText(state));
    }

    [Fact]
    public void ApprovingARepairOfARevokedTokenMintsANewOneKeepingItsHistory()
    {
        var repairC = RequestB.Replace("r-b", "r-c").Replace("dev-b", "dev-c").Replace("pk-b", "pk-c");
        using var state = Create(Paired(DevA, DevC), Pending(repairC));

        var outcome = Assert.Single(Apply(state, "2026.2.19", PairingStoreEdit.Approve("r-c", new[] { "operator.write", "operator.read" })).Outcomes);

        Assert.True(outcome.TokenMinted);
        var text = state.PairedText;
        var token = MintedToken(text, "dev-c");
        Assert.NotEqual("TOKEN-C", token);
        var expected = DevC
            .Change("    \"scopes\": [\n      \"operator.read\"\n", "    \"scopes\": [\n      " + ReadWrite + "\"\n")
            .Change("""
                      "operator": {
                        "token": "TOKEN-C",
                        "role": "operator",
                        "scopes": [
                          "operator.read"
                        ],
                        "createdAtMs": 1700000000000,
                        "revokedAtMs": 1760000000000
                      }
                """, """
                      "operator": {
                        "token": "<TOKEN>",
                        "role": "operator",
                        "scopes": [
                          "operator.read",
                          "operator.write"
                        ],
                        "createdAtMs": 1700000000000,
                        "rotatedAtMs": 1800000000000
                      }
                """)
            .Change("\"approvedAtMs\": 1700000000002", "\"approvedAtMs\": 1800000000000");
        Assert.Equal(Paired(DevA, expected), text.Replace(token, "<TOKEN>"));
    }

    /// <summary>The device's token value as stored; checked to be what the gateway mints (43 base64url characters). Never printed.</summary>
    internal static string MintedToken(string paired, string deviceId)
    {
        var record = StoreState.Parse(paired)[deviceId]!;
        var token = (string)record["tokens"]!["operator"]!["token"]!;
        Assert.True(Regex.IsMatch(token, "^[A-Za-z0-9_-]{43}$"), "the minted token is not 43 base64url characters");
        return token;
    }
}
