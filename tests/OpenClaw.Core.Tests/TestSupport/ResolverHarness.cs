using OpenClaw.Core.Configuration;

namespace OpenClaw.Core.Tests.TestSupport;

/// <summary>
/// A GatewaySettingsResolver over a dictionary environment and a temp home folder, so no test reads the real
/// environment or ~/.openclaw.
/// </summary>
public sealed class ResolverHarness : IDisposable
{
    private readonly TempDirectory _temp = new TempDirectory();

    public ResolverHarness()
    {
        Directory.CreateDirectory(Home);
    }

    public Dictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public string Home => _temp.Combine("home");

    public string DefaultStateDirectory => Path.Combine(Home, ".openclaw");

    public string DefaultConfigPath => Path.Combine(DefaultStateDirectory, "openclaw.json");

    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>Writes openclaw.json (by default where the CLI keeps it) and returns its path.</summary>
    public string WriteConfig(string text, string? path = null)
    {
        path ??= DefaultConfigPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteFixtureConfig() => WriteConfig(Fixtures.Text(Fixtures.OpenClawJsonMinimal));

    public GatewaySettings Resolve(GatewaySettingsRequest? request = null) =>
        new GatewaySettingsResolver(name => Environment.TryGetValue(name, out var value) ? value : null, Home)
            .Resolve(request ?? new GatewaySettingsRequest());

    public void Dispose() => _temp.Dispose();
}
