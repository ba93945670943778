using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Requests
{
    /// <summary>
    /// Approves and denies pending requests over one session. Every decision starts from a list read right before
    /// it (requests are superseded and re-issued under the approver, upstream #83234 #97859), and an approval ends
    /// with the device's token covering everything the device is approved for, read back to verify: approving
    /// alone re-mints the token with only the request's scopes on 2026.2.x (facts §3.3).
    /// </summary>
    public sealed class RequestDecider
    {
        private readonly GatewaySession _session;

        public RequestDecider(GatewaySession session)
        {
            _session = session;
        }

        public async Task<DevicePairingSnapshot> ListAsync(CancellationToken cancellation)
        {
            var devices = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
            return await devices.ListAsync(cancellation).ConfigureAwait(false);
        }

        /// <summary>
        /// Lists, then picks the request to act on from that fresh list. A failing list throws (the connection is
        /// gone, which ends the batch); a request that cannot be picked is returned as the item's error.
        /// </summary>
        public async Task<ResolvedRequest> ResolveAsync(Func<DevicePairingSnapshot, PendingDeviceRequest> select, CancellationToken cancellation)
        {
            var snapshot = await ListAsync(cancellation).ConfigureAwait(false);
            try
            {
                var request = select(snapshot);
                return new ResolvedRequest(snapshot, new PairingRequest(request, snapshot.Find(request.DeviceId), _session.Release), null);
            }
            catch (OpenClawException e)
            {
                return new ResolvedRequest(snapshot, null, e);
            }
        }

        /// <summary>
        /// Approves, then rotates the role token when it no longer covers the device's approved scopes (or when the
        /// device is the module's own, whose cached token the approval just invalidated), and reads the device back.
        /// Failures are recorded in the decision, never thrown, so a batch goes on.
        /// </summary>
        /// <param name="recheck">
        /// When given, the request is read again right before the approve call and judged by it (a refusal leaves the
        /// decision unapplied): a -Confirm prompt can wait for minutes, and 2026.2.21 merges a later connect's scopes
        /// into the pending request under the same id meanwhile (facts §1.2).
        /// </param>
        public async Task<RequestDecision> ApproveAsync(PairingRequest request, CancellationToken cancellation,
            Func<PairingRequest, OpenClawException?>? recheck = null)
        {
            if (recheck != null)
            {
                var live = await ResolveAsync(RequestSelector.SelectById(request.RequestId, request.DeviceId), cancellation).ConfigureAwait(false);
                var refusal = live.Error ?? recheck(live.Request!);
                if (refusal != null) return new RequestDecision(request, RequestVerdict.Approved) { Error = refusal };
                request = live.Request!;
            }
            var decision = await ApplyAsync(request, RequestVerdict.Approved, (devices, id) => devices.ApproveAsync(id, cancellation), cancellation).ConfigureAwait(false);
            if (!decision.Applied) return decision;
            decision.Steps.Add($"approved request {request.RequestId} for [{string.Join(", ", request.Request.Scopes)}]");
            try
            {
                var after = await FindAsync(request, cancellation).ConfigureAwait(false);
                var target = TokenCoverage.Target(after, request.TokenScopes, _session.Release);
                decision.TargetTokenScopes = target;
                var own = string.Equals(request.DeviceId, _session.Identity.Identity.DeviceId, StringComparison.OrdinalIgnoreCase);
                if (own || !TokenCoverage.Covers(after.TokenFor(request.Role), target))
                {
                    await RotateAsync(request, target, own, decision, cancellation).ConfigureAwait(false);
                    after = await FindAsync(request, cancellation).ConfigureAwait(false);
                }
                decision.DeviceAfter = after;
                var shortfall = TokenCoverage.Shortfall(request.Device, request.Request, after, request.Role, target, _session.Release);
                decision.Verified = shortfall.Count == 0;
                if (shortfall.Count > 0)
                {
                    decision.Error = new OpenClawException(RequestErrorIds.ApprovalNotVerified, OpenClawErrorKind.InvalidResult,
                        $"Request {request.RequestId} was approved, but the gateway now lists {request.Name} ({PairingRequest.ShortId(request.DeviceId)}) without {string.Join(", ", shortfall)}.",
                        new ErrorRemedy(RemedyKind.CheckDevice), request.DeviceId);
                }
            }
            catch (OpenClawException e)
            {
                decision.Verified = false;
                var message = $"Request {request.RequestId} of {request.Name} ({PairingRequest.ShortId(request.DeviceId)}) was approved, but the follow-up failed after: {string.Join("; ", decision.Steps)}. {e.Message}";
                // Without advice of its own, the failed follow-up (the token rotation) is what a scope repair redoes.
                decision.Error = e.Remedy == null && e.RecommendedAction == null
                    ? new OpenClawException(e.ErrorId, e.Kind, message, new ErrorRemedy(RemedyKind.CheckDevice), request.DeviceId, e)
                    : e.Rephrase(message, request.DeviceId);
            }
            return decision;
        }

        /// <summary>Rejects the request. The device keeps what it had; a new device stays unpaired.</summary>
        public async Task<RequestDecision> DenyAsync(PairingRequest request, CancellationToken cancellation)
        {
            var decision = await ApplyAsync(request, RequestVerdict.Denied, (devices, id) => devices.RejectAsync(id, cancellation), cancellation).ConfigureAwait(false);
            if (decision.Applied) decision.Steps.Add($"denied request {request.RequestId} for [{string.Join(", ", request.Request.Scopes)}]");
            return decision;
        }

        private async Task RotateAsync(PairingRequest request, IReadOnlyList<string> target, bool own,
            RequestDecision decision, CancellationToken cancellation)
        {
            var devices = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
            var rotation = await devices.RotateTokenAsync(request.DeviceId, request.Role, target, cancellation).ConfigureAwait(false);
            decision.TokenRotated = true;
            decision.Steps.Add($"rotated the {request.Role} token to [{string.Join(", ", rotation.Scopes)}]");
            if (own && rotation.Token != null)
            {
                // The module signs as this device (often the OpenClaw CLI's identity): without the new token the
                // CLI's next device-token connect is refused, and so would be our own reconnect.
                _session.Identity.Folder.WriteToken(request.DeviceId, request.Role, rotation.Token, rotation.Scopes, DateTimeOffset.UtcNow);
                _session.UseRotatedOwnToken(rotation.Token);
                decision.TokenCacheUpdated = true;
                decision.Steps.Add($"stored the new token in {_session.Identity.Folder.DeviceAuthFile}");
            }
        }

        private async Task<PairedDevice> FindAsync(PairingRequest request, CancellationToken cancellation)
        {
            var snapshot = await ListAsync(cancellation).ConfigureAwait(false);
            return snapshot.Find(request.DeviceId) ?? throw new OpenClawException(RequestErrorIds.ApprovalNotVerified, OpenClawErrorKind.InvalidResult,
                $"The gateway does not list {request.Name} ({PairingRequest.ShortId(request.DeviceId)}) as paired after the approval; it may have been removed meanwhile.",
                null, request.DeviceId);
        }

        /// <summary>
        /// Sends the approve or reject call. "unknown requestId" means the request vanished between the list and
        /// the call (expired, resolved elsewhere, superseded); like any refusal it leaves the decision unapplied.
        /// </summary>
        private async Task<RequestDecision> ApplyAsync(PairingRequest request, RequestVerdict verdict,
            Func<DevicePairingClient, string, Task> call, CancellationToken cancellation)
        {
            var decision = new RequestDecision(request, verdict);
            try
            {
                var devices = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
                await call(devices, request.RequestId).ConfigureAwait(false);
                decision.Applied = true;
            }
            catch (OpenClawException e) when (e.ErrorId == ErrorIds.GatewayRequestFailed && e.Message.IndexOf("unknown requestId", StringComparison.Ordinal) >= 0)
            {
                decision.Error = new OpenClawException(RequestErrorIds.RequestNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"Request {request.RequestId} of {request.Name} ({PairingRequest.ShortId(request.DeviceId)}) vanished before {(verdict == RequestVerdict.Approved ? "approving" : "denying")} it: it expired, was resolved by someone else, or was superseded.",
                    new ErrorRemedy(RemedyKind.ListRequests), request.RequestId, e);
            }
            catch (OpenClawException e)
            {
                decision.Error = e;
            }
            return decision;
        }
    }
}
