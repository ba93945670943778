using OpenClaw.Core.Diagnostics;

namespace OpenClaw.Core.Tests.Diagnostics;

/// <summary>The real gateway log samples in Fixtures/logs (see the README there for where each came from).</summary>
public static class LogSamples
{
    public const string JsonLines = "gateway-log-lines.jsonl";
    public const string Stdout2219 = "gateway-stdout-2026.2.19.log";
    public const string Json2219SameConnects = "openclaw-2026.2.19-same-connects.jsonl";
    public const string Stdout2221 = "gateway-stdout-2026.2.21.log";
    public const string Stdout96 = "gateway-stdout-2026.9.6.log";
    public const string Json96RoleUpgrade = "openclaw-2026.9.6-role-upgrade.jsonl";

    /// <summary>The CLI device of the 2.17 -> 2.19 repro whose two tool calls were refused.</summary>
    public const string ReproCliDevice = "ced557daa5db04b632d5e7648078fb127749bffd2ae0a1a7d7f883d5781c18fc";

    /// <summary>The CLI device of the measurements in gateway-log-lines.jsonl.</summary>
    public const string MeasuredCliDevice = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", name);

    public static IReadOnlyList<string> Lines(string name) => File.ReadAllLines(PathOf(name));

    /// <summary>The first line of a sample that contains the text.</summary>
    public static string Line(string name, string containing) => Lines(name).First(l => l.Contains(containing, StringComparison.Ordinal));

    public static IReadOnlyList<ScopeUpgradeAuditEntry> Read(string name, List<string>? skipped = null) =>
        new ScopeUpgradeLogReader(skipped == null ? null : skipped.Add).ReadFile(PathOf(name)).ToList();
}
