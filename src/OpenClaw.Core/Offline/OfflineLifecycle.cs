using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// Approve, reject, revoke, remove and rename with no gateway running: the changes are made into edits from one
    /// snapshot of the store, written as one batch (one backup per file, one lock, one replace), and judged from
    /// the store read back, as the online commands judge a device list read after acting. The one deliberate
    /// difference from online: an approval widens the device's existing token in place instead of re-minting a
    /// narrowed one and rotating it back (facts §3.3), so the token value the device caches keeps working.
    /// </summary>
    public sealed class OfflineLifecycle
    {
        private readonly OfflineState _state;

        public OfflineLifecycle(OfflineState state)
        {
            _state = state;
        }

        public Task<GatewayPresence> DetectGatewayAsync(CancellationToken cancellation) =>
            GatewayPresenceDetector.DetectAsync(_state.StateDirectory, StateConfig.Read(_state.StateDirectory), cancellation);

        /// <summary>
        /// Refusal while the owning gateway runs. Unlike a scope repair no guarded write is offered: a running gateway
        /// makes these changes itself, so the advice is to make them through it.
        /// </summary>
        public OpenClawException GatewayRunning(GatewayPresence presence) =>
            StoreErrors.GatewayMakesChange(_state.Store.Location, presence.Evidence!);

        /// <summary>Rename needs a store with device labels: every SQLite store has them, no JSON store does.</summary>
        public void RequireLabels()
        {
            if (_state.Store.Kind == "json") throw ReleaseSupport.NoLabelsInJsonStore(_state.Store.Location, _state.Release);
        }

        /// <summary>A pending request with its device as the same snapshot shows it.</summary>
        public PairingRequest Describe(PendingDeviceRequest request) =>
            new PairingRequest(request, _state.Snapshot.Find(request.DeviceId), _state.Release);

        /// <summary>
        /// The approval's token target, computed as online (TokenCoverage.Target) from the scopes the approval leaves:
        /// the device's scopes united with the request's (facts §3.3). The store widens the existing token to it,
        /// so an approval never leaves a narrowed token.
        /// </summary>
        public OfflineLifecycleItem Approve(PairingRequest request)
        {
            var approved = ScopeRules.Sorted((request.Device?.Scopes ?? Array.Empty<string>()).Concat(request.Request.Scopes).Distinct());
            var target = TokenCoverage.Target(approved, request.TokenScopes, _state.Release);
            return new OfflineLifecycleItem(PairingStoreEdit.Approve(request.RequestId, target), request, null, IsLocal(request.DeviceId));
        }

        public OfflineLifecycleItem Deny(PairingRequest request) =>
            new OfflineLifecycleItem(PairingStoreEdit.Reject(request.RequestId), request, null, IsLocal(request.DeviceId));

        public OfflineLifecycleItem Revoke(PairedDevice device, string role) =>
            new OfflineLifecycleItem(PairingStoreEdit.Revoke(device.DeviceId, role), null, device, IsLocal(device.DeviceId));

        public OfflineLifecycleItem Remove(PairedDevice device) =>
            new OfflineLifecycleItem(PairingStoreEdit.Remove(device.DeviceId), null, device, IsLocal(device.DeviceId));

        public OfflineLifecycleItem Rename(PairedDevice device, string label) =>
            new OfflineLifecycleItem(PairingStoreEdit.Rename(device.DeviceId, label), null, device, IsLocal(device.DeviceId));

        /// <summary>
        /// Writes every item as one batch and judges each from the store read back. A store that cannot be read or
        /// written throws (nothing written); an edit the store could not apply carries the store's error.
        /// </summary>
        public StoreWriteResult<OfflineLifecycleOutcome> Commit(IReadOnlyList<OfflineLifecycleItem> items, StoreWriteOptions options)
        {
            var written = _state.Store.Apply(items.Select(i => i.Edit).ToList(), options);
            var after = _state.Reread();
            var outcomes = items.Select((item, i) => Judge(item, written.Outcomes[i], after)).ToList();
            return new StoreWriteResult<OfflineLifecycleOutcome>(outcomes, written.ChangedFiles, written.Backups);
        }

        private OfflineLifecycleOutcome Judge(OfflineLifecycleItem item, PairingEditOutcome stored, DevicePairingSnapshot after)
        {
            var edit = item.Edit;
            var device = after.Find(item.DeviceId);
            var gone = new[] { edit.RequestId }.Concat(stored.RemovedRequestIds).Where(id => id != null).ToList();
            var left = edit.Kind == PairingEditKind.RemoveDevice
                ? after.PendingFor(item.DeviceId).Select(r => r.RequestId).ToList()
                : after.Pending.Where(r => gone.Contains(r.RequestId, StringComparer.OrdinalIgnoreCase)).Select(r => r.RequestId).ToList();
            var outcome = new OfflineLifecycleOutcome(item, stored, device, left);
            if (stored.Error != null) return outcome;

            var missing = new List<string>();
            if (left.Count > 0) missing.Add($"request(s) {string.Join(", ", left)} still pending");
            switch (edit.Kind)
            {
                case PairingEditKind.ApproveRequest:
                    var request = item.Request!;
                    outcome.TargetTokenScopes = edit.TokenScopes;
                    if (device == null) missing.Add($"{request.Name} ({DeviceNames.Short(request.DeviceId)}) not paired");
                    else missing.AddRange(TokenCoverage.Shortfall(request.Device, request.Request, device, request.Role, edit.TokenScopes, _state.Release));
                    break;
                case PairingEditKind.RevokeToken:
                    if (device?.TokenFor(edit.Role!)?.IsRevoked != true) missing.Add($"the {edit.Role} token not revoked");
                    break;
                case PairingEditKind.RemoveDevice:
                    if (device != null) missing.Add("the device still paired");
                    break;
                case PairingEditKind.RenameDevice:
                    if (device == null || device.Label != edit.Label) missing.Add($"the label '{device?.Label}' instead of '{edit.Label}'");
                    break;
            }
            outcome.Verified = missing.Count == 0;
            if (missing.Count > 0)
            {
                outcome.Error = edit.Kind == PairingEditKind.ApproveRequest
                    ? new OpenClawException(RequestErrorIds.ApprovalNotVerified, OpenClawErrorKind.InvalidResult,
                        $"Request {edit.RequestId} was approved in {_state.Store.Location}, but the store now holds {item.Request!.Name} ({DeviceNames.Short(item.DeviceId)}) without {string.Join(", ", missing)}.",
                        new ErrorRemedy(RemedyKind.CheckDevice, stateDirectory: _state.StateDirectory), item.DeviceId)
                    : new OpenClawException(ErrorIds.OfflineEditNotVerified, OpenClawErrorKind.InvalidResult,
                        $"The offline edit '{edit}' was written to {_state.Store.Location}, but reading the store back shows {string.Join(", ", missing)}.",
                        new ErrorRemedy(RemedyKind.CheckDevice, stateDirectory: _state.StateDirectory), item.DeviceId);
            }
            return outcome;
        }

        private bool IsLocal(string deviceId) => string.Equals(deviceId, _state.LocalDeviceId, StringComparison.OrdinalIgnoreCase);
    }
}
