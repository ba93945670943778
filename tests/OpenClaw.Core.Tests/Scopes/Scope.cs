namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// Scope names and sets spelled out from the facts (§3.8, §11.3.1) rather than taken from OperatorScopes, so the
/// tests do not check the library against itself.
/// </summary>
public static class Scope
{
    public const string Admin = "operator.admin";
    public const string Read = "operator.read";
    public const string Write = "operator.write";
    public const string Approvals = "operator.approvals";
    public const string Pairing = "operator.pairing";
    public const string Questions = "operator.questions";
    public const string Talk = "operator.talk";
    public const string TalkSecrets = "operator.talk.secrets";
    public const string SessionsRead = "operator.sessions.read";
    public const string SessionsWrite = "operator.sessions.write";

    /// <summary>CLI_DEFAULT_OPERATOR_SCOPES of 2.17/2.19: the set the #23006 devices were paired with.</summary>
    public static readonly string[] Legacy = { Admin, Approvals, Pairing };

    /// <summary>The five 2026.2.x connect scopes, in ordinal order.</summary>
    public static readonly string[] FebruaryFive = { Admin, Approvals, Pairing, Read, Write };

    /// <summary>KNOWN_OPERATOR_SCOPES of 2026.8.1-2026.9.5, in ordinal order.</summary>
    public static readonly string[] AugustEight = { Admin, Approvals, Pairing, Questions, Read, Talk, TalkSecrets, Write };

    /// <summary>KNOWN_OPERATOR_SCOPES of 2026.9.6, in ordinal order.</summary>
    public static readonly string[] SeptemberTen =
    {
        Admin, Approvals, Pairing, Questions, Read, SessionsRead, SessionsWrite, Talk, TalkSecrets, Write,
    };

    /// <summary>"operator.read operator.write" as a list; "" is the empty list (for [InlineData] tables).</summary>
    public static string[] List(string spaceSeparated) =>
        spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// What a set grants under 2026.9.6's operator-scope-compat (admin ⇒ every known scope; write ⇒ read, talk,
    /// sessions.read, sessions.write; read or sessions.write ⇒ sessions.read), written out independently.
    /// </summary>
    public static HashSet<string> Entitlement(IEnumerable<string> approved)
    {
        var granted = new HashSet<string>(approved, StringComparer.Ordinal);
        if (granted.Contains(Admin)) granted.UnionWith(SeptemberTen);
        if (granted.Contains(Write)) granted.UnionWith(new[] { Read, Talk, SessionsRead, SessionsWrite });
        if (granted.Contains(Read) || granted.Contains(SessionsWrite)) granted.Add(SessionsRead);
        return granted;
    }
}
