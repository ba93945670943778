using System.Collections.Generic;

namespace OpenClaw.Core.Scopes
{
    /// <summary>The verdict for one device and role on one release.</summary>
    public sealed class ScopeVerdict
    {
        internal ScopeVerdict(string role, GatewayRelease release, IReadOnlyList<string> approved, IReadOnlyList<string>? tokenScopes,
            bool tokenRevoked, IReadOnlyList<string> required, IReadOnlyList<string> missingApproved,
            IReadOnlyList<string> missingToken, string reason)
        {
            Role = role;
            Release = release;
            ApprovedScopes = approved;
            TokenScopes = tokenScopes;
            TokenRevoked = tokenRevoked;
            RequiredScopes = required;
            MissingApprovedScopes = missingApproved;
            MissingTokenScopes = missingToken;
            Reason = reason;
        }

        public string Role { get; }

        public GatewayRelease Release { get; }

        public IReadOnlyList<string> ApprovedScopes { get; }

        /// <summary>The role token's scopes; null when the device has no token for the role.</summary>
        public IReadOnlyList<string>? TokenScopes { get; }

        public bool TokenRevoked { get; }

        public IReadOnlyList<string> RequiredScopes { get; }

        /// <summary>Required scopes the release's pairing check does not grant from the approved scopes.</summary>
        public IReadOnlyList<string> MissingApprovedScopes { get; }

        /// <summary>Required scopes the role token does not grant (a device-token connect would be refused).</summary>
        public IReadOnlyList<string> MissingTokenScopes { get; }

        public bool IsCompliant => MissingApprovedScopes.Count == 0 && MissingTokenScopes.Count == 0;

        public string Reason { get; }

        /// <summary>The union of the approved and the missing scopes: what the device should hold, never fewer.</summary>
        public IReadOnlyList<string> TargetScopes => ScopeRules.Sorted(Concat(ApprovedScopes, MissingApprovedScopes, MissingTokenScopes));

        private static IEnumerable<string> Concat(params IEnumerable<string>[] sets)
        {
            foreach (var set in sets)
            foreach (var s in set)
                yield return s;
        }
    }
}
