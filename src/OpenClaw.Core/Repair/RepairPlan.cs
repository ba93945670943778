using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Repair
{
    /// <summary>The online methods that can widen a device's scopes.</summary>
    public enum RepairMethod
    {
        /// <summary>Nothing is missing.</summary>
        None,

        /// <summary>device.token.rotate with the full union (on 2026.2.19 and earlier it sets the device's scopes too).</summary>
        Rotate,

        /// <summary>Approve the device's own pending repair request, then rotate the token back to the full union.</summary>
        ApproveAndRotate,

        /// <summary>Make our own device file a repair request, approve it, then rotate (2026.2.21+, own device only).</summary>
        RequestApproveAndRotate,

        /// <summary>Release unknown: rotate, and approve the pending request if the rotate did not widen the device.</summary>
        RotateOrApprove,
    }

    /// <summary>
    /// What a repair of one device and role will do, decided before anything is sent, so -WhatIf can say it and
    /// ShouldProcess can ask about it. Plans are pure: building one sends nothing.
    /// </summary>
    public sealed class RepairPlan
    {
        internal RepairPlan(PairedDevice device, ScopeVerdict before, RepairMethod method, IReadOnlyList<string> targetScopes,
            PendingDeviceRequest? requestToApprove, bool isOwnDevice, string? notPossibleReason)
        {
            Device = device;
            Before = before;
            Method = method;
            TargetScopes = targetScopes;
            RequestToApprove = requestToApprove;
            IsOwnDevice = isOwnDevice;
            NotPossibleReason = notPossibleReason;
        }

        public PairedDevice Device { get; }

        public string DeviceId => Device.DeviceId;

        public string Role => Before.Role;

        public ScopeVerdict Before { get; }

        public RepairMethod Method { get; }

        /// <summary>The scopes the device and its token will hold: current plus missing plus any extra asked for.</summary>
        public IReadOnlyList<string> TargetScopes { get; }

        public PendingDeviceRequest? RequestToApprove { get; }

        /// <summary>The device is the identity the module signs with; its cached token is updated after a rotate.</summary>
        public bool IsOwnDevice { get; }

        /// <summary>Why no online method can work, when that is so.</summary>
        public string? NotPossibleReason { get; }

        public bool IsPossible => NotPossibleReason == null;

        public bool NeedsChange => Method != RepairMethod.None;

        /// <summary>One line for -WhatIf and -Confirm. Never contains a token.</summary>
        public string Description
        {
            get
            {
                var scopes = "[" + string.Join(", ", TargetScopes) + "]";
                var added = TargetScopes.Where(s => !Before.ApprovedScopes.Contains(s)).ToList();
                var gain = added.Count > 0 ? $"add {string.Join(", ", added)}" : "re-issue the token with the full set";
                switch (Method)
                {
                    case RepairMethod.Rotate:
                        return $"{gain}: rotate the {Role} token with {scopes} (this also sets the device's approved scopes on {Before.Release.Name})";
                    case RepairMethod.ApproveAndRotate:
                        return $"{gain}: approve the device's pending request {RequestToApprove!.RequestId} for [{string.Join(", ", RequestToApprove.Scopes)}], then rotate the {Role} token to {scopes}";
                    case RepairMethod.RequestApproveAndRotate:
                        return $"{gain}: file a scope-upgrade request for this module's own device, approve it, then rotate the {Role} token to {scopes}";
                    case RepairMethod.RotateOrApprove:
                        return $"{gain}: rotate the {Role} token with {scopes}"
                               + (RequestToApprove != null ? $", and approve pending request {RequestToApprove.RequestId} if the gateway keeps the device's approved scopes" : "");
                    default:
                        return "nothing to change";
                }
            }
        }
    }
}
