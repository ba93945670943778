using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
        protected override string Activity => "Approving OpenClaw device requests";

        protected override string Describe(PairingRequest request) => request.DescribeApproval();

        protected override Task<RequestDecision> DecideAsync(RequestDecider decider, PairingRequest request, CancellationToken cancellation) =>
            decider.ApproveAsync(request, cancellation);

        protected override OfflineLifecycleItem Plan(OfflineLifecycle lifecycle, PairingRequest request) => lifecycle.Approve(request);
    }
}
