using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Requests;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Approves pending pairing requests, each picked from a list read right before acting, and then makes sure
    /// the device's token covers everything the device is approved for: approving alone re-mints the token with
    /// only the request's scopes on 2026.2.x. Online, items are handled as they arrive, so it can follow
    /// Get-OpenClawDeviceRequest -Wait; with -Offline the store is changed directly and the existing token is
    /// widened in place. Confirm impact is High: an approval grants access.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "OpenClawDeviceRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = ByRequestIdSet)]
    [OutputType(typeof(OpenClawDeviceRequest))]
    public sealed class ApproveOpenClawDeviceRequestCommand : RequestDecisionCmdlet
    {
        /// <summary>
        /// What a piped request claimed when it was listed. Bound by property name only, so that RequestId binds as
        /// it always did; when true, the live request must still be within its device's entitlement at the moment
        /// it is approved, which is what makes `Where-Object IsWithinEntitlement | Approve-...` a safe auto-approve.
        /// </summary>
        /// <remarks>
        /// Only request objects have this property. The listed Scopes are deliberately not bound as well: devices
        /// have Scopes too, and the engine binds pipeline input in the default set (ByRequestId) first, so a device
        /// piped in for its DeviceId would then be held to that set and refused for lacking RequestId.
        /// </remarks>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public bool IsWithinEntitlement { get; set; }

        protected override string Activity => "Approving OpenClaw device requests";

        protected override string Describe(PairingRequest request) => request.DescribeApproval();

        protected override Task<RequestDecision> DecideAsync(RequestDecider decider, PairingRequest request,
            Func<PairingRequest, OpenClawException?>? guard, CancellationToken cancellation) =>
            decider.ApproveAsync(request, cancellation, guard);

        protected override OfflineLifecycleItem Plan(OfflineLifecycle lifecycle, PairingRequest request) => lifecycle.Approve(request);

        protected override Func<PairingRequest, OpenClawException?>? Guard()
        {
            if (!IsWithinEntitlement) return null;
            var offline = Offline.IsPresent;
            return live => RequestEntitlement.NoLongerWithin(live, offline);
        }
    }
}
