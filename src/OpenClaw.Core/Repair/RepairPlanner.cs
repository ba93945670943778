using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Repair
{
    /// <summary>
    /// Chooses how to repair one device on one release (facts §3.2, §3.3, §9). Pure: it reads a snapshot and
    /// decides; it sends nothing. Every method grants the union of what the device has and what it is missing,
    /// never fewer (a 2026.2.19 rotate replaces the device's scopes) and never more than the device is entitled to.
    /// </summary>
    public static class RepairPlanner
    {
        public static RepairPlan Plan(DevicePairingSnapshot snapshot, GatewayRelease release, string ownDeviceId,
            string deviceId, string role, IReadOnlyCollection<string> extraScopes, IReadOnlyCollection<string>? requiredOverride)
        {
            var device = snapshot.Find(deviceId) ?? throw new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                $"No paired device has the id '{deviceId}'.", new ErrorRemedy(RemedyKind.ListDevices), deviceId);
            if (!device.AllRoles.Contains(role))
            {
                throw new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"Device {Name(device)} holds no role '{role}' (it has: {string.Join(", ", device.AllRoles)}).", null, deviceId);
            }

            var verdict = ScopePolicy.Evaluate(device, role, release, requiredOverride);
            var approved = new HashSet<string>(verdict.ApprovedScopes);
            var extraMissing = extraScopes.Where(s => !approved.Contains(s)).ToList();
            // A repair also spells out the required scopes a release grants only by implication (read under admin
            // on 2026.2.21): the device is entitled to them, and not every check of every release applies the implication.
            var target = ScopeRules.Sorted(verdict.TargetScopes.Concat(verdict.RequiredScopes).Concat(extraScopes));
            var isOwn = string.Equals(device.DeviceId, ownDeviceId, StringComparison.OrdinalIgnoreCase);

            // A plan that changes nothing targets exactly what the device holds.
            RepairPlan Make(RepairMethod method, PendingDeviceRequest? request = null, string? notPossible = null) =>
                new RepairPlan(device, verdict, method, method == RepairMethod.None && notPossible == null ? verdict.ApprovedScopes : target, request, isOwn, notPossible);

            if (verdict.IsCompliant && extraMissing.Count == 0) return Make(RepairMethod.None);
            if (verdict.TokenRevoked)
            {
                return Make(RepairMethod.None, notPossible:
                    $"the {role} token of {Name(device)} is revoked, and any repair would issue it a new one. Remove the device and pair it again if it should have access.");
            }

            var needWiden = verdict.MissingApprovedScopes.Concat(extraMissing).Distinct().ToList();
            var entitled = ScopeRules.ImpliedByCurrentSemantics(verdict.ApprovedScopes.Concat(extraScopes).Concat(requiredOverride ?? Array.Empty<string>()));
            var request = UsableRequest(snapshot, device, role, approved, needWiden, entitled);

            switch (release.Repair)
            {
                case RepairStrategy.RotateReplacesScopes:
                    return Make(RepairMethod.Rotate);
                case RepairStrategy.RotateThenApprove:
                    return Make(RepairMethod.RotateOrApprove, request);
            }
            if (needWiden.Count == 0) return Make(RepairMethod.Rotate);
            if (request != null) return Make(RepairMethod.ApproveAndRotate, request);
            if (isOwn) return Make(RepairMethod.RequestApproveAndRotate);
            return Make(RepairMethod.None, notPossible: NoOnlineMethod(device, release, needWiden, snapshot.PendingFor(device.DeviceId)));
        }

        /// <summary>
        /// A pending request of this device and role whose approval supplies what is missing, and which asks for
        /// nothing the device is not entitled to: approving merges the request's scopes into the device's.
        /// </summary>
        private static PendingDeviceRequest? UsableRequest(DevicePairingSnapshot snapshot, PairedDevice device, string role,
            ISet<string> approved, IReadOnlyList<string> needWiden, ISet<string> entitled) =>
            snapshot.PendingFor(device.DeviceId)
                .Where(r => r.IsFor(role))
                .Where(r => r.Scopes.All(entitled.Contains))
                .Where(r => needWiden.All(s => approved.Contains(s) || r.Scopes.Contains(s)))
                .OrderByDescending(r => r.RequestedAt)
                .FirstOrDefault();

        internal static string NoOnlineMethod(PairedDevice device, GatewayRelease release, IReadOnlyList<string> needWiden,
            IReadOnlyList<PendingDeviceRequest> pending)
        {
            var why = $"on {release.Name} a token rotation cannot widen a device's approved scopes, and {Name(device)} has no pending repair request that asks for {string.Join(", ", needWiden)}";
            if (pending.Count > 0)
            {
                why += $" (its pending request{(pending.Count == 1 ? "" : "s")} ask{(pending.Count == 1 ? "s" : "")} for [{string.Join(", ", pending.SelectMany(p => p.Scopes).Distinct())}], which would not be enough or would grant more than the device is entitled to)";
            }
            return why + ".";
        }

        public static string Name(PairedDevice device) =>
            (string.IsNullOrEmpty(device.DisplayName) ? device.ClientId ?? "device" : device.DisplayName) + " (" + Short(device.DeviceId) + ")";

        internal static string Short(string deviceId) => deviceId.Length > 12 ? deviceId.Substring(0, 12) : deviceId;
    }
}
