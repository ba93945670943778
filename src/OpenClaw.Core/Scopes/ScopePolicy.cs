using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Scopes
{
    /// <summary>
    /// Decides whether a device is under-scoped on a release, without ever escalating it. The required set is what
    /// the device's own approved scopes grant under current OpenClaw semantics (admin grants every operator.*,
    /// write grants read), limited to the scopes the running release knows. Missing is what the running release's
    /// literal check then fails to grant. So a legacy admin/approvals/pairing device needs read and write on
    /// 2026.2.19, write on 2026.2.21 and nothing from 2026.2.22 on, and a read-only device is never told to gain
    /// more than read.
    /// </summary>
    public static class ScopePolicy
    {
        public static ScopeVerdict Evaluate(PairedDevice device, string role, GatewayRelease release,
            IReadOnlyCollection<string>? requiredOverride = null)
        {
            var approved = ScopeRules.Sorted(device.Scopes);
            var approvedSet = new HashSet<string>(approved);
            var required = requiredOverride != null
                ? ScopeRules.Sorted(requiredOverride)
                : Entitled(approved, role, release);

            var missingApproved = required.Where(s => !ScopeRules.Satisfies(release.ScopeCheck, approvedSet, s)).ToList();
            var token = device.TokenFor(role);
            var tokenScopes = token == null ? null : ScopeRules.Sorted(token.Scopes);
            var missingToken = token == null || token.IsRevoked
                ? new List<string>()
                : required.Where(s => !ScopeRules.Satisfies(release.ScopeCheck, new HashSet<string>(token.Scopes), s)).ToList();

            var reason = Explain(release, approved, token, missingApproved, missingToken, requiredOverride != null);
            return new ScopeVerdict(role, release, approved, tokenScopes, token?.IsRevoked ?? false, required,
                missingApproved, missingToken, reason);
        }

        /// <summary>
        /// What a device's approved scopes entitle it to for a role on a release: the scopes a verdict requires, and
        /// the ceiling of an approval that counts as within entitlement. Operator roles get the expansion of
        /// current semantics, limited to the scopes the release knows; other roles (node) keep exactly what they have.
        /// </summary>
        public static IReadOnlyList<string> Entitled(IReadOnlyList<string> approved, string role, GatewayRelease release)
        {
            if (role != "operator") return approved.Where(s => !OperatorScopes.IsOperatorScope(s)).ToList();
            var entitled = ScopeRules.ImpliedByCurrentSemantics(approved);
            return ScopeRules.Sorted(approved.Concat(release.KnownScopes.Where(entitled.Contains)));
        }

        private static string Explain(GatewayRelease release, IReadOnlyList<string> approved, DeviceTokenInfo? token,
            IReadOnlyList<string> missingApproved, IReadOnlyList<string> missingToken, bool explicitRequirement)
        {
            var basis = explicitRequirement ? "the scopes explicitly required of it" : "what its approved scopes entitle it to";
            if (missingApproved.Count > 0)
            {
                return $"On {release.Name}, a connect asking for {string.Join(", ", missingApproved)} fails with 'pairing required': "
                       + $"the approved scopes [{string.Join(", ", approved)}] do not grant {(missingApproved.Count == 1 ? "it" : "them")} under that release's rules.";
            }
            if (missingToken.Count > 0)
            {
                return $"On {release.Name}, the approved scopes are sufficient, but the {token!.Role} token lacks {string.Join(", ", missingToken)}: "
                       + "a client that authenticates with its device token is refused with 'device token mismatch'.";
            }
            if (token == null) return $"The approved scopes cover {basis} on {release.Name}; the device holds no token for this role.";
            if (token.IsRevoked) return $"The approved scopes cover {basis} on {release.Name}; the token for this role is revoked.";
            return $"The approved scopes and the token cover {basis} on {release.Name}.";
        }
    }
}
