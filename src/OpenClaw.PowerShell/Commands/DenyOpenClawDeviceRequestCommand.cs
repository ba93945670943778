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
    /// Denies pending pairing requests, each picked from a list read right before acting. The device keeps what it
    /// had (a new device stays unpaired); its next connect that asks for more files a new request. Online, items
    /// are handled as they arrive; with -Offline the request is deleted from the store. Confirm impact is Medium:
    /// a denial takes nothing away.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Deny, "OpenClawDeviceRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = ByRequestIdSet)]
    [OutputType(typeof(OpenClawDeviceRequest))]
    public sealed class DenyOpenClawDeviceRequestCommand : RequestDecisionCmdlet
    {
        protected override string Activity => "Denying OpenClaw device requests";

        protected override string Describe(PairingRequest request) => request.DescribeDenial();

        protected override Task<RequestDecision> DecideAsync(RequestDecider decider, PairingRequest request,
            Func<PairingRequest, OpenClawException?>? guard, CancellationToken cancellation) =>
            decider.DenyAsync(request, cancellation);

        protected override OfflineLifecycleItem Plan(OfflineLifecycle lifecycle, PairingRequest request) => lifecycle.Deny(request);
    }
}
