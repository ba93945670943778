using System.Diagnostics;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Tests.TestSupport;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Core.Tests.Stores.Fuzz;

/// <summary>
/// One long-lived Node process running tests/gateway/json-oracle.mjs: the gateway's own JSON.parse and
/// JSON.stringify, asked one line at a time, so thousands of cases cost one process start.
/// </summary>
public sealed class NodeOracle : IDisposable
{
    private readonly Process _node;
    private readonly StringBuilder _errors = new();

    public NodeOracle()
    {
        if (!File.Exists(TestInstalls.Node)) throw new InvalidOperationException(NodeFactAttribute.NodeOracleMissing);
        var info = new ProcessStartInfo(TestInstalls.Node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add(Path.Combine(TestInstalls.ScriptsDirectory, "json-oracle.mjs"));
        _node = Process.Start(info) ?? throw new InvalidOperationException("Cannot start " + TestInstalls.Node);
        _node.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_errors) _errors.AppendLine(e.Data); };
        _node.BeginErrorReadLine();
    }

    public int Requests { get; private set; }

    /// <summary>What the gateway reads from <paramref name="bytes"/> as a store file or column of this kind.</summary>
    public JObject Read(string kind, byte[] bytes, DateTimeOffset now)
    {
        var answer = Ask(new JObject { ["op"] = "read", ["kind"] = kind, ["b64"] = Convert.ToBase64String(bytes), ["now"] = now.ToUnixTimeMilliseconds() });
        foreach (var text in answer.SelectTokens("$.model..*").Concat(answer.SelectTokens("$.model")).Concat(answer.SelectTokens("$.where..*")).OfType<JValue>())
        {
            if (text.Type == JTokenType.String) text.Value = FromUnits((string)text.Value!);
        }
        return answer;
    }

    /// <summary>A string as the hex of its UTF-16 code units: the one way an unpaired surrogate crosses the pipe.</summary>
    private static string ToUnits(string text) => string.Concat(text.Select(c => ((int)c).ToString("x4")));

    /// <summary>A string the oracle sent as the hex of its UTF-16 code units (json-oracle.mjs, units()).</summary>
    private static string FromUnits(string hex) =>
        new(Enumerable.Range(0, hex.Length / 4).Select(i => (char)Convert.ToInt32(hex.Substring(i * 4, 4), 16)).ToArray());

    /// <summary>
    /// JSON.stringify(JSON.parse(text), null, indent) as bytes, or null when JSON.parse (or the depth limit) refuses
    /// it; <paramref name="infinite"/> says whether it holds a number beyond a double's range (which stringify turns
    /// into null and the module keeps as 1e400).
    /// </summary>
    public byte[]? Stringify(byte[] bytes, int indent, out bool infinite)
    {
        var answer = Ask(new JObject { ["op"] = "stringify", ["b64"] = Convert.ToBase64String(bytes), ["indent"] = indent });
        infinite = answer["infinite"]?.Value<bool>() == true;
        return (bool)answer["ok"]! ? Convert.FromBase64String((string)answer["canonical"]!) : null;
    }

    public byte[]? Stringify(byte[] bytes, int indent) => Stringify(bytes, indent, out _);

    /// <summary>What changed between two stores outside the arrays a grant of <paramref name="scopes"/> to one device and role may change.</summary>
    public IReadOnlyList<string> Violations(byte[] before, byte[] after, string device, string role, IEnumerable<string> scopes, bool revokedTokensToo)
    {
        var answer = Ask(new JObject
        {
            ["op"] = "diff", ["before"] = Convert.ToBase64String(before), ["after"] = Convert.ToBase64String(after),
            ["device"] = ToUnits(device), ["role"] = ToUnits(role), ["scopes"] = new JArray(scopes.Select(ToUnits)), ["revokedTokensToo"] = revokedTokensToo,
        });
        return answer["violations"] is JArray violations ? violations.Select(v => v.ToString(Formatting.None)).ToList() : new[] { answer.ToString(Formatting.None) };
    }

    private JObject Ask(JObject request)
    {
        Requests++;
        _node.StandardInput.WriteLine(request.ToString(Formatting.None));
        _node.StandardInput.Flush();
        var line = _node.StandardOutput.ReadLine();
        if (line == null)
        {
            _node.WaitForExit(5000);
            lock (_errors) throw new InvalidOperationException($"The Node oracle exited ({(_node.HasExited ? _node.ExitCode : -1)}): {_errors}");
        }
        // Not the module's reader: the oracle's answers are read by Newtonsoft as it is, dates left as strings.
        using var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    public void Dispose()
    {
        try
        {
            _node.StandardInput.Close();
            if (!_node.WaitForExit(5000)) _node.Kill();
        }
        finally
        {
            _node.Dispose();
        }
    }
}
