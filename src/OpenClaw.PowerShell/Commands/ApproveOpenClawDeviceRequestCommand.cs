using System;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Approves pending pairing requests, each picked from a list read right before acting, and then makes sure
    /// the device's token covers everything the device is approved for: approving alone re-mints the token with
    /// only the request's scopes on 2026.2.x. Items are handled as they arrive, so it can follow
    /// Get-OpenClawDeviceRequest -Wait. Confirm impact is High: an approval grants access.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "OpenClawDeviceRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = ByRequestIdSet)]
    [OutputType(typeof(OpenClawDeviceRequest))]
    public sealed class ApproveOpenClawDeviceRequestCommand : GatewayCmdlet
    {
        private const string ByRequestIdSet = "ByRequestId";
        private const string ByDeviceSet = "ByDevice";
        private const string Activity = "Approving OpenClaw device requests";
        private RequestDecider? _decider;
        private int _count;

        /// <summary>The requests to approve. Binds from the RequestId property of listed requests.</summary>
        [Parameter(ParameterSetName = ByRequestIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RequestIdCompleter))]
        public string[] RequestId { get; set; } = Array.Empty<string>();

        /// <summary>Approve whatever request these devices have pending at this moment (full id or unique prefix).</summary>
        [Parameter(ParameterSetName = ByDeviceSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[] DeviceId { get; set; } = Array.Empty<string>();

        /// <summary>With -DeviceId: only a request for this role. Any role when omitted.</summary>
        [Parameter(ParameterSetName = ByDeviceSet, ValueFromPipelineByPropertyName = true)]
        public string? Role { get; set; }

        /// <summary>Return each approved request with the device's scopes and token scopes afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var session = OpenSession(ManagementAccess.ChangeDevices, null);
            _decider ??= new RequestDecider(session);
            var selectors = ParameterSetName == ByDeviceSet
                ? DeviceId.Select(id => (Label: "device " + id, Select: RequestSelector.SelectForDevice(id, Role)))
                : RequestId.Select(id => (Label: "request " + id, Select: RequestSelector.SelectById(id, FormerDevice(id))));
            foreach (var (label, select) in selectors)
            {
                WriteProgress(new ProgressRecord(1, Activity, $"{++_count}: {label}"));
                Approve(session, _decider, select);
            }
        }

        protected override void EndProcessing()
        {
            if (_count > 0) WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void Approve(GatewaySession session, RequestDecider decider, Func<DevicePairingSnapshot, PendingDeviceRequest> select)
        {
            var resolved = Run(token => decider.ResolveAsync(select, token));
            CompletionCache.Current.Remember(resolved.Snapshot, session.Release.KnownScopes);
            if (resolved.Request is not { } request)
            {
                WriteError(resolved.Error!);
                return;
            }
            if (!ShouldProcess($"request {request.RequestId} from {request.Name} ({PairingRequest.ShortId(request.DeviceId)}) on {session.Url}", request.DescribeApproval())) return;
            var decision = Run(token => decider.ApproveAsync(request, token));
            if (decision.Error != null) WriteError(decision.Error);
            if (PassThru && decision.Applied) WriteObject(new OpenClawDeviceRequest(decision, session.Url));
        }

        /// <summary>
        /// The device a request id belonged to when it was last listed, to name its current request if it is gone.
        /// Read here, on the pipeline thread: the completion cache belongs to the runspace, which other threads do not see.
        /// </summary>
        private static string? FormerDevice(string requestId) =>
            CompletionCache.Current.Requests.FirstOrDefault(r => string.Equals(r.RequestId, requestId, StringComparison.OrdinalIgnoreCase))?.DeviceId;
    }
}
