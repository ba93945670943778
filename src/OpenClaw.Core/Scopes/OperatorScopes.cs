using System.Collections.Generic;

namespace OpenClaw.Core.Scopes
{
    /// <summary>The operator scope names, and which ones each generation of OpenClaw knows.</summary>
    public static class OperatorScopes
    {
        public const string Prefix = "operator.";
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

        /// <summary>
        /// 2026.2.x connect scopes. 2.17-2.21 also define operator.talk.secrets, but only talk.config checks it and
        /// method authorization lets admin through, so no 2.x client asks for it at connect; leaving it out keeps the
        /// verdict from demanding a scope no 2.x device needs.
        /// </summary>
        public static readonly IReadOnlyList<string> February2026 = new[] { Admin, Read, Write, Approvals, Pairing };

        /// <summary>KNOWN_OPERATOR_SCOPES of 2026.8.1-2026.9.5: February's, talk.secrets, and operator.questions and
        /// operator.talk, which 2026.8.1 added (docs/release-matrix.md, Part 1 §3).</summary>
        public static readonly IReadOnlyList<string> August2026 = new[]
        {
            Admin, Read, Write, Approvals, Questions, Pairing, Talk, TalkSecrets,
        };

        /// <summary>KNOWN_OPERATOR_SCOPES of 2026.9.6 (a closed set; unknown strings are dropped from tokens).</summary>
        public static readonly IReadOnlyList<string> September2026 = new[]
        {
            Admin, Read, Write, SessionsRead, SessionsWrite, Approvals, Questions, Pairing, Talk, TalkSecrets,
        };

        public static bool IsOperatorScope(string scope) => scope.StartsWith(Prefix, System.StringComparison.Ordinal);
    }
}
