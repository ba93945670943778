using System.Text;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Stores.Files;
using OpenClaw.Core.Tests.TestSupport;
using static OpenClaw.Core.Tests.Stores.LifecycleStore;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// The rules around the offline lifecycle edits of the JSON store: what is refused before anything is written,
/// the per-edit errors that let the rest of a batch go on, one evolving view per batch, and the file handling
/// shared with AddScopes (lock, backups, modes, the gateway's layout written, a BOM refused, files with nothing to change left alone).
/// </summary>
public sealed class JsonLifecycleRulesTests
{
    private static readonly string[] ReadWrite = { "operator.read", "operator.write" };

    /// <summary>The store's files with their bytes; the lock file a run leaves on Unix (StoreLock) is not part of the store.</summary>
    private static IReadOnlyDictionary<string, byte[]> Stored(StoreState state) =>
        state.Files().Where(f => !f.Key.EndsWith(".openclaw-powershell.lock", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public void ARunningGatewayRefusesEvenWithForceAndNothingIsWritten()
    {
        using var state = Create();
        var before = Stored(state);
        var e = Assert.Throws<OpenClawException>(() => new JsonPairingStore(state.StateDirectory).Apply(
            new[] { PairingStoreEdit.Reject("r-b") }, new StoreWriteOptions { RunningGateway = "port 18789 is listening", Force = true, Now = Now }));
        Assert.Equal(ErrorIds.GatewayRunning, e.ErrorId);
        Assert.Contains("port 18789 is listening", e.Message);
        Assert.Equal(RemedyKind.ChangeOnline, e.Remedy?.Kind);
        Assert.Equal(before, Stored(state));
    }

    [Fact]
    public void RenameIsRefusedOnAJsonStoreBeforeAnythingIsWritten()
    {
        // Labels arrived in 2026.8.1 with the SQLite store: no release that reads a JSON store has them.
        using var state = Create();
        var before = Stored(state);
        var edits = new[] { PairingStoreEdit.Reject("r-b"), PairingStoreEdit.Rename("dev-a", "Desk") };

        foreach (var release in new[] { "2026.2.21", "2026.7.35" })
        {
            var refused = Assert.Throws<OpenClawException>(() => Apply(state, release, edits));
            Assert.Equal(LifecycleErrors.NotSupportedByRelease, refused.ErrorId);
            Assert.Contains(release, refused.Message);
            Assert.Contains("2026.8.1", refused.Message);
        }
        var unknown = Assert.Throws<OpenClawException>(() => Apply(state, edits));
        Assert.Equal(LifecycleErrors.NotSupportedByRelease, unknown.ErrorId);
        Assert.Contains("not recorded", unknown.Message);
        Assert.Equal(before, Stored(state));
    }

    [Fact]
    public void EachEditThatFindsNothingGetsItsOwnErrorAndTheRestGoOn()
    {
        using var state = Create();
        var result = Apply(state,
            PairingStoreEdit.Approve("r-gone", ReadWrite),
            PairingStoreEdit.Reject("r-old"),
            PairingStoreEdit.Revoke("dev-x", "operator"),
            PairingStoreEdit.Revoke("dev-a", "node"),
            PairingStoreEdit.Remove("dev-x"),
            PairingStoreEdit.Reject("r-b"));

        var ids = result.Outcomes.Select(o => o.Error?.ErrorId).ToArray();
        Assert.Equal(new[] { RequestErrorIds.RequestNotFound, RequestErrorIds.RequestNotFound, ErrorIds.DeviceNotFound, ErrorIds.RoleNotFound, ErrorIds.DeviceNotFound, null }, ids);
        Assert.Contains("expired", result.Outcomes[1].Error!.Message);
        Assert.Contains("r-gone", result.Outcomes[0].Error!.Message);
        Assert.All(result.Outcomes.Take(5), o => Assert.False(o.Applied));
        Assert.True(result.Outcomes[5].Applied);
        // The expired request stays: the gateway prunes it itself when it next loads the file.
        Assert.Equal(Pending(RequestNew, RequestOld), PendingText(state));
        Assert.Equal(new[] { state.PendingPath }, result.ChangedFiles);
    }

    [Fact]
    public void RevokingARevokedTokenChangesNothingAndIsNoError()
    {
        using var state = Create();
        var before = Stored(state);
        var outcome = Assert.Single(Apply(state, PairingStoreEdit.Revoke("dev-c", "operator")).Outcomes);
        Assert.True(outcome.AlreadyRevoked);
        Assert.False(outcome.Applied);
        Assert.Null(outcome.Error);
        Assert.Equal(before, Stored(state));
    }

    [Fact]
    public void WithoutPendingJsonRequestsAreNotFoundAndRemoveStillWorks()
    {
        using var state = Create(Paired(DevA, DevB), null);
        var result = Apply(state, PairingStoreEdit.Approve("r-b", ReadWrite), PairingStoreEdit.Remove("dev-b"));
        Assert.Equal(RequestErrorIds.RequestNotFound, result.Outcomes[0].Error!.ErrorId);
        Assert.True(result.Outcomes[1].Applied);
        Assert.Equal(Paired(DevA), state.PairedText);
        Assert.False(File.Exists(state.PendingPath));
    }

    [Fact]
    public void RemovingAnUnpairedDeviceLeavesItsRequestsAlone()
    {
        using var state = Create();
        var before = Stored(state);
        Assert.Equal(ErrorIds.DeviceNotFound, Assert.Single(Apply(state, PairingStoreEdit.Remove("dev-n")).Outcomes).Error!.ErrorId);
        Assert.Equal(before, Stored(state));
    }

    [Fact]
    public void ABatchSeesEachEditsResult()
    {
        using var state = Create();
        var result = Apply(state, "2026.2.19",
            PairingStoreEdit.Approve("r-new", ReadWrite),
            PairingStoreEdit.Revoke("dev-n", "operator"),
            PairingStoreEdit.Approve("r-b", ReadWrite),
            PairingStoreEdit.Remove("dev-b"),
            PairingStoreEdit.Remove("dev-a"),
            PairingStoreEdit.Approve("r-b", ReadWrite));

        Assert.All(result.Outcomes.Take(5), o => Assert.True(o.Applied, o.Edit.ToString()));
        // r-b was deleted by its approval, before dev-b was removed.
        Assert.Equal(RequestErrorIds.RequestNotFound, result.Outcomes[5].Error!.ErrorId);
        var paired = state.Paired;
        Assert.Equal(new[] { "dev-c", "dev-n" }, paired.Properties().Select(p => p.Name));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), (long)paired["dev-n"]!["tokens"]!["operator"]!["revokedAtMs"]!);
        Assert.Equal("{}\n", PendingText(state));
        Assert.Equal(new[] { state.PairedPath, state.PendingPath }, result.ChangedFiles);
    }

    [Fact]
    public void ApprovingANewRoleAddsItToRolesAndStoresATokenForIt()
    {
        var nodeRequest = RequestB.Replace("\"operator\"", "\"node\"").Replace("operator.write", "node.invoke");
        using var state = Create(Paired(DevB), Pending(nodeRequest));

        var outcome = Assert.Single(Apply(state, PairingStoreEdit.Approve("r-b", new[] { "node.invoke" })).Outcomes);

        Assert.True(outcome.TokenMinted);
        var device = state.Paired["dev-b"]!;
        Assert.Equal(new[] { "operator", "node" }, device["roles"]!.ToObject<string[]>());
        Assert.Equal("operator", (string?)device["role"]);
        Assert.Equal("TOKEN-B", (string?)device["tokens"]!["operator"]!["token"]);
        Assert.Equal(new[] { "node.invoke" }, device["tokens"]!["node"]!["scopes"]!.ToObject<string[]>());
        Assert.NotEqual("TOKEN-B", JsonLifecycleEditTests.MintedToken(state.PairedText.Replace("\"operator\": {", "\"unused\": {").Replace("\"node\": {", "\"operator\": {"), "dev-b"));
        Assert.Equal(new { x = 1 }.x, (int)device["futureField"]!["x"]!);
    }

    /// <summary>
    /// The gateway never writes CRLF; an edited file is written back as the gateway would write it, with "\n" (its
    /// trailing newline kept). A BOM is refused before anything is written: JSON.parse refuses it, so the gateway
    /// cannot read that file.
    /// </summary>
    [Fact]
    public void CrlfBecomesTheGatewaysLayoutAndABomIsRefused()
    {
        static string Crlf(string s) => s.Replace("\n", "\r\n");
        using var state = Create(null, null);
        state.WritePaired(Crlf(Paired(DevA, DevB)));
        state.WriteStoreFile(state.PendingPath, Crlf(Pending(RequestNew, RequestB)));

        Apply(state, PairingStoreEdit.Revoke("dev-a", "operator"), PairingStoreEdit.Reject("r-new"));

        var revoked = DevA.Change("\"createdAtMs\": 1700000000000\n      }", "\"createdAtMs\": 1700000000000,\n        \"revokedAtMs\": 1800000000000\n      }");
        Assert.Equal(Paired(revoked, DevB), state.PairedText);
        Assert.Equal(Pending(RequestB), PendingText(state));

        File.WriteAllBytes(state.PairedPath, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Paired(DevA, DevB))).ToArray());
        var before = Stored(state);
        var e = Assert.Throws<OpenClawException>(() => Apply(state, PairingStoreEdit.Revoke("dev-b", "operator")));
        Assert.Equal(ErrorIds.StateFileInvalid, e.ErrorId);
        Assert.Contains("byte order mark", e.Message);
        Assert.Equal(before, Stored(state));
    }

    [UnixFact]
    public void OneBackupPerChangedFileAndModesKept()
    {
        using var state = Create();
        UnixMode.Set(state.PendingPath, UnixMode.OwnerReadWrite | UnixFileMode.GroupRead);
        var paired = state.PairedBytes;
        var pending = File.ReadAllBytes(state.PendingPath);
        File.WriteAllText(state.PendingPath + ".openclaw-powershell-0123.tmp", "left by a killed run");

        var result = new JsonPairingStore(state.StateDirectory).Apply(
            new[] { PairingStoreEdit.Revoke("dev-a", "operator"), PairingStoreEdit.Reject("r-b"), PairingStoreEdit.Remove("dev-c"), PairingStoreEdit.Reject("r-new") },
            new StoreWriteOptions { Now = Now });

        Assert.Equal(2, result.Backups.Count);
        Assert.Equal(paired, File.ReadAllBytes(Assert.Single(state.Backups())));
        Assert.Equal(pending, File.ReadAllBytes(Assert.Single(Directory.GetFiles(state.Devices, "pending.json.openclaw-powershell-*.bak"))));
        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(state.PairedPath));
        Assert.Equal(UnixMode.OwnerReadWrite | UnixFileMode.GroupRead, UnixMode.Of(state.PendingPath));
        Assert.Empty(Directory.GetFiles(state.Devices, "*.tmp"));
    }

    [Fact]
    public void AFileWithNothingToChangeIsNotRewrittenNorBackedUp()
    {
        using var state = Create();
        var written = File.GetLastWriteTimeUtc(state.PairedPath);
        var result = new JsonPairingStore(state.StateDirectory).Apply(new[] { PairingStoreEdit.Reject("r-b") }, new StoreWriteOptions { Now = Now });
        Assert.Equal(new[] { state.PendingPath }, result.ChangedFiles);
        Assert.Empty(state.Backups());
        Assert.Equal(written, File.GetLastWriteTimeUtc(state.PairedPath));
    }

    [Fact]
    public void AStoreWithOnlyPendingJsonGetsPairedJsonWithTheFirstApproval()
    {
        using var state = Create(null, Pending(RequestNew));
        var result = Apply(state, "2026.2.19", PairingStoreEdit.Approve("r-new", ReadWrite));
        Assert.True(Assert.Single(result.Outcomes).DeviceCreated);
        var text = state.PairedText;
        Assert.Equal(Paired(DevNApproved2219), text.Replace(JsonLifecycleEditTests.MintedToken(text, "dev-n"), "<TOKEN>"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(state.PairedPath));
    }

    [Fact]
    public void AHeldLockStopsTheBatchWithStateLocked()
    {
        using var state = Create();
        var before = Stored(state);
        using (StoreLock.Acquire(state.PairedPath, TimeSpan.Zero))
        {
            var e = Assert.Throws<OpenClawException>(() => new JsonPairingStore(state.StateDirectory).Apply(
                new[] { PairingStoreEdit.Reject("r-b") }, new StoreWriteOptions { Now = Now, LockTimeout = TimeSpan.FromMilliseconds(200) }));
            Assert.Equal(ErrorIds.StateLocked, e.ErrorId);
        }
        Assert.Equal(before, Stored(state));
    }

    [Fact]
    public void AddScopesStillWidensInPlaceAfterTheWriterWasGeneralised()
    {
        using var state = Create();
        new JsonPairingStore(state.StateDirectory).AddScopes(new[] { new OfflineScopeGrant("dev-a", "operator", new[] { "operator.read" }) }, new StoreWriteOptions { NoBackup = true });
        var widened = DevA
            .Change("    \"scopes\": [\n      \"operator.admin\"\n", "    \"scopes\": [\n      \"operator.admin\",\n      \"operator.read\"\n")
            .Change("        \"scopes\": [\n          \"operator.admin\"\n", "        \"scopes\": [\n          \"operator.admin\",\n          \"operator.read\"\n");
        Assert.Equal(Paired(widened, DevB, DevC), state.PairedText);
    }
}
