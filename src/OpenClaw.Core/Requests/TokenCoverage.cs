using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Requests
{
    /// <summary>
    /// What a device's role token must hold after an approval. Approving re-mints the token with only the
    /// request's scopes on 2026.2.x (facts §3.3), so a device that asked for operator.write would lose the admin
    /// scopes its token had, and clients using that token would be refused ("device token mismatch").
    /// </summary>
    public static class TokenCoverage
    {
        /// <summary>
        /// The device's approved scopes after the approval, plus those of its former token that the approved
        /// scopes still grant on this release. On 2026.2.19 the grant is literal, so the result is exactly the
        /// approved scopes, and a rotate with it (which there replaces the device's scopes) changes nothing else;
        /// on 2026.2.21+ it stays within the approved baseline that a rotate is checked against.
        /// </summary>
        public static IReadOnlyList<string> Target(PairedDevice approved, IReadOnlyList<string>? formerTokenScopes, GatewayRelease release) =>
            Target(approved.Scopes, formerTokenScopes, release);

        /// <summary>
        /// The same target from the approved scopes alone: an offline approval computes it before writing, from the
        /// scopes the approval will leave (the device's scopes united with the request's, as the gateway does, facts §3.3).
        /// </summary>
        public static IReadOnlyList<string> Target(IReadOnlyList<string> approvedScopes, IReadOnlyList<string>? formerTokenScopes, GatewayRelease release)
        {
            var granted = new HashSet<string>(approvedScopes);
            var kept = (formerTokenScopes ?? Array.Empty<string>()).Where(s => ScopeRules.Satisfies(release.ScopeCheck, granted, s));
            return ScopeRules.Sorted(approvedScopes.Concat(kept));
        }

        /// <summary>Whether the role token holds every target scope literally (token checks do not apply implications on 2.x).</summary>
        public static bool Covers(DeviceTokenInfo? token, IEnumerable<string> target) =>
            token != null && !token.IsRevoked && target.All(token.Scopes.Contains);

        /// <summary>
        /// Whether the approval did what it was asked: the device kept every scope it had (never narrowed), holds
        /// every requested scope on this release, and its token covers the target.
        /// </summary>
        public static IReadOnlyList<string> Shortfall(PairedDevice? before, PendingDeviceRequest request, PairedDevice after,
            string role, IReadOnlyList<string> target, GatewayRelease release)
        {
            var granted = new HashSet<string>(after.Scopes);
            var missing = (before?.Scopes ?? Array.Empty<string>()).Where(s => !granted.Contains(s))
                .Concat(request.Scopes.Where(s => !ScopeRules.Satisfies(release.ScopeCheck, granted, s)))
                .Select(s => s + " (approved scopes)")
                .ToList();
            var token = after.TokenFor(role);
            if (token == null || token.IsRevoked) missing.Add($"a usable {role} token");
            else missing.AddRange(target.Where(s => !token.Scopes.Contains(s)).Select(s => s + " (token)"));
            return missing.Distinct().ToList();
        }
    }
}
