using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
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
        private readonly JsonStoreDocument _paired;
        private readonly JsonStoreDocument? _pending;
        private readonly JsonStoreFile? _pendingFile;
        private readonly string _pendingPath;
        private readonly PairingEditContext _context;

        private PairingEditBatch(JsonStoreFile paired, JsonStoreFile? pending, string pendingPath, PairingEditContext context)
        {
            PairedBefore = paired;
            _paired = paired.Edit();
            _pendingFile = pending;
            _pending = pending?.Edit();
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
                    // No release that reads a JSON store has labels; JsonPairingStore refuses a rename before this.
                    _ => throw new InvalidOperationException($"A JSON store takes no {edit.Kind} edit."),
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
        private (JProperty Member, JObject Record) Request(string requestId, PairingEditOutcome outcome)
        {
            var member = _pending?.Find(requestId) ?? throw PairingEditErrors.RequestAbsent(requestId, _pendingPath);
            var request = JsonRecords.Pending(_pendingFile!, member);
            outcome.DeviceId = request.DeviceId;
            var record = (JObject)member.Value;
            if (JsonRecords.IsPruned(record, _context.Now)) throw PairingEditErrors.RequestExpired(member.Name, _pendingPath);
            return (member, record);
        }

        private bool DeleteRequest(JProperty request, PairingEditOutcome outcome)
        {
            _pending!.Remove(_pending.Root, request.Name);
            outcome.RemovedRequestIds.Add(request.Name);
            outcome.Steps.Add($"deleted request {request.Name}");
            return true;
        }

        /// <summary>
        /// Deletes the record and the device's pending requests too: the gateway leaves those behind, and a stale one
        /// blocks the device's silent re-pairing for up to 5 minutes (facts §3.4).
        /// </summary>
        private bool RemoveDevice(string deviceId, PairingEditOutcome outcome)
        {
            var member = _paired.Find(deviceId) ?? throw PairingEditErrors.DeviceNotFound(deviceId, _paired.Path);
            JsonRecords.CheckPaired(_paired.Path, member);
            outcome.DeviceId = member.Name;
            _paired.Remove(_paired.Root, member.Name);
            outcome.Steps.Add($"deleted device {member.Name}");
            if (_pending == null) return true;
            var requests = _pending.Root.Properties()
                .Where(r => string.Equals(PairedLifecycleEditor.StringOf(r.Value as JObject, "deviceId"), member.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var request in requests) DeleteRequest(request, outcome);
            return true;
        }
    }
}
