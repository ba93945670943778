using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.Stores.Sqlite;
using OpenClaw.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace OpenClaw.Core.Tests.Stores.Fuzz;

/// <summary>
/// The differential fuzz test for the SQLite store's JSON columns (roles_json, scopes_json, approved_scopes_json,
/// tokens_json), which 2026.9.6 reads with JSON.parse and writes with JSON.stringify: each column of a generated or
/// mutated device goes to the reader the store uses (SqliteJsonColumns) and to Node, with the same (a) and (b) as
/// JsonStoreFuzzTests; for a quarter of the rows the gateway reads, the row is stored, read by the store and given a
/// scope grant, and (c) every changed column must be JSON.stringify of itself and differ from before only in the
/// scope arrays the grant names. About 20 s in CI.
/// </summary>
public sealed class SqliteColumnFuzzTests : IDisposable
{
    private const string Id = "c4eefde6283686f4f9580c42a19886fc857a2f27177a52939c4feabf80d37e41";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1795555500000);
    private static readonly string[] Columns = { "roles_json", "scopes_json", "approved_scopes_json", "tokens_json" };
    private static readonly string[] Fields = { "roles", "scopes", "approvedScopes", "tokens" };

    private readonly ITestOutputHelper _output;
    private readonly SqliteTestStore _db = new();

    public SqliteColumnFuzzTests(ITestOutputHelper output)
    {
        _output = output;
        _db.Insert("device_pairing_paired", SqliteTestStore.PairedRow(Id, "[]", null, "{}"));
    }

    public void Dispose() => _db.Dispose();

    [NodeFact]
    public void SqliteJsonColumnsAreReadAndRepairedAsTheGatewayReadsThem()
    {
        using var oracle = new NodeOracle();
        var run = new FuzzRun(_output, "SQLite JSON columns", 20);
        run.Run((index, random) => Case(index, random, new StoreCases(random), oracle, run));
    }

    private void Case(int index, Random random, StoreCases cases, NodeOracle oracle, FuzzRun run)
    {
        var root = new JObject { [Id] = cases.Device(Id) };
        if (random.Next(10) < 6) cases.ChangeValues(root);
        var device = root[Id] as JObject ?? cases.Device(Id);
        var texts = new string?[Columns.Length];
        var models = new JToken?[Columns.Length];
        var readable = true;
        for (var c = 0; c < Columns.Length; c++)
        {
            if (device[Fields[c]] is not { } value) continue; // SQL NULL
            var text = value.ToString(Formatting.None);
            if (random.Next(10) < 6 && oracle.Stringify(Encoding.UTF8.GetBytes(text), 0) is { } canonical) text = Encoding.UTF8.GetString(canonical);
            if (random.Next(10) < 2) text = cases.ChangeText(text, new[] { "operator", "node", "scopes", "token", "role", "revokedAtMs" });
            var bytes = Encoding.UTF8.GetBytes(text);
            texts[c] = Encoding.UTF8.GetString(bytes); // what SQLite, which keeps UTF-8, hands back
            var expected = oracle.Read(Columns[c], bytes, Now);
            var fields = new PairedDeviceFields(new RepeatedStrings()) { DeviceId = Id };
            Exception? error = null;
            try
            {
                new SqliteJsonColumns(_db.DatabasePath).Read(fields, Fields[c], texts[c], Columns[c], Id);
            }
            catch (Exception e)
            {
                error = e;
            }
            if (!run.Agrees(index, expected, error, _db.DatabasePath, Columns[c], bytes))
            {
                readable = false;
                continue;
            }
            models[c] = expected["model"];
            var built = fields.Build();
            JToken got = Columns[c] switch
            {
                "roles_json" => (JToken)new JArray(built.Roles),
                "scopes_json" => new JArray(built.Scopes),
                "approved_scopes_json" => built.ApprovedScopes == null ? JValue.CreateNull() : new JArray(built.ApprovedScopes),
                _ => FuzzRun.Tokens(built.Tokens.Select(t => new JObject { ["role"] = t.Role, ["scopes"] = new JArray(t.Scopes), ["revoked"] = t.IsRevoked })),
            };
            var want = Columns[c] == "tokens_json" ? FuzzRun.Tokens(((expected["model"] as JArray) ?? new JArray()).Cast<JObject>())
                : expected["model"]!.Type == JTokenType.Null && c < 2 ? new JArray() : expected["model"]!;
            if (!JToken.DeepEquals(want, got)) run.Fail(index, $"(b) {Columns[c]}: the module read {got.ToString(Formatting.None)} where the gateway reads {want.ToString(Formatting.None)}", bytes);
        }
        if (readable && random.Next(4) == 0) Stored(index, random, cases, oracle, run, texts, models);
    }

    /// <summary>The row as the store holds it: read by the store as a whole, then repaired (c).</summary>
    private void Stored(int index, Random random, StoreCases cases, NodeOracle oracle, FuzzRun run, string?[] texts, JToken?[] models)
    {
        _db.Execute("UPDATE device_pairing_paired SET roles_json = $r, scopes_json = $s, approved_scopes_json = $a, tokens_json = $t",
            ("$r", texts[0]), ("$s", texts[1]), ("$a", texts[2]), ("$t", texts[3]));
        var store = SqlitePairingStore.Open(_db.StateDirectory);
        var device = Assert.Single(store.Read().Paired);
        var want = FuzzRun.Model(new JObject
        {
            ["id"] = Id, ["roles"] = models[0] as JArray ?? new JArray(), ["scopes"] = models[1] as JArray ?? new JArray(),
            ["approvedScopes"] = models[2] ?? JValue.CreateNull(), ["tokens"] = models[3] as JArray ?? new JArray(),
        });
        if (want != FuzzRun.Model(device)) run.Fail(index, $"(b) the store read {FuzzRun.Model(device)} where the gateway reads {want}");
        run.Count("rows stored and read");

        var roles = device.Tokens.Select(t => t.Role).Append("operator").ToList();
        var role = roles[random.Next(roles.Count)];
        var scopes = cases.Subset().Append(StoreCases.Scopes[random.Next(StoreCases.Scopes.Length)]).Distinct().ToList();
        try
        {
            store.AddScopes(new[] { new OfflineScopeGrant(Id, role, scopes) }, new StoreWriteOptions { NoBackup = true, Now = Now });
        }
        catch (OpenClawException e) when (e.ErrorId == ErrorIds.RoleNotFound)
        {
            run.Count("repairs refused: no token for the role");
            return;
        }
        var row = _db.Row("device_pairing_paired", $"device_id = '{Id}'");
        var after = Columns.Select(c => row[c] as string).ToArray();
        if (texts.SequenceEqual(after))
        {
            run.Count("repairs with nothing to change");
            return;
        }
        run.Count("repairs of rows");
        for (var c = 0; c < Columns.Length; c++)
        {
            if (after[c] == texts[c]) continue;
            var canonical = oracle.Stringify(Encoding.UTF8.GetBytes(after[c] ?? "null"), 0, out var infinite);
            if (!infinite && (canonical == null || Encoding.UTF8.GetString(canonical) != after[c]))
            {
                run.Fail(index, $"(c) the repaired {Columns[c]} is not JSON.stringify(JSON.parse(it)): {after[c]}");
            }
        }
        // The columns as one record, so the oracle can tell the grant's arrays from everything else.
        byte[] Record(string?[] columns) => Encoding.UTF8.GetBytes("{\"d\":{" + string.Join(",", Fields.Select((f, c) => $"\"{f}\":{columns[c] ?? "null"}")) + "}}");
        var violations = oracle.Violations(Record(texts), Record(after), "d", role, scopes, revokedTokensToo: true);
        if (violations.Count > 0) run.Fail(index, $"(c) granting [{string.Join(", ", scopes)}] to {role} changed more: {string.Join("; ", violations)}", Record(texts));
    }
}
