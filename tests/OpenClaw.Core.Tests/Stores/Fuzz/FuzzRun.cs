using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using Xunit.Abstractions;

namespace OpenClaw.Core.Tests.Stores.Fuzz;

/// <summary>
/// How long a differential fuzz test runs and from which seed, what it counted, and the failures it found. Every case
/// has its own Random from (seed, case), so one failing case is run again alone with OPENCLAW_PS_FUZZ_SEED and
/// OPENCLAW_PS_FUZZ_CASE; OPENCLAW_PS_FUZZ_SECONDS makes a longer local run.
/// </summary>
internal sealed class FuzzRun
{
    public const int DefaultSeed = 20261213;

    private readonly ITestOutputHelper _output;
    private readonly List<string> _failures = new();
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public FuzzRun(ITestOutputHelper output, string name, double defaultSeconds)
    {
        _output = output;
        Name = name;
        Seed = Number("OPENCLAW_PS_FUZZ_SEED") ?? DefaultSeed;
        OnlyCase = Number("OPENCLAW_PS_FUZZ_CASE");
        Budget = TimeSpan.FromSeconds(Number("OPENCLAW_PS_FUZZ_SECONDS") ?? defaultSeconds);
    }

    public string Name { get; }
    public int Seed { get; }
    public int? OnlyCase { get; }
    public TimeSpan Budget { get; }

    /// <summary>Runs cases 0, 1, 2, ... until the budget is spent or five failures are found, then fails with them.</summary>
    public void Run(Action<int, Random> runCase)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cases = 0;
        for (var i = OnlyCase ?? 0; _failures.Count < 5 && (OnlyCase == null ? clock.Elapsed < Budget : i == OnlyCase); i++)
        {
            var random = new Random(unchecked(Seed * 1_000_003 + i));
            try
            {
                runCase(i, random);
            }
            catch (Exception e)
            {
                Fail(i, "the test itself failed: " + e);
            }
            cases++;
        }
        var summary = $"{Name}: seed {Seed}, {cases} cases in {clock.Elapsed.TotalSeconds:0.0} s; "
                      + string.Join(", ", _counts.Select(c => $"{c.Key} {c.Value}"));
        _output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(_failures.Count == 0, $"{summary}\n\n{string.Join("\n\n", _failures)}\n\nRun one case again with OPENCLAW_PS_FUZZ_SEED={Seed} OPENCLAW_PS_FUZZ_CASE=<case>.");
    }

    public void Count(string what) => _counts[what] = _counts.TryGetValue(what, out var n) ? n + 1 : 1;

    public void Fail(int index, string problem, byte[]? input = null)
    {
        var shown = input == null ? "" : "\ninput: " + JsonConvert.ToString(System.Text.Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 3000)));
        _failures.Add($"seed {Seed}, case {index}: {problem}{shown}");
    }

    /// <summary>
    /// (a) and the refusal half of (b): an exception is only ever OpenClaw.StateFileInvalid naming the file (or column),
    /// exactly when the gateway's JSON.parse (or the module's documented record rules) refuses. Returns whether the
    /// module read the input.
    /// </summary>
    public bool Agrees(int index, JObject expected, Exception? error, string target, string mention, byte[] input)
    {
        var accepted = (bool)expected["ok"]!;
        Count(accepted ? "accepted" : "refused (" + expected["why"] + ")");
        if (error != null && (error is not OpenClawException known || known.ErrorId != ErrorIds.StateFileInvalid))
        {
            Fail(index, $"(a) {error.GetType().Name} escaped: {error}", input);
            return false;
        }
        if (error is OpenClawException invalid && (!Equals(invalid.Target, target) || !invalid.Message.Contains(mention, StringComparison.Ordinal)))
        {
            Fail(index, $"(a) StateFileInvalid names '{invalid.Target}' and not '{mention}': {invalid.Message}", input);
        }
        if (accepted && error != null) Fail(index, $"(b) the gateway reads this but the module refused it: {error.Message}", input);
        if (!accepted && error == null) Fail(index, $"(b) the gateway refuses this ({expected["why"]}) but the module read it", input);
        if (!accepted && error != null && (expected["where"] as JObject)?["record"] is JValue { Type: JTokenType.String } record && (string)record! != ""
            && !error.Message.Contains($"'{record}'", StringComparison.Ordinal))
        {
            Fail(index, $"(b) the refusal does not name the record '{record}' the gateway's rules stop at: {error.Message}", input);
        }
        return accepted && error == null;
    }

    /// <summary>The part of a device the gateway's verdicts rest on, as one comparable text (tokens in a fixed order).</summary>
    public static string Model(PairedDevice device) => Model(device.DeviceId, device.Roles, device.Scopes, device.ApprovedScopes, device.Tokens);

    public static string Model(string id, IReadOnlyList<string> roles, IReadOnlyList<string> scopes, IReadOnlyList<string>? approved, IEnumerable<DeviceTokenInfo> tokens) =>
        new JObject
        {
            ["id"] = id, ["roles"] = new JArray(roles), ["scopes"] = new JArray(scopes), ["approvedScopes"] = approved == null ? null : new JArray(approved),
            ["tokens"] = Tokens(tokens.Select(t => new JObject { ["role"] = t.Role, ["scopes"] = new JArray(t.Scopes), ["revoked"] = t.IsRevoked })),
        }.ToString(Formatting.None);

    /// <summary>The oracle's device as the same text.</summary>
    public static string Model(JToken device) =>
        new JObject
        {
            ["id"] = device["id"], ["roles"] = device["roles"], ["scopes"] = device["scopes"], ["approvedScopes"] = device["approvedScopes"],
            ["tokens"] = Tokens(((JArray)device["tokens"]!).Cast<JObject>()),
        }.ToString(Formatting.None);

    public static JArray Tokens(IEnumerable<JObject> tokens) =>
        new(tokens.OrderBy(t => t.ToString(Formatting.None), StringComparer.Ordinal).ToArray<object>());

    private static int? Number(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
