using System.Collections.Generic;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// One offline lifecycle change as a cmdlet resolved it from a snapshot: the store edit, and what it was made
    /// from (the request with its device, or the device), which the read-back after the write is judged against.
    /// Made by <see cref="OfflineLifecycle"/>.
    /// </summary>
    public sealed class OfflineLifecycleItem
    {
        internal OfflineLifecycleItem(PairingStoreEdit edit, PairingRequest? request, PairedDevice? device, bool isLocalIdentity)
        {
            Edit = edit;
            Request = request;
            Device = device;
            IsLocalIdentity = isLocalIdentity;
        }

        public PairingStoreEdit Edit { get; }

        /// <summary>Approve and reject: the request as listed, with its device as it was then (null for a new device).</summary>
        public PairingRequest? Request { get; }

        /// <summary>Revoke, remove and rename: the device as listed before the change.</summary>
        public PairedDevice? Device { get; }

        /// <summary>The device is the state folder's own CLI identity (OfflineState.LocalDeviceId).</summary>
        public bool IsLocalIdentity { get; }

        public string DeviceId => Device?.DeviceId ?? Request!.DeviceId;

        public override string ToString() => Edit.ToString();
    }

    /// <summary>
    /// What one offline change did, judged from the store read back after the write, and turned into the same core
    /// results the online commands produce, so the cmdlets emit the same output types either way. No token values.
    /// </summary>
    public sealed class OfflineLifecycleOutcome
    {
        internal OfflineLifecycleOutcome(OfflineLifecycleItem item, PairingEditOutcome stored, PairedDevice? deviceAfter, IReadOnlyList<string> requestsLeft)
        {
            Item = item;
            Stored = stored;
            DeviceAfter = deviceAfter;
            RequestsLeft = requestsLeft;
            Error = stored.Error;
        }

        public OfflineLifecycleItem Item { get; }

        /// <summary>What the store says it did for the edit.</summary>
        public PairingEditOutcome Stored { get; }

        /// <summary>The device as the store holds it after the batch; null once removed (or never paired).</summary>
        public PairedDevice? DeviceAfter { get; }

        /// <summary>Pending requests the edit should have removed that the store still holds afterwards.</summary>
        public IReadOnlyList<string> RequestsLeft { get; }

        /// <summary>The store read back shows the change.</summary>
        public bool Verified { get; internal set; }

        /// <summary>Why the edit was not applied (the store's per-edit error), or what the read-back found missing.</summary>
        public OpenClawException? Error { get; internal set; }

        /// <summary>Approve: the scopes the role token had to cover (TokenCoverage.Target).</summary>
        public IReadOnlyList<string>? TargetTokenScopes { get; internal set; }

        public RequestDecision ToDecision()
        {
            var request = Item.Request!;
            var approve = Item.Edit.Kind == PairingEditKind.ApproveRequest;
            var decision = new RequestDecision(request, approve ? RequestVerdict.Approved : RequestVerdict.Denied)
            {
                Applied = Stored.Applied,
                DeviceAfter = DeviceAfter ?? request.Device,
                TargetTokenScopes = TargetTokenScopes,
                Verified = approve && Stored.Applied ? Verified : (bool?)null,
                Error = Error,
            };
            decision.Steps.AddRange(Stored.Steps);
            return decision;
        }

        public RevocationOutcome ToRevocation()
        {
            var token = DeviceAfter?.TokenFor(Item.Edit.Role!);
            var outcome = new RevocationOutcome(Item.Device!, Item.Edit.Role!, Item.IsLocalIdentity)
            {
                Revoked = Stored.Applied,
                Verified = Verified,
                RevokedAt = token?.RevokedAt ?? Stored.At,
                Error = Error,
            };
            return outcome;
        }

        public RemovalOutcome ToRemoval()
        {
            var outcome = new RemovalOutcome(Item.Device!, Item.IsLocalIdentity)
            {
                Removed = Stored.Applied,
                Verified = Verified,
            };
            outcome.RejectedRequestIds.AddRange(Stored.RemovedRequestIds);
            outcome.KeptRequestIds.AddRange(RequestsLeft);
            if (Error != null) outcome.Errors.Add(Error);
            return outcome;
        }
    }
}
