using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Repair
{
    /// <summary>
    /// Repairs a batch of devices over one session: one list before, the changing RPCs per device, one list after
    /// to verify every device and to reject the repair requests the repair made stale (they block silent
    /// re-pairing on 2026.2.19). The caller drives it item by item, so confirmation and output stay on the
    /// caller's thread.
    /// </summary>
    public sealed class ScopeRepairer
    {
        private readonly GatewaySession _session;
        private readonly List<RepairOutcome> _executed = new List<RepairOutcome>();
        private readonly Dictionary<RepairOutcome, IReadOnlyCollection<string>?> _overrides = new Dictionary<RepairOutcome, IReadOnlyCollection<string>?>();
        private DevicePairingSnapshot _snapshot;

        /// <summary>Learned on an unidentified 2.x release: does a rotate set the device's scopes (2.19) or not (2.21+)?</summary>
        private bool? _rotateWidensDevice;

        private readonly GatewayRelease _release;

        private ScopeRepairer(GatewaySession session, DevicePairingSnapshot snapshot, GatewayRelease release)
        {
            _session = session;
            _snapshot = snapshot;
            _release = release;
        }

        public DevicePairingSnapshot Snapshot => _snapshot;

        /// <param name="release">Judge and repair by this release instead of the detected one (-Release).</param>
        public static async Task<ScopeRepairer> StartAsync(GatewaySession session, GatewayRelease? release, CancellationToken cancellation)
        {
            var devices = await session.DevicesAsync(cancellation).ConfigureAwait(false);
            return new ScopeRepairer(session, await devices.ListAsync(cancellation).ConfigureAwait(false), release ?? session.Release);
        }

        public RepairPlan Plan(string deviceId, string role, IReadOnlyCollection<string> extraScopes, IReadOnlyCollection<string>? requiredOverride) =>
            RepairPlanner.Plan(_snapshot, _release, _session.Identity.Identity.DeviceId, deviceId, role, extraScopes, requiredOverride);

        /// <summary>Runs a plan. Gateway failures are recorded in the outcome, not thrown, so a batch goes on.</summary>
        public async Task<RepairOutcome> ExecuteAsync(RepairPlan plan, IReadOnlyCollection<string>? requiredOverride, CancellationToken cancellation)
        {
            var outcome = new RepairOutcome(plan) { MethodUsed = plan.Method };
            _executed.Add(outcome);
            _overrides[outcome] = requiredOverride;
            try
            {
                switch (plan.Method)
                {
                    case RepairMethod.Rotate:
                        await RotateAsync(plan, outcome, cancellation).ConfigureAwait(false);
                        break;
                    case RepairMethod.ApproveAndRotate:
                        await ApproveAndRotateAsync(plan, plan.RequestToApprove!.RequestId, outcome, cancellation).ConfigureAwait(false);
                        break;
                    case RepairMethod.RequestApproveAndRotate:
                        await RequestApproveAndRotateAsync(plan, outcome, cancellation).ConfigureAwait(false);
                        break;
                    case RepairMethod.RotateOrApprove:
                        await RotateOrApproveAsync(plan, outcome, cancellation).ConfigureAwait(false);
                        break;
                }
            }
            catch (OpenClawException e)
            {
                outcome.Error = e.Rephrase(
                    $"Repairing {RepairPlanner.Name(plan.Device)} failed{(outcome.Changed ? " after: " + string.Join("; ", outcome.Steps) : "")}. {e.Message}",
                    plan.DeviceId);
            }
            return outcome;
        }

        private async Task RotateAsync(RepairPlan plan, RepairOutcome outcome, CancellationToken cancellation)
        {
            var devices = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
            var rotation = await devices.RotateTokenAsync(plan.DeviceId, plan.Role, plan.TargetScopes, cancellation).ConfigureAwait(false);
            outcome.Steps.Add($"rotated the {plan.Role} token to [{string.Join(", ", rotation.Scopes)}]");
            if (plan.IsOwnDevice && rotation.Token == null)
            {
                outcome.Steps.Add($"the gateway did not return the new token ({rotation.Delivery ?? "no reason given"}), so the cached one in {_session.Identity.Folder.DeviceAuthFile} is stale until the CLI reconnects with the gateway token");
            }
            if (plan.IsOwnDevice && rotation.Token != null)
            {
                // The CLI shares this identity: without the new token, its next device-token connect is refused.
                _session.Identity.Folder.WriteToken(plan.DeviceId, plan.Role, rotation.Token, rotation.Scopes, DateTimeOffset.UtcNow);
                _session.UseRotatedOwnToken(rotation.Token);
                outcome.TokenCacheUpdated = true;
                outcome.Steps.Add($"stored the new token in {_session.Identity.Folder.DeviceAuthFile}");
            }
        }

        private async Task ApproveAndRotateAsync(RepairPlan plan, string requestId, RepairOutcome outcome, CancellationToken cancellation)
        {
            var devices = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
            await devices.ApproveAsync(requestId, cancellation).ConfigureAwait(false);
            outcome.Steps.Add($"approved pending request {requestId}");
            // Approving re-mints the token with only the request's scopes (facts §3.3); rotate it back to the full set.
            await RotateAsync(plan, outcome, cancellation).ConfigureAwait(false);
            outcome.MethodUsed = outcome.MethodUsed == RepairMethod.RequestApproveAndRotate ? outcome.MethodUsed : RepairMethod.ApproveAndRotate;
        }

        private async Task RequestApproveAndRotateAsync(RepairPlan plan, RepairOutcome outcome, CancellationToken cancellation)
        {
            var missing = plan.TargetScopes.Where(s => !plan.Before.ApprovedScopes.Contains(s)).ToList();
            var requestId = await _session.RequestOwnScopeUpgradeAsync(missing, cancellation).ConfigureAwait(false);
            if (requestId == null)
            {
                outcome.Steps.Add($"the gateway granted [{string.Join(", ", missing)}] to this module's device on connect");
                await RotateAsync(plan, outcome, cancellation).ConfigureAwait(false);
                return;
            }
            outcome.Steps.Add($"filed scope-upgrade request {requestId} for this module's own device");
            await ApproveAndRotateAsync(plan, requestId, outcome, cancellation).ConfigureAwait(false);
        }

        private async Task RotateOrApproveAsync(RepairPlan plan, RepairOutcome outcome, CancellationToken cancellation)
        {
            if (_rotateWidensDevice != false)
            {
                try
                {
                    await RotateAsync(plan, outcome, cancellation).ConfigureAwait(false);
                }
                catch (OpenClawException e) when (e.ErrorId == ErrorIds.RoleNotFound && _rotateWidensDevice == null)
                {
                    // 2026.2.21 refuses a rotate beyond the approved baseline with "unknown deviceId/role".
                    _rotateWidensDevice = false;
                }
                if (_rotateWidensDevice == true)
                {
                    // Learned on an earlier device: no need to re-read the gateway after every rotate.
                    outcome.MethodUsed = RepairMethod.Rotate;
                    return;
                }
                if (_rotateWidensDevice == null)
                {
                    var devices = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
                    _snapshot = await devices.ListAsync(cancellation).ConfigureAwait(false);
                    var now = _snapshot.Find(plan.DeviceId)?.Scopes ?? Array.Empty<string>();
                    _rotateWidensDevice = plan.TargetScopes.All(now.Contains);
                    if (_rotateWidensDevice == true)
                    {
                        outcome.MethodUsed = RepairMethod.Rotate;
                        return;
                    }
                }
            }

            outcome.Steps.Add("the gateway keeps approved scopes on rotate (2026.2.21 behaviour)");
            var replanned = RepairPlanner.Plan(_snapshot, GatewayRelease.FromVersion(ReleaseLandscape.First(e => e.Repair == RepairStrategy.ApproveThenRotate).From, "learned from the rotate"),
                _session.Identity.Identity.DeviceId, plan.DeviceId, plan.Role, plan.TargetScopes, _overrides[outcome]);
            if (!replanned.IsPossible) throw NotPossible(replanned);
            outcome.MethodUsed = replanned.Method;
            if (replanned.Method == RepairMethod.ApproveAndRotate)
                await ApproveAndRotateAsync(plan, replanned.RequestToApprove!.RequestId, outcome, cancellation).ConfigureAwait(false);
            else if (replanned.Method == RepairMethod.RequestApproveAndRotate)
                await RequestApproveAndRotateAsync(plan, outcome, cancellation).ConfigureAwait(false);
            else if (replanned.Method == RepairMethod.Rotate)
                await RotateAsync(plan, outcome, cancellation).ConfigureAwait(false);
        }

        /// <summary>Re-reads the gateway once, judges every repaired device again and resolves stale requests.</summary>
        public async Task<IReadOnlyList<RepairOutcome>> VerifyAsync(CancellationToken cancellation)
        {
            if (_executed.Count == 0) return _executed;
            var devices = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
            _snapshot = await devices.ListAsync(cancellation).ConfigureAwait(false);
            foreach (var outcome in _executed)
            {
                var plan = outcome.Plan;
                var device = _snapshot.Find(plan.DeviceId);
                if (device == null)
                {
                    outcome.Error ??= new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                        $"{RepairPlanner.Name(plan.Device)} is no longer paired; it was removed during the repair.", null, plan.DeviceId);
                    continue;
                }
                outcome.After = ScopePolicy.Evaluate(device, plan.Role, _release, _overrides[outcome]);
                var scopes = new HashSet<string>(device.Scopes);
                outcome.Verified = outcome.After.IsCompliant && plan.TargetScopes.Where(s => !plan.Before.ApprovedScopes.Contains(s)).All(s => ScopeRules.Satisfies(_release.ScopeCheck, scopes, s));
                if (!outcome.Verified && outcome.Error == null)
                {
                    outcome.Error = new OpenClawException(ErrorIds.RepairNotVerified, OpenClawErrorKind.InvalidResult,
                        $"After the repair, {RepairPlanner.Name(device)} still lacks [{string.Join(", ", outcome.After.MissingApprovedScopes.Concat(outcome.After.MissingTokenScopes).Distinct())}]: {outcome.After.Reason}",
                        new ErrorRemedy(RemedyKind.CheckDevice), plan.DeviceId);
                }
                if (outcome.Verified) await ResolveStaleRequestsAsync(devices, device, outcome, scopes, cancellation).ConfigureAwait(false);
            }
            return _executed;
        }

        private async Task ResolveStaleRequestsAsync(DevicePairingClient devices, PairedDevice device, RepairOutcome outcome,
            ISet<string> scopes, CancellationToken cancellation)
        {
            foreach (var request in _snapshot.PendingFor(device.DeviceId).Where(r => r.IsFor(outcome.Plan.Role)))
            {
                if (!request.Scopes.All(s => ScopeRules.Satisfies(_release.ScopeCheck, scopes, s)))
                {
                    outcome.KeptRequestIds.Add(request.RequestId);
                    continue;
                }
                try
                {
                    await devices.RejectAsync(request.RequestId, cancellation).ConfigureAwait(false);
                    outcome.RejectedRequestIds.Add(request.RequestId);
                }
                catch (OpenClawException e) when (e.ErrorId == ErrorIds.GatewayRequestFailed)
                {
                    // Expired or resolved meanwhile (unknown requestId): there is nothing left to resolve.
                }
            }
        }

        /// <summary>
        /// When the read-back itself failed: every changed device without an error of its own is marked
        /// unverified, naming what was done, so a caller can report each one.
        /// </summary>
        public IReadOnlyList<RepairOutcome> VerificationFailed(OpenClawException failure)
        {
            foreach (var outcome in _executed.Where(o => o.Error == null))
            {
                outcome.Error = new OpenClawException(ErrorIds.RepairNotVerified, OpenClawErrorKind.InvalidResult,
                    $"{RepairPlanner.Name(outcome.Plan.Device)} was changed ({string.Join("; ", outcome.Steps)}) but could not be read back: {failure.Message}",
                    new ErrorRemedy(RemedyKind.CheckDevice), outcome.Plan.DeviceId);
            }
            return _executed;
        }

        /// <summary>
        /// A plan no online method carries out. Unless the token is revoked (any repair would issue a new one), an
        /// offline repair or a repair request from the device would; <see cref="Offline.OfflineHint"/> makes that exact.
        /// </summary>
        public static OpenClawException NotPossible(RepairPlan plan)
        {
            var message = $"Cannot repair {RepairPlanner.Name(plan.Device)} online: {plan.NotPossibleReason}";
            return plan.Before.TokenRevoked
                ? new OpenClawException(ErrorIds.RepairNotPossible, OpenClawErrorKind.InvalidOperation, message, (string?)null, plan.DeviceId)
                : new OpenClawException(ErrorIds.RepairNotPossible, OpenClawErrorKind.InvalidOperation, message,
                    new ErrorRemedy(RemedyKind.RepairOffline) { DeviceId = plan.DeviceId }, plan.DeviceId);
        }
    }
}
