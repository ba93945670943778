using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Requests
{
    /// <summary>
    /// A pending request together with what the same device.pair.list said about its device, so that a reader can
    /// tell a new device from a scope upgrade and see what an upgrade would add. The request's own scopes are only
    /// what the failing connect asked for (facts §1.2), never the device's full set.
    /// </summary>
    public sealed class PairingRequest
    {
        private RequestEntitlement? _entitlement;

        public PairingRequest(PendingDeviceRequest request, PairedDevice? device, GatewayRelease release)
        {
            Request = request;
            Device = device;
            Release = release;
        }

        public PendingDeviceRequest Request { get; }

        /// <summary>The paired record of the requesting device; null for a device that is not paired yet.</summary>
        public PairedDevice? Device { get; }

        public GatewayRelease Release { get; }

        public string RequestId => Request.RequestId;

        public string DeviceId => Request.DeviceId;

        /// <summary>The role the request is for; OpenClaw fills role on every 2.x and 9.x request, operator otherwise.</summary>
        public string Role => Request.Role ?? Request.Roles.FirstOrDefault() ?? "operator";

        /// <summary>The device's approved scopes now; null for a new device.</summary>
        public IReadOnlyList<string>? ApprovedScopes => Device?.Scopes;

        /// <summary>The scopes of the device's token for the request's role now, if it has one.</summary>
        public IReadOnlyList<string>? TokenScopes => Device?.TokenFor(Role)?.Scopes;

        /// <summary>Requested scopes that the device's approved scopes do not grant on this release.</summary>
        public IReadOnlyList<string> AddedScopes
        {
            get
            {
                if (Device == null) return ScopeRules.Sorted(Request.Scopes);
                var approved = new HashSet<string>(Device.Scopes);
                return ScopeRules.Sorted(Request.Scopes.Where(s => !ScopeRules.Satisfies(Release.ScopeCheck, approved, s)));
            }
        }

        /// <summary>Whether approving would grant only what the device is already entitled to (never for a new device or a role upgrade).</summary>
        public RequestEntitlement Entitlement => _entitlement ??= RequestEntitlement.Judge(Request, Device, Release);

        /// <summary>A paired device asking for scopes it does not hold (the "pairing required" loop of #23006).</summary>
        public bool IsScopeUpgrade => Device != null && AddedScopes.Count > 0;

        /// <summary>Short, human name: the display name, else the client id, else the short device id.</summary>
        public string Name =>
            !string.IsNullOrEmpty(Request.DisplayName) ? Request.DisplayName!
            : !string.IsNullOrEmpty(Device?.DisplayName) ? Device!.DisplayName!
            : Request.ClientId ?? ShortId(DeviceId);

        /// <summary>One line for -WhatIf and -Confirm of an approval; names every scope it would grant.</summary>
        public string DescribeApproval()
        {
            var requested = List(Request.Scopes);
            if (Device == null)
            {
                var from = Request.RemoteIp != null ? $" connecting from {Request.RemoteIp}" : "";
                return $"pair the new device {Name} ({ShortId(DeviceId)}, {Request.ClientId}/{Request.ClientMode} on {Request.Platform ?? "unknown platform"}{from}) as {Role} with {requested}";
            }
            var gain = AddedScopes.Count > 0 ? $"add {List(AddedScopes)} to" : "re-approve";
            return $"{gain} the approved scopes {List(Device.Scopes)} of {Name} ({ShortId(DeviceId)}), role {Role}, as requested {requested}; "
                   + "then make its token cover the full set again";
        }

        /// <summary>One line for -WhatIf and -Confirm of a denial.</summary>
        public string DescribeDenial() =>
            Device == null
                ? $"deny pairing the new device {Name} ({ShortId(DeviceId)}) as {Role} with {List(Request.Scopes)}"
                : $"deny {List(Request.Scopes)} to {Name} ({ShortId(DeviceId)}), role {Role}; it keeps {List(Device.Scopes)}";

        public static string ShortId(string deviceId) => deviceId.Length > 12 ? deviceId.Substring(0, 12) : deviceId;

        private static string List(IEnumerable<string> scopes) => "[" + string.Join(", ", scopes) + "]";

        public override string ToString() => $"{RequestId} from {Name} ({ShortId(DeviceId)})";
    }
}
