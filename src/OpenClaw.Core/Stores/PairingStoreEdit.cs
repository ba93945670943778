using System;
using System.Collections.Generic;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Stores
{
    /// <summary>The lifecycle changes the module makes to a pairing store with no gateway running.</summary>
    public enum PairingEditKind
    {
        /// <summary>Pair the request's device (or widen a paired one) and delete the request.</summary>
        ApproveRequest,

        /// <summary>Delete the request; the device, if paired, is untouched.</summary>
        RejectRequest,

        /// <summary>Mark the device's role token revoked (revokedAtMs); the entry stays, as the gateway leaves it.</summary>
        RevokeToken,

        /// <summary>Delete the paired device and every pending request of that device (the gateway leaves those behind, facts §3.4).</summary>
        RemoveDevice,

        /// <summary>Set the device's operator label (2026.8.1+, operator_label in SQLite).</summary>
        RenameDevice,
    }

    /// <summary>
    /// One offline lifecycle change. Ids are the exact ids the caller resolved from a snapshot of the same store
    /// (prefixes and wildcards are resolved by the cmdlets, never by a store). A store applies a batch of edits in
    /// order, against one view of the store, and writes each changed file once (JSON: under the store lock, one
    /// backup per file, atomic replace; SQLite: one IMMEDIATE transaction, one backup).
    /// </summary>
    public sealed class PairingStoreEdit
    {
        private PairingStoreEdit(PairingEditKind kind, string? requestId, string? deviceId, string? role, string? label, IReadOnlyList<string>? tokenScopes)
        {
            Kind = kind;
            RequestId = requestId;
            DeviceId = deviceId;
            Role = role;
            Label = label;
            TokenScopes = tokenScopes ?? Array.Empty<string>();
        }

        public PairingEditKind Kind { get; }

        /// <summary>ApproveRequest, RejectRequest.</summary>
        public string? RequestId { get; }

        /// <summary>RevokeToken, RemoveDevice, RenameDevice.</summary>
        public string? DeviceId { get; }

        /// <summary>RevokeToken.</summary>
        public string? Role { get; }

        /// <summary>RenameDevice: the new label (1-64 characters, checked by the caller).</summary>
        public string? Label { get; }

        /// <summary>
        /// ApproveRequest: the scopes the request's role token must cover afterwards (TokenCoverage.Target of the
        /// device as approved). An existing, unrevoked token is widened in place, keeping its value, so the device's
        /// cached token keeps working; only when the device has no usable token for the role is a new one stored,
        /// as the gateway itself would (32 random bytes, base64url), and that value never leaves the store.
        /// </summary>
        public IReadOnlyList<string> TokenScopes { get; }

        public static PairingStoreEdit Approve(string requestId, IReadOnlyList<string> tokenScopes) =>
            new PairingStoreEdit(PairingEditKind.ApproveRequest, requestId, null, null, null, tokenScopes);

        public static PairingStoreEdit Reject(string requestId) =>
            new PairingStoreEdit(PairingEditKind.RejectRequest, requestId, null, null, null, null);

        public static PairingStoreEdit Revoke(string deviceId, string role) =>
            new PairingStoreEdit(PairingEditKind.RevokeToken, null, deviceId, role, null, null);

        public static PairingStoreEdit Remove(string deviceId) =>
            new PairingStoreEdit(PairingEditKind.RemoveDevice, null, deviceId, null, null, null);

        public static PairingStoreEdit Rename(string deviceId, string label) =>
            new PairingStoreEdit(PairingEditKind.RenameDevice, null, deviceId, null, label, null);

        public override string ToString() => Kind switch
        {
            PairingEditKind.ApproveRequest => $"approve request {RequestId}",
            PairingEditKind.RejectRequest => $"reject request {RequestId}",
            PairingEditKind.RevokeToken => $"revoke the {Role} token of {DeviceId}",
            PairingEditKind.RemoveDevice => $"remove device {DeviceId}",
            _ => $"rename device {DeviceId}",
        };
    }

    /// <summary>What one edit did. Token values never appear here.</summary>
    public sealed class PairingEditOutcome
    {
        public PairingEditOutcome(PairingStoreEdit edit)
        {
            Edit = edit;
        }

        public PairingStoreEdit Edit { get; }

        /// <summary>The store was changed for this edit (false with <see cref="Error"/>, or when there was nothing to change).</summary>
        public bool Applied { get; set; }

        /// <summary>
        /// Why this edit was not applied, while the rest of the batch was: OpenClaw.RequestNotFound (absent or
        /// expired), OpenClaw.DeviceNotFound, OpenClaw.RoleNotFound (no token for that role).
        /// </summary>
        public OpenClawException? Error { get; set; }

        /// <summary>The device the edit concerned (for requests: the request's device).</summary>
        public string? DeviceId { get; set; }

        /// <summary>Requests deleted: the approved or rejected one, or every request of a removed device.</summary>
        public List<string> RemovedRequestIds { get; } = new List<string>();

        /// <summary>ApproveRequest: the device had no paired record before (a first pairing, not a repair).</summary>
        public bool DeviceCreated { get; set; }

        /// <summary>ApproveRequest: a new token value was stored because the role had none, or only a revoked one.</summary>
        public bool TokenMinted { get; set; }

        /// <summary>RevokeToken: the token was already revoked; nothing was changed.</summary>
        public bool AlreadyRevoked { get; set; }

        /// <summary>The time written (approvedAtMs, revokedAtMs).</summary>
        public DateTimeOffset? At { get; set; }

        /// <summary>What was changed, in words ("added operator.read to scopes", "deleted request 9f…").</summary>
        public List<string> Steps { get; } = new List<string>();
    }
}
