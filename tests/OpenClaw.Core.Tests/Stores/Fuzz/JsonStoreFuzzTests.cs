using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace OpenClaw.Core.Tests.Stores.Fuzz;

/// <summary>
/// The seeded differential fuzz test of issue 13 for paired.json and pending.json: each generated or mutated store
/// goes to the module's reader and to the gateway's JSON.parse in a running Node (tests/gateway/json-oracle.mjs).
/// (a) Nothing but OpenClaw.StateFileInvalid, naming the file, escapes. (b) Where the gateway reads the store, the
/// module reports what the gateway reads (device ids in the object's order, roles, per-role token scopes and
/// revocation, approved scopes; the last duplicate wins); where JSON.parse or the module's documented rules refuse
/// it, the module refuses it. (c) A scope repair changes nothing but the arrays it means to (in value, order and
/// members: the oracle compares the parsed stores) and writes exactly JSON.stringify(JSON.parse(result), null, 2);
/// so a store the gateway wrote stays byte for byte outside those arrays. About 30 s in CI; see FuzzRun for longer.
/// </summary>
public sealed class JsonStoreFuzzTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1795555500000);
    private static readonly GatewayRelease[] Releases = { GatewayRelease.FromUser("2026.2.19"), GatewayRelease.FromUser("2026.2.21") };

    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _folder = new();

    public JsonStoreFuzzTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(Devices);
    }

    private string Devices => Path.Combine(_folder.Path, "devices");

    private string PairedPath => Path.Combine(Devices, "paired.json");

    private string PendingPath => Path.Combine(Devices, "pending.json");

    public void Dispose() => _folder.Dispose();

    [NodeFact]
    public void TheJsonStoreReadsAndRepairsWhatTheGatewayReads()
    {
        using var oracle = new NodeOracle();
        var run = new FuzzRun(_output, "JSON store", 30);
        run.Run((index, random) =>
        {
            if (random.Next(4) == 0) PendingCase(index, random, new StoreCases(random), oracle, run);
            else PairedCase(index, random, new StoreCases(random), oracle, run);
        });
    }

    private void PairedCase(int index, Random random, StoreCases cases, NodeOracle oracle, FuzzRun run)
    {
        var root = cases.Paired();
        var (bytes, gatewayWritten) = Render(root, random, cases, oracle, root.Properties().Select(p => p.Name).ToList());
        File.Delete(PendingPath);
        File.WriteAllBytes(PairedPath, bytes);
        var expected = oracle.Read("paired", bytes, Now);
        var store = new JsonPairingStore(_folder.Path);
        DevicePairingSnapshot? read = null;
        Exception? error = null;
        try
        {
            read = store.Read(Now);
        }
        catch (Exception e)
        {
            error = e;
        }
        if (!run.Agrees(index, expected, error, PairedPath, PairedPath, bytes)) return;
        var want = ((JArray)expected["model"]!).Select(FuzzRun.Model).ToList();
        var got = read!.Paired.Select(FuzzRun.Model).ToList();
        if (!want.SequenceEqual(got)) run.Fail(index, $"(b) the module read\n  {string.Join("\n  ", got)}\nwhere the gateway reads\n  {string.Join("\n  ", want)}", bytes);
        if (gatewayWritten) run.Count("gateway-written");
        Repair(index, random, cases, oracle, run, store, read, bytes, gatewayWritten);
    }

    /// <summary>(c): one grant to a device of the store (or an id it lacks), for a role it may not have.</summary>
    private void Repair(int index, Random random, StoreCases cases, NodeOracle oracle, FuzzRun run, JsonPairingStore store, DevicePairingSnapshot read, byte[] before, bool gatewayWritten)
    {
        var device = read.Paired.Count > 0 && random.Next(8) > 0 ? read.Paired[random.Next(read.Paired.Count)] : null;
        var id = device?.DeviceId ?? new string('f', 64);
        // A case-changed id finds the device as OpenClaw does (ASCII only: JavaScript and .NET fold other letters differently).
        if (random.Next(6) == 0 && id.All(c => c < 128)) id = id.ToUpperInvariant();
        var roles = device?.Tokens.Select(t => t.Role).Append("operator").Append("node").ToList() ?? new List<string> { "operator" };
        var role = roles[random.Next(roles.Count)];
        var scopes = cases.Subset().Append(StoreCases.Scopes[random.Next(StoreCases.Scopes.Length)]).Distinct().ToList();
        try
        {
            store.AddScopes(new[] { new OfflineScopeGrant(id, role, scopes) },
                new StoreWriteOptions { NoBackup = true, Now = Now, Release = Releases[random.Next(Releases.Length)] });
        }
        catch (Exception e)
        {
            run.Fail(index, $"(c) the repair of a store the gateway reads threw: {e}", before);
            return;
        }
        var after = File.ReadAllBytes(PairedPath);
        if (before.SequenceEqual(after))
        {
            run.Count("repairs with nothing to change");
            return;
        }
        run.Count(gatewayWritten ? "repairs of gateway-written stores" : "repairs of other stores");
        var canonical = oracle.Stringify(after, 2, out var infinite);
        var newline = before.Length > 0 && before[^1] == (byte)'\n' ? new[] { (byte)'\n' } : Array.Empty<byte>();
        if (infinite) run.Count("repairs keeping a 1e400");
        else if (canonical == null || !canonical.Concat(newline).SequenceEqual(after))
        {
            run.Fail(index, "(c) the repaired file is not JSON.stringify(JSON.parse(it), null, 2): " + JsonConvert.ToString(Encoding.UTF8.GetString(after)), before);
        }
        var violations = oracle.Violations(before, after, id, role, scopes, revokedTokensToo: false);
        if (violations.Count > 0) run.Fail(index, $"(c) granting [{string.Join(", ", scopes)}] to {id}/{role} changed more: {string.Join("; ", violations)}", before);
    }

    private void PendingCase(int index, Random random, StoreCases cases, NodeOracle oracle, FuzzRun run)
    {
        var root = cases.Pending(Now);
        var (bytes, _) = Render(root, random, cases, oracle, root.Properties().Select(p => p.Name).ToList());
        File.Delete(PairedPath);
        File.WriteAllBytes(PendingPath, bytes);
        var expected = oracle.Read("pending", bytes, Now);
        IReadOnlyList<PendingDeviceRequest>? pending = null;
        Exception? error = null;
        try
        {
            pending = new JsonPairingStore(_folder.Path).Read(Now).Pending;
        }
        catch (Exception e)
        {
            error = e;
        }
        if (!run.Agrees(index, expected, error, PendingPath, PendingPath, bytes)) return;
        var want = ((JArray)expected["model"]!).Select(r => r.ToString(Formatting.None)).ToList();
        var got = pending!.Select(r => new JObject { ["id"] = r.RequestId, ["scopes"] = new JArray(r.Scopes) }.ToString(Formatting.None)).ToList();
        if (!want.SequenceEqual(got)) run.Fail(index, $"(b) the module keeps requests {string.Join(", ", got)} where the gateway keeps {string.Join(", ", want)}", bytes);
    }

    /// <summary>
    /// The store's bytes: mostly written by the gateway's own JSON.stringify (after its values were changed or not),
    /// else saved by hand; then, for about half of them, with their text changed.
    /// </summary>
    internal static (byte[] Bytes, bool GatewayWritten) Render(JObject root, Random random, StoreCases cases, NodeOracle oracle, IReadOnlyList<string> keys)
    {
        if (random.Next(10) < 6) cases.ChangeValues(root);
        var text = root.ToString(Formatting.None);
        var gatewayWritten = false;
        if (random.Next(10) < 6 && oracle.Stringify(Encoding.UTF8.GetBytes(text), 2) is { } canonical)
        {
            text = Encoding.UTF8.GetString(canonical);
            gatewayWritten = true;
        }
        else text = cases.HandWritten(root);
        if (random.Next(10) < 4)
        {
            text = cases.ChangeText(text, keys);
            gatewayWritten = false;
        }
        var bytes = cases.Bytes(text);
        return (bytes, gatewayWritten && bytes.SequenceEqual(Encoding.UTF8.GetBytes(text)));
    }
}
