using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.Core.Scopes
{
    /// <summary>
    /// How a release's connect-time pairing check decides whether granted scopes cover a requested one
    /// (facts §2 and §11.1.1, read from each release's code and observed on the wire).
    /// </summary>
    public enum ScopeCheckRule
    {
        /// <summary>2026.2.19 and earlier: literal set membership; admin implies nothing.</summary>
        LiteralMembership,

        /// <summary>2026.2.21: read is covered by read, write or admin; every other scope needs an exact match.</summary>
        ReadImpliedByWriteOrAdmin,

        /// <summary>2026.2.22 and later: admin covers every operator.* scope; write covers read (and on 2026.9
        /// talk and sessions.*); read or sessions.write covers sessions.read.</summary>
        AdminImpliesAll,
    }

    public static class ScopeRules
    {
        /// <summary>Whether <paramref name="granted"/> satisfies <paramref name="scope"/> under <paramref name="rule"/>.</summary>
        public static bool Satisfies(ScopeCheckRule rule, ICollection<string> granted, string scope)
        {
            if (granted.Contains(scope)) return true;
            switch (rule)
            {
                case ScopeCheckRule.LiteralMembership:
                    return false;
                case ScopeCheckRule.ReadImpliedByWriteOrAdmin:
                    return scope == OperatorScopes.Read
                           && (granted.Contains(OperatorScopes.Write) || granted.Contains(OperatorScopes.Admin));
                default:
                    return OperatorScopes.IsOperatorScope(scope) && granted.Contains(OperatorScopes.Admin)
                           || ImpliedByCurrentSemantics(granted).Contains(scope);
            }
        }

        /// <summary>
        /// What a set of scopes grants under current OpenClaw semantics (2026.9.6 operator-scope-compat), whatever
        /// the running release: the basis for what a device is entitled to, so a repair never escalates.
        /// </summary>
        public static ISet<string> ImpliedByCurrentSemantics(IEnumerable<string> scopes)
        {
            var result = new HashSet<string>(scopes);
            if (result.Contains(OperatorScopes.Admin))
            {
                result.UnionWith(OperatorScopes.September2026);
            }
            if (result.Contains(OperatorScopes.Write))
            {
                result.UnionWith(new[] { OperatorScopes.Read, OperatorScopes.Talk, OperatorScopes.SessionsRead, OperatorScopes.SessionsWrite });
            }
            if (result.Contains(OperatorScopes.Read) || result.Contains(OperatorScopes.SessionsWrite))
            {
                result.Add(OperatorScopes.SessionsRead);
            }
            return result;
        }

        public static IReadOnlyList<string> Sorted(IEnumerable<string> scopes) =>
            scopes.Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
    }
}
