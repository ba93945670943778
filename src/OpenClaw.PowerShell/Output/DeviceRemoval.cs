using System;
using System.Linq;
using OpenClaw.Core.Lifecycle;

namespace OpenClaw.PowerShell
{
    /// <summary>What Remove-OpenClawDevice -PassThru did to one device.</summary>
    public sealed class DeviceRemoval
    {
        internal DeviceRemoval(RemovalOutcome outcome, OpenClawOrigin origin, string gatewayRelease)
        {
            DeviceId = outcome.Device.DeviceId;
            Name = DeviceNames.Plain(outcome.Device);
            Roles = outcome.Device.AllRoles.ToArray();
            Status = outcome.Removed ? "Removed" : "Failed";
            Verified = outcome.Verified;
            RejectedRequests = outcome.RejectedRequestIds.ToArray();
            KeptRequests = outcome.KeptRequestIds.ToArray();
            IsCurrentIdentity = outcome.IsActingIdentity;
            Origin = origin;
            GatewayRelease = gatewayRelease;
            Error = outcome.Errors.FirstOrDefault()?.Message;
        }

        public string DeviceId { get; }
        public string ShortId => DeviceNames.Short(DeviceId);
        public string Name { get; }
        public string[] Roles { get; }

        /// <summary>Removed or Failed.</summary>
        public string Status { get; }

        /// <summary>
        /// The gateway was read again and no longer lists the device. Always false for the module's own device,
        /// which is not read back (reconnecting would pair it again).
        /// </summary>
        public bool Verified { get; }

        /// <summary>
        /// The device's pending requests that were rejected. The gateway leaves them behind on removal, and while
        /// one exists the device cannot pair again silently (up to 5 minutes).
        /// </summary>
        public string[] RejectedRequests { get; }

        /// <summary>Leftover requests that could not be rejected; they expire within 5 minutes.</summary>
        public string[] KeptRequests { get; }

        /// <summary>True when the removed device was the identity the module signs with (-Force).</summary>
        public bool IsCurrentIdentity { get; }

        /// <summary>Where it was read: the gateway (URL, connection) or offline folder; commands given it act there.</summary>
        public OpenClawOrigin Origin { get; }

        /// <summary>The gateway's URL, or the offline state folder as a file: URI.</summary>
        public Uri? GatewayUrl => Origin.Address;
        public string GatewayRelease { get; }
        public string? Error { get; }

        public override string ToString() => $"{Name} ({ShortId}): {Status}";
    }
}
