using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// Writes a batch of offline plans to the store in one replace, then reads the store again and judges every
    /// device anew. With -Force on a live JSON store a gateway that read the file just before the swap may write
    /// its own copy over the edit; the verification then sees the scopes missing and the write is repeated (the
    /// store's optimistic write merges whatever the gateway wrote), a few times at most.
    /// </summary>
    public sealed class OfflineScopeRepairer
    {
        private const int MaxRounds = 4;
        private readonly OfflineState _state;

        public OfflineScopeRepairer(OfflineState state)
        {
            _state = state;
        }

        public IReadOnlyList<OfflineRepairOutcome> Commit(IReadOnlyList<OfflineRepairPlan> plans, StoreWriteOptions options, CancellationToken cancellation = default)
        {
            var outcomes = plans.Select(p => new OfflineRepairOutcome(p)).ToList();
            if (outcomes.Count == 0) return outcomes;
            var pending = outcomes;
            var changed = new HashSet<string>(StringComparer.Ordinal);
            var backups = new List<string>();
            for (var round = 1; round <= MaxRounds && pending.Count > 0; round++)
            {
                cancellation.ThrowIfCancellationRequested();
                var result = _state.Store.AddScopes(pending.Select(o => o.Plan.Grant).ToList(), options);
                changed.UnionWith(result.ChangedFiles);
                backups.AddRange(result.Backups);
                // One backup per file per run: later rounds back up nothing more.
                options.NoBackup = options.NoBackup || result.Backups.Count > 0;
                var snapshot = _state.Reread();
                var byId = new Dictionary<string, Devices.PairedDevice>(StringComparer.OrdinalIgnoreCase);
                foreach (var device in snapshot.Paired) byId[device.DeviceId] = device;
                var requests = snapshot.Pending.ToLookup(r => r.DeviceId, StringComparer.OrdinalIgnoreCase);
                foreach (var outcome in pending) Judge(outcome, byId, requests);
                pending = options.Force ? pending.Where(o => !o.Verified && o.Error == null).ToList() : new List<OfflineRepairOutcome>();
                if (pending.Count > 0)
                {
                    options.Log($"{pending.Count} device(s) lost the edit to a concurrent write of the gateway (round {round}); writing again.");
                    Thread.Sleep(200 * round);
                }
            }
            foreach (var outcome in outcomes)
            {
                outcome.ChangedFiles = changed.ToList();
                outcome.Backups = backups;
                if (!outcome.Verified && outcome.Error == null)
                {
                    var after = outcome.After!;
                    outcome.Error = new OpenClawException(ErrorIds.RepairNotVerified, OpenClawErrorKind.InvalidResult,
                        $"After the offline edit, {RepairPlanner.Name(outcome.Plan.Device)} still lacks [{string.Join(", ", after.MissingApprovedScopes.Concat(after.MissingTokenScopes).Distinct())}]: {after.Reason}",
                        new ErrorRemedy(RemedyKind.CheckDevice, stateDirectory: _state.StateDirectory), outcome.Plan.DeviceId);
                }
            }
            return outcomes;
        }

        private void Judge(OfflineRepairOutcome outcome, IReadOnlyDictionary<string, Devices.PairedDevice> devices, ILookup<string, Devices.PendingDeviceRequest> requests)
        {
            var plan = outcome.Plan;
            if (!devices.TryGetValue(plan.DeviceId, out var device))
            {
                outcome.Error = new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"{RepairPlanner.Name(plan.Device)} is no longer in {plan.StoreFile}; it was removed while the repair ran.", null, plan.DeviceId);
                return;
            }
            outcome.After = ScopePolicy.Evaluate(device, plan.Role, _state.Release);
            outcome.KeptRequestIds = requests[device.DeviceId].Where(r => r.IsFor(plan.Role)).Select(r => r.RequestId).ToList();
            var scopes = new HashSet<string>(device.Scopes, StringComparer.Ordinal);
            var token = device.TokenFor(plan.Role);
            outcome.Verified = outcome.After.IsCompliant && plan.TargetScopes.All(scopes.Contains)
                               && (token == null || token.IsRevoked || plan.TargetScopes.All(token.Scopes.Contains));
            outcome.Steps.Clear();
            Step(outcome, "the device's scopes", plan.Device.Scopes, device.Scopes);
            if (device.ApprovedScopes != null) Step(outcome, "its approvedScopes", plan.Device.ApprovedScopes ?? Array.Empty<string>(), device.ApprovedScopes);
            var before = plan.Device.TokenFor(plan.Role);
            if (token != null && before != null) Step(outcome, $"its {plan.Role} token's scopes (the token value is unchanged)", before.Scopes, token.Scopes);
        }

        private static void Step(OfflineRepairOutcome outcome, string what, IReadOnlyList<string> before, IReadOnlyList<string> after)
        {
            var added = after.Where(s => !before.Contains(s)).ToList();
            if (added.Count > 0) outcome.Steps.Add($"added {string.Join(", ", added)} to {what}");
        }
    }
}
