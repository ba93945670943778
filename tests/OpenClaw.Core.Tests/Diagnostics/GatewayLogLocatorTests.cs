using OpenClaw.Core.Diagnostics;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Diagnostics;

/// <summary>Where the gateway's JSON-lines log is by default: logging.file, else the daily file in its temp folder.</summary>
public sealed class GatewayLogLocatorTests : IDisposable
{
    private static readonly DateTime Yesterday = new DateTime(2026, 11, 23);
    private static readonly DateTime Today = new DateTime(2026, 11, 24);
    private readonly TempDirectory _temp = new TempDirectory();
    private readonly Dictionary<string, string?> _env = new Dictionary<string, string?>();

    public GatewayLogLocatorTests()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Tmp);
    }

    public void Dispose() => _temp.Dispose();

    private string Home => _temp.Combine("home");

    private string Tmp => _temp.Combine("tmp");

    [Fact]
    public void Without_config_the_daily_files_are_named_by_local_date_oldest_first()
    {
        var files = Locator(uid: "1000").DailyFiles(new[] { Yesterday, Today });

        Assert.Equal(new[] { "openclaw-2026-11-23.log", "openclaw-2026-11-24.log" }, files.Select(Path.GetFileName));
    }

    [Fact]
    public void On_unix_a_day_missing_from_tmp_openclaw_is_looked_for_in_the_uid_fallback_folder()
    {
        var fallback = Path.Combine(Tmp, "openclaw-4242");
        Directory.CreateDirectory(fallback);
        // A date far from today, so a real /tmp/openclaw on this machine cannot hold it.
        var day = new DateTime(1999, 1, 2);
        File.WriteAllText(Path.Combine(fallback, "openclaw-1999-01-02.log"), "");

        var files = Locator(uid: "4242").DailyFiles(new[] { day, day.AddDays(1) });

        Assert.Equal(Path.Combine(fallback, "openclaw-1999-01-02.log"), files[0]);
        Assert.Equal(Path.Combine(GatewayLogLocator.PosixLogDirectory, "openclaw-1999-01-03.log"), files[1]);
    }

    [Fact]
    public void On_windows_the_folder_is_openclaw_under_temp()
    {
        var files = Locator(uid: null, isWindows: true).DailyFiles(new[] { Today });

        Assert.Equal(Path.Combine(Tmp, "openclaw", "openclaw-2026-11-24.log"), Assert.Single(files));
    }

    [Fact]
    public void Logging_file_in_the_state_folders_config_wins_and_is_one_file()
    {
        var state = Path.Combine(Home, ".openclaw");
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, "openclaw.json"), "{ // JSON5\n logging: { file: '/var/log/openclaw/gateway.jsonl', level: 'info', }, }");

        Assert.Equal(new[] { "/var/log/openclaw/gateway.jsonl" }, Locator("1000").DailyFiles(new[] { Yesterday, Today }));
    }

    [Fact]
    public void OPENCLAW_CONFIG_PATH_names_the_config_and_a_tilde_is_the_home_folder()
    {
        var config = _temp.WriteFile("elsewhere/custom.json", "{\"logging\":{\"file\":\"~/logs/gw.log\"}}");
        _env["OPENCLAW_CONFIG_PATH"] = config;

        Assert.Equal(Path.Combine(Home, "logs", "gw.log"), Locator("1000").ConfiguredFile());
    }

    [Fact]
    public void OPENCLAW_STATE_DIR_names_the_folder_of_the_config()
    {
        var config = _temp.WriteFile("state/openclaw.json", "{\"logging\":{\"file\":\"/srv/gw.log\"}}");
        _env["OPENCLAW_STATE_DIR"] = Path.GetDirectoryName(config);

        Assert.Equal(config, Locator("1000").ConfigPath);
        Assert.Equal("/srv/gw.log", Locator("1000").ConfiguredFile());
    }

    [Theory]
    [InlineData("{\"gateway\":{\"port\":18909}}")]
    [InlineData("{\"logging\":{\"level\":\"debug\"}}")]
    [InlineData("{\"logging\":{\"file\":\"\"}}")]
    public void A_config_without_logging_file_gives_the_daily_files(string text)
    {
        _temp.WriteFile("home/.openclaw/openclaw.json", text);

        Assert.Null(Locator("1000").ConfiguredFile());
        Assert.Equal(2, Locator("1000").DailyFiles(new[] { Yesterday, Today }).Count);
    }

    [Fact]
    public void A_broken_config_is_ConfigInvalid_naming_the_file()
    {
        var config = _temp.WriteFile("home/.openclaw/openclaw.json", "{\"logging\": {");

        var e = Assert.Throws<OpenClawException>(() => Locator("1000").DailyFiles(new[] { Today }));

        Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
        Assert.Equal(config, e.Target);
        Assert.Equal(RemedyKind.GiveLogFile, e.Remedy?.Kind);
    }

    private GatewayLogLocator Locator(string? uid, bool isWindows = false) =>
        new GatewayLogLocator(name => _env.TryGetValue(name, out var value) ? value : null, Home, Tmp + Path.DirectorySeparatorChar, isWindows, () => uid);
}
