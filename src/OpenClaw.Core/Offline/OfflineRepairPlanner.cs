using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// Plans an offline repair with the same verdict and the same target the online planner uses (the union of
    /// what the device holds, what it is missing on the release and any extra scopes; never fewer, never more than
    /// it is entitled to), but with one method for every release: an in-place edit of the store that keeps the
    /// token value. Pure: it reads a snapshot and decides.
    /// </summary>
    public static class OfflineRepairPlanner
    {
        public static OfflineRepairPlan Plan(DevicePairingSnapshot snapshot, GatewayRelease release, string storeFile,
            string deviceId, string role, IReadOnlyCollection<string> extraScopes)
        {
            var device = snapshot.Find(deviceId) ?? throw new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                $"No paired device has the id '{deviceId}' in {storeFile}.", new ErrorRemedy(RemedyKind.ListDevices, offline: true), deviceId);
            return Plan(device, release, storeFile, role, extraScopes);
        }

        /// <summary>Plans for a device already looked up (a batch of thousands must not search the snapshot each time).</summary>
        public static OfflineRepairPlan Plan(PairedDevice device, GatewayRelease release, string storeFile, string role, IReadOnlyCollection<string> extraScopes)
        {
            var deviceId = device.DeviceId;
            if (!device.AllRoles.Contains(role))
            {
                throw new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"Device {RepairPlanner.Name(device)} holds no role '{role}' (it has: {string.Join(", ", device.AllRoles)}).", null, deviceId);
            }
            var verdict = ScopePolicy.Evaluate(device, role, release);
            var held = new HashSet<string>(verdict.ApprovedScopes, StringComparer.Ordinal);
            var extraMissing = extraScopes.Where(s => !held.Contains(s)).ToList();
            if (verdict.IsCompliant && extraMissing.Count == 0)
            {
                return new OfflineRepairPlan(device, verdict, verdict.ApprovedScopes, storeFile, null, compliant: true);
            }
            // Spell out what the release grants only by implication too (read under admin on 2026.2.21), as the
            // online planner does: the device is entitled to it, and not every check of every release implies it.
            var target = ScopeRules.Sorted(verdict.TargetScopes.Concat(verdict.RequiredScopes).Concat(extraScopes));
            if (verdict.TokenRevoked)
            {
                return new OfflineRepairPlan(device, verdict, target, storeFile,
                    $"the {role} token of {RepairPlanner.Name(device)} is revoked; widening its scopes would not bring it back. Remove the device and pair it again if it should have access.");
            }
            return new OfflineRepairPlan(device, verdict, target, storeFile, null);
        }
    }
}
