using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>
    /// Runs a batch of lifecycle edits against paired.json and pending.json together, in order, each edit seeing
    /// the ones before it (a device removed and then approved again in one batch is paired anew). The result is the
    /// new text of both files and one outcome per edit; writing them is the caller's.
    /// </summary>
    internal sealed class PairingEditBatch
    {
        private readonly JsonStoreView _paired;
        private readonly JsonStoreView? _pending;
        private readonly string _pendingPath;
        private readonly PairingEditContext _context;

        private PairingEditBatch(JsonStoreFile paired, JsonStoreFile? pending, string pendingPath, PairingEditContext context)
        {
            PairedBefore = paired;
            _paired = new JsonStoreView(paired, "device id");
            _pending = pending == null ? null : new JsonStoreView(pending, "request id");
            _pendingPath = pendingPath;
            _context = context;
        }

        /// <summary>paired.json as the batch read it.</summary>
        public JsonStoreFile PairedBefore { get; }

        public string PairedText => _paired.Text;

        /// <summary>null when there is no pending.json (no request to approve or reject, none to remove).</summary>
        public string? PendingText => _pending?.Text;

        public List<PairingEditOutcome> Outcomes { get; } = new List<PairingEditOutcome>();

        /// <param name="pending">pending.json, or null when the store has none.</param>
        public static PairingEditBatch Run(JsonStoreFile paired, JsonStoreFile? pending, string pendingPath, IReadOnlyList<PairingStoreEdit> edits, PairingEditContext context)
        {
            var batch = new PairingEditBatch(paired, pending, pendingPath, context);
            foreach (var edit in edits) batch.Outcomes.Add(batch.Apply(edit));
            return batch;
        }

        private PairingEditOutcome Apply(PairingStoreEdit edit)
        {
            var outcome = new PairingEditOutcome(edit);
            try
            {
                outcome.Applied = edit.Kind switch
                {
                    PairingEditKind.ApproveRequest => Approve(edit, outcome),
                    PairingEditKind.RejectRequest => DeleteRequest(Request(edit.RequestId!, outcome).Member, outcome),
                    PairingEditKind.RevokeToken => PairedLifecycleEditor.Revoke(_paired, edit.DeviceId!, edit.Role!, _context, outcome),
                    PairingEditKind.RemoveDevice => RemoveDevice(edit.DeviceId!, outcome),
                    _ => PairedLifecycleEditor.Rename(_paired, edit.DeviceId!, edit.Label!, outcome),
                };
            }
            catch (OpenClawException e) when (e.ErrorId != ErrorIds.StateFileInvalid)
            {
                outcome.Error = e;
            }
            return outcome;
        }

        private bool Approve(PairingStoreEdit edit, PairingEditOutcome outcome)
        {
            var (member, request) = Request(edit.RequestId!, outcome);
            PairedLifecycleEditor.Approve(_paired, request, edit.TokenScopes, _context, outcome);
            return DeleteRequest(member, outcome);
        }

        /// <summary>The request to approve or reject: present and not yet expired (the gateway prunes it after 5 minutes).</summary>
        private (JsonMember Member, JsonObjectSpan Record) Request(string requestId, PairingEditOutcome outcome)
        {
            var member = _pending?.Find(requestId) ?? throw PairingEditErrors.RequestAbsent(requestId, _pendingPath);
            var request = JsonRecords.Pending(_pending!.File, member);
            outcome.DeviceId = request.DeviceId;
            if (request.ExpiresAt is { } expires && expires <= _context.Now) throw PairingEditErrors.RequestExpired(member.Key, _pendingPath);
            return (member, (JsonObjectSpan)member.Value);
        }

        private bool DeleteRequest(JsonMember request, PairingEditOutcome outcome)
        {
            _pending!.Remove(request.Key);
            outcome.RemovedRequestIds.Add(request.Key);
            outcome.Steps.Add($"deleted request {request.Key}");
            return true;
        }

        /// <summary>
        /// Deletes the record and the device's pending requests too: the gateway leaves those behind, and a stale one
        /// blocks the device's silent re-pairing for up to 5 minutes (facts §3.4).
        /// </summary>
        private bool RemoveDevice(string deviceId, PairingEditOutcome outcome)
        {
            var member = _paired.Find(deviceId) ?? throw PairingEditErrors.DeviceNotFound(deviceId, _paired.File.Path);
            JsonRecords.CheckPaired(_paired.File, member);
            outcome.DeviceId = member.Key;
            _paired.Remove(member.Key);
            outcome.Steps.Add($"deleted device {member.Key}");
            if (_pending == null) return true;
            foreach (var request in _pending.Members().Where(m => string.Equals(PairedLifecycleEditor.StringOf(m.Value as JsonObjectSpan, "deviceId"), member.Key, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                DeleteRequest(request, outcome);
            }
            return true;
        }
    }
}
