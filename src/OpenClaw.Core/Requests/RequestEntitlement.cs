using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Requests
{
    /// <summary>Why a pending request is, or is not, within what its device is already entitled to.</summary>
    public enum EntitlementStanding
    {
        /// <summary>Approving grants nothing beyond what the device's approved scopes entitle it to.</summary>
        Within,

        /// <summary>The device is not paired: approving would make a new pairing.</summary>
        NewDevice,

        /// <summary>The request is for a role the device does not hold, or whose token was revoked.</summary>
        RoleNotHeld,

        /// <summary>The request asks for scopes beyond the device's entitlement on the release.</summary>
        BeyondEntitlement,
    }

    /// <summary>
    /// Whether approving a pending request would grant only what the device's approved scopes already entitle it to
    /// under the release's rules: the same entitlement a scope verdict requires (<see cref="ScopePolicy.Entitled"/>),
    /// so the answer can never be an escalation. This is what makes an unattended approve of repair requests safe
    /// (upstream #23445 asks the gateway for it): a legacy admin device asking for operator.write on 2026.2.21 is
    /// within, a read-only device asking for operator.admin is not, and new devices and role upgrades never are.
    /// </summary>
    public sealed class RequestEntitlement
    {
        private RequestEntitlement(EntitlementStanding standing, IReadOnlyList<string> entitled, IReadOnlyList<string> beyond,
            IReadOnlyList<string> rolesNotHeld)
        {
            Standing = standing;
            EntitledScopes = entitled;
            BeyondScopes = beyond;
            RolesNotHeld = rolesNotHeld;
        }

        public EntitlementStanding Standing { get; }

        public bool IsWithin => Standing == EntitlementStanding.Within;

        /// <summary>What the device's approved scopes entitle it to for the requested roles; empty for a new device.</summary>
        public IReadOnlyList<string> EntitledScopes { get; }

        /// <summary>Requested scopes outside <see cref="EntitledScopes"/>.</summary>
        public IReadOnlyList<string> BeyondScopes { get; }

        /// <summary>Requested roles the device does not hold with a usable token.</summary>
        public IReadOnlyList<string> RolesNotHeld { get; }

        public static RequestEntitlement Judge(PendingDeviceRequest request, PairedDevice? device, GatewayRelease release)
        {
            var none = Array.Empty<string>();
            if (device == null) return new RequestEntitlement(EntitlementStanding.NewDevice, none, ScopeRules.Sorted(request.Scopes), none);

            // 2026.2.21 merges a second connect's role into the pending request's roles while keeping its first role
            // (mergePendingDevicePairingRequest), so every role the request names must already be held.
            var roles = request.Roles.Concat(request.Role == null ? none : new[] { request.Role }).Distinct().ToList();
            if (roles.Count == 0) roles.Add("operator");
            // A revoked token is access someone took away: approving would mint a new one, so the role is not held
            // (2026.9.6 likewise counts only roles with an active token, listEffectivePairedDeviceRoles).
            var notHeld = roles.Where(r => !Holds(device, r)).ToList();
            var entitled = ScopeRules.Sorted(roles.SelectMany(r => ScopePolicy.Entitled(ScopeRules.Sorted(device.Scopes), r, release)));
            var beyond = ScopeRules.Sorted(request.Scopes.Where(s => !entitled.Contains(s)));
            var standing = notHeld.Count > 0 ? EntitlementStanding.RoleNotHeld
                : beyond.Count > 0 ? EntitlementStanding.BeyondEntitlement
                : EntitlementStanding.Within;
            return new RequestEntitlement(standing, entitled, beyond, notHeld);
        }

        private static bool Holds(PairedDevice device, string role) =>
            (device.Role == role || device.Roles.Contains(role)) && device.TokenFor(role)?.IsRevoked != true;

        /// <summary>Why, in one clause of data (no command names), e.g. for a refusal.</summary>
        public string Describe(PairingRequest request) => Standing switch
        {
            EntitlementStanding.NewDevice => "the device is not paired, so approving would pair a new device",
            EntitlementStanding.RoleNotHeld => $"approving would give it the role{(RolesNotHeld.Count == 1 ? "" : "s")} {string.Join(", ", RolesNotHeld)}, which it does not hold",
            EntitlementStanding.BeyondEntitlement =>
                $"[{string.Join(", ", BeyondScopes)}] {(BeyondScopes.Count == 1 ? "is" : "are")} beyond what its approved scopes [{string.Join(", ", request.Device!.Scopes)}] entitle it to on {request.Release.Name}",
            _ => $"it asks only for what its approved scopes entitle it to on {request.Release.Name}",
        };

        /// <summary>
        /// The refusal for a request that was listed as within its entitlement and no longer is, judged on the live
        /// request right before approving: 2026.2.21 merges a later connect's scopes into the pending request under
        /// the same id (facts §1.2), so a listed id can come to ask for more. The scopes beyond the entitlement are
        /// the ones that appeared since the listing (every listed scope was within), unless the device itself was
        /// narrowed meanwhile. Null while the live request is still within.
        /// </summary>
        /// <param name="offline">The request was read from a stopped gateway's store, where the review happens too.</param>
        public static OpenClawException? NoLongerWithin(PairingRequest live, bool offline)
        {
            var entitlement = live.Entitlement;
            if (entitlement.IsWithin) return null;
            return new OpenClawException(ErrorIds.RequestNoLongerEntitled, OpenClawErrorKind.InvalidOperation,
                $"Request {live.RequestId} of {live.Name} (device {PairingRequest.ShortId(live.DeviceId)}) was listed as within its entitlement, "
                + $"but it now asks for [{string.Join(", ", live.Request.Scopes)}]: {entitlement.Describe(live)}; nothing was approved.",
                new ErrorRemedy(RemedyKind.ReviewRequest, offline) { DeviceId = PairingRequest.ShortId(live.DeviceId) }, live.RequestId);
        }
    }
}
