using System;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Requests;

namespace OpenClaw.PowerShell
{
    /// <summary>
    /// A device's pairing request, as Get-OpenClawDeviceRequest lists it and as Approve- and Deny-OpenClawDeviceRequest
    /// -PassThru report what they did to it. For a paired device it is usually the scope-upgrade request of the
    /// "pairing required" loop. Token values are never part of it.
    /// </summary>
    public sealed class OpenClawDeviceRequest
    {
        /// <summary>A request read without its device (OpenClawDevice.PendingRequests): only what the request says.</summary>
        internal OpenClawDeviceRequest(PendingDeviceRequest request)
        {
            RequestId = request.RequestId;
            DeviceId = request.DeviceId;
            DisplayName = request.DisplayName;
            ClientId = request.ClientId;
            ClientMode = request.ClientMode;
            Platform = request.Platform;
            Role = request.Role;
            Scopes = request.Scopes.ToArray();
            IsRepair = request.IsRepair;
            RemoteIp = request.RemoteIp;
            RequestedAt = request.RequestedAt;
            ExpiresAt = request.ExpiresAt;
            Name = !string.IsNullOrEmpty(DisplayName) ? DisplayName! : ClientId ?? ShortId;
            AddedScopes = Scopes;
        }

        /// <summary>A listed request with its device as the same list showed it.</summary>
        internal OpenClawDeviceRequest(PairingRequest request, OpenClawOrigin origin)
            : this(request.Request)
        {
            Role = request.Role;
            Name = request.Name;
            IsScopeUpgrade = request.IsScopeUpgrade;
            ApprovedScopes = request.ApprovedScopes?.ToArray();
            TokenScopes = request.TokenScopes?.ToArray();
            AddedScopes = request.AddedScopes.ToArray();
            IsWithinEntitlement = request.Entitlement.IsWithin;
            Origin = origin;
            GatewayRelease = request.Release.Name;
        }

        /// <summary>What an approval or denial did, with the device before and after.</summary>
        internal OpenClawDeviceRequest(RequestDecision decision, OpenClawOrigin origin)
            : this(decision.Request, origin)
        {
            Status = decision.Verdict.ToString();
            ScopesAfter = decision.DeviceAfter?.Scopes.ToArray();
            TokenScopesAfter = decision.DeviceAfter?.TokenFor(decision.Request.Role)?.Scopes.ToArray();
            TokenRotated = decision.TokenRotated;
            TokenCacheUpdated = decision.TokenCacheUpdated;
            Verified = decision.Verified;
            Steps = decision.Steps.ToArray();
            Error = decision.Error?.Message;
        }

        public string RequestId { get; }

        public string DeviceId { get; }

        /// <summary>The first 12 characters of the device id, as tables show it; accepted wherever a device id is.</summary>
        public string ShortId => DeviceId.Length > 12 ? DeviceId.Substring(0, 12) : DeviceId;

        /// <summary>The display name, or the client id when the device sent none.</summary>
        public string Name { get; }

        public string? DisplayName { get; }
        public string? ClientId { get; }
        public string? ClientMode { get; }
        public string? Platform { get; }

        /// <summary>The role asked for (operator or node).</summary>
        public string? Role { get; }

        /// <summary>Only the scopes the failing connect asked for, not the device's full set.</summary>
        public string[] Scopes { get; }

        /// <summary>True when the device is already paired (a scope or role upgrade, or a re-pair).</summary>
        public bool IsRepair { get; }

        /// <summary>
        /// A paired device asking for scopes its approved scopes do not grant on the gateway's release. Null when the
        /// request was read without its device (OpenClawDevice.PendingRequests).
        /// </summary>
        public bool? IsScopeUpgrade { get; }

        /// <summary>The device's approved scopes when the request was read; null for a device that is not paired.</summary>
        public string[]? ApprovedScopes { get; }

        /// <summary>The scopes of the device's token for this role when the request was read.</summary>
        public string[]? TokenScopes { get; }

        /// <summary>What approving would add to the device's approved scopes (all requested scopes for a new device).</summary>
        public string[] AddedScopes { get; }

        /// <summary>
        /// Approving would grant nothing the device's approved scopes do not already entitle it to under the release's
        /// rules (what Test-OpenClawDeviceScope requires of it); never true for a new device or a role it does not hold,
        /// nor for a request read without its device. Approve-OpenClawDeviceRequest checks it again on the live
        /// request when one piped in says true, and refuses (OpenClaw.RequestNoLongerEntitled) if it no longer holds.
        /// </summary>
        public bool IsWithinEntitlement { get; }

        /// <summary>The address the request came from, when the gateway recorded one (it does not for local connects).</summary>
        public string? RemoteIp { get; }

        public DateTimeOffset? RequestedAt { get; }

        /// <summary>OpenClaw drops a request 5 minutes after it was made (or last merged into, on 2026.2.21).</summary>
        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>How old the request is now, by this computer's clock.</summary>
        public TimeSpan? Age => RequestedAt.HasValue ? DateTimeOffset.UtcNow - RequestedAt.Value : (TimeSpan?)null;

        /// <summary>Time left before the gateway drops a pending request; zero once expired, null once decided.</summary>
        public TimeSpan? TimeLeft =>
            Status != "Pending" || !ExpiresAt.HasValue ? (TimeSpan?)null
            : ExpiresAt.Value > DateTimeOffset.UtcNow ? ExpiresAt.Value - DateTimeOffset.UtcNow : TimeSpan.Zero;

        /// <summary>Pending, Approved or Denied.</summary>
        public string Status { get; } = "Pending";

        /// <summary>After a decision: the device's approved scopes as the gateway listed them afterwards.</summary>
        public string[]? ScopesAfter { get; }

        /// <summary>After an approval: the scopes of the device's token for this role, read back.</summary>
        public string[]? TokenScopesAfter { get; }

        /// <summary>
        /// The approval was followed by a token rotation, because approving had narrowed the token to the request's
        /// scopes. Clients that authenticate with a cached device token get the new one on their next shared-token connect.
        /// </summary>
        public bool TokenRotated { get; }

        /// <summary>The request was the module's own device's, and its cached device token was replaced.</summary>
        public bool TokenCacheUpdated { get; }

        /// <summary>After an approval: the device was read back and holds what it had plus what it asked for, and its token covers it.</summary>
        public bool? Verified { get; }

        public string[] Steps { get; } = Array.Empty<string>();

        public string? Error { get; }

        /// <summary>Where it was read: the gateway (URL, connection) or offline folder; null for a request listed with its device.</summary>
        public OpenClawOrigin? Origin { get; }

        /// <summary>The gateway's URL, or the offline state folder as a file: URI.</summary>
        public Uri? GatewayUrl => Origin?.Address;

        /// <summary>The gateway release the request was read from, e.g. 2026.2.19.</summary>
        public string? GatewayRelease { get; }

        public override string ToString() => $"{RequestId} [{string.Join(", ", Scopes)}]";
    }
}
