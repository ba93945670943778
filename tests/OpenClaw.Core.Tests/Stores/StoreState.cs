using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// A gateway state folder in a temp directory, laid out as 2026.2.x leaves it (devices/paired.json and
/// pending.json, mode 0600, no trailing newline after paired.json), filled from the shared fixtures.
/// </summary>
public sealed class StoreState : IDisposable
{
    public const string Legacy = "paired-2026.2.19-legacy.json";
    public const string AfterRotate = "paired-2026.2.19-after-rotate.json";
    public const string AfterApprove2221 = "paired-2026.2.21-after-approve.json";
    public const string Pending = "pending-2026.2.19-scope-upgrade.json";
    public const string CliDevice = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";

    private readonly TempDirectory _dir = new();

    public StoreState(string? pairedFixture = Legacy, string? pendingFixture = null)
    {
        Directory.CreateDirectory(Devices);
        if (pairedFixture != null) WritePaired(GatewayText(Fixtures.Text(pairedFixture)));
        if (pendingFixture != null) WriteStoreFile(PendingPath, GatewayText(Fixtures.Text(pendingFixture)));
    }

    public string StateDirectory => _dir.Path;

    public string Devices => Path.Combine(_dir.Path, "devices");

    public string PairedPath => Path.Combine(Devices, "paired.json");

    public string PendingPath => Path.Combine(Devices, "pending.json");

    public byte[] PairedBytes => File.ReadAllBytes(PairedPath);

    public string PairedText => File.ReadAllText(PairedPath);

    public JObject Paired => Parse(PairedText);

    public void WritePaired(string text) => WriteStoreFile(PairedPath, text);

    public void WriteStoreFile(string path, string text)
    {
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixMode.OwnerReadWrite);
    }

    /// <summary>Every file under the folder with its bytes, to prove that nothing (not even a lock file) appeared.</summary>
    public IReadOnlyDictionary<string, byte[]> Files() =>
        Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(_dir.Path, f), File.ReadAllBytes);

    public string[] Backups() => Directory.GetFiles(Devices, "paired.json.openclaw-powershell-*.bak");

    /// <summary>The fixtures were saved with a trailing newline; the gateway writes paired.json without one.</summary>
    public static string GatewayText(string fixture) => fixture.TrimEnd('\n');

    public static JObject Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    /// <summary>
    /// What Node's JSON.stringify(value, null, 2) writes, reproduced independently of the code under test with
    /// Newtonsoft's indented writer (same layout: two spaces, "key": value, [] and {} when empty).
    /// </summary>
    public static string Stringify(JToken value)
    {
        var text = new StringWriter { NewLine = "\n" };
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' })
        {
            value.WriteTo(writer);
        }
        return text.ToString();
    }

    /// <summary>Every token value in a paired.json, by device and role.</summary>
    public static IDictionary<string, string> TokenValues(JObject paired) =>
        paired.Properties()
            .SelectMany(d => (d.Value["tokens"] as JObject)?.Properties().Select(t => (Key: d.Name + "/" + t.Name, Value: (string?)t.Value["token"])) ?? Enumerable.Empty<(string, string?)>())
            .Where(t => t.Value != null)
            .ToDictionary(t => t.Key, t => t.Value!);

    public void Dispose() => _dir.Dispose();
}
