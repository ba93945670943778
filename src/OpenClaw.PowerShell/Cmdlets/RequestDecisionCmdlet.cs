using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// What Approve- and Deny-OpenClawDeviceRequest share: their parameters and sets (by request id or by device,
    /// each online and offline), picking each request from a list read right before acting, the confirmation and
    /// the output. Online, items are decided as they arrive, so the cmdlets can follow Get-OpenClawDeviceRequest
    /// -Wait; offline, the batch is gathered and written at the end, as one change to the store.
    /// </summary>
    public abstract class RequestDecisionCmdlet : GatewayCmdlet
    {
        protected const string ByRequestIdSet = "ByRequestId";
        protected const string ByDeviceSet = "ByDevice";
        private const string ByRequestIdOfflineSet = "ByRequestIdOffline";
        private const string ByDeviceOfflineSet = "ByDeviceOffline";
        private readonly RoutedBatch<(string Label, Func<DevicePairingSnapshot, PendingDeviceRequest> Select, Func<PairingRequest, OpenClawException?>? Guard)> _offlineBatch =
            new RoutedBatch<(string, Func<DevicePairingSnapshot, PendingDeviceRequest>, Func<PairingRequest, OpenClawException?>?)>();
        private readonly Dictionary<GatewaySession, RequestDecider> _deciders = new Dictionary<GatewaySession, RequestDecider>();
        private OfflineLifecycleFlow? _flow;
        private int _count;

        /// <summary>The requests to decide. Binds from the RequestId property of listed requests.</summary>
        [Parameter(ParameterSetName = ByRequestIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByRequestIdOfflineSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RequestIdCompleter))]
        public string[] RequestId { get; set; } = Array.Empty<string>();

        /// <summary>Decide whatever request these devices have pending at this moment (full id or unique prefix).</summary>
        /// <remarks>
        /// Offline it does not bind from the pipeline: a piped request carries both RequestId and DeviceId, and
        /// online the default set (ByRequestId) settles which one binds; with -Offline both offline sets remain and
        /// a cmdlet has only one default, so the engine would refuse every piped request as ambiguous.
        /// </remarks>
        [Parameter(ParameterSetName = ByDeviceSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByDeviceOfflineSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[] DeviceId { get; set; } = Array.Empty<string>();

        /// <summary>With -DeviceId: only a request for this role. Any role when omitted.</summary>
        [Parameter(ParameterSetName = ByDeviceSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByDeviceOfflineSet)]
        public string? Role { get; set; }

        /// <summary>Return each decided request.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Change the pairing store in -StateDirectory instead of asking a gateway; the gateway must be stopped.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByRequestIdOfflineSet)]
        [Parameter(Mandatory = true, ParameterSetName = ByDeviceOfflineSet)]
        public override SwitchParameter Offline { get; set; }

        /// <summary>Offline: do not keep a timestamped backup of each store file before changing it.</summary>
        [Parameter(ParameterSetName = ByRequestIdOfflineSet)]
        [Parameter(ParameterSetName = ByDeviceOfflineSet)]
        public SwitchParameter NoBackup { get; set; }

        // GatewayCmdlet's connection parameters, overridden so that they belong to the online sets only.
        [Parameter(ParameterSetName = ByRequestIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateNotNullOrEmpty]
        public override OpenClawConnection[]? Connection { get; set; }

        [Parameter(ParameterSetName = ByRequestIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateNotNullOrEmpty]
        public override string? Url { get; set; }

        [Parameter(ParameterSetName = ByRequestIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [SecretTransformation]
        public override SecureString? Token { get; set; }

        [Parameter(ParameterSetName = ByRequestIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [SecretTransformation]
        public override SecureString? Password { get; set; }

        [Parameter(ParameterSetName = ByRequestIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateNotNullOrEmpty]
        public override string? TlsFingerprint { get; set; }

        [Parameter(ParameterSetName = ByRequestIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateRange(1, 3600)]
        public override int TimeoutSec { get; set; } = 30;

        /// <summary>Write-Progress activity of the batch.</summary>
        protected abstract string Activity { get; }

        /// <summary>The -WhatIf and -Confirm text (PairingRequest.DescribeApproval or DescribeDenial).</summary>
        protected abstract string Describe(PairingRequest request);

        /// <summary>The online decision, through the gateway; <paramref name="guard"/> is <see cref="Guard"/>'s check for this item.</summary>
        protected abstract Task<RequestDecision> DecideAsync(RequestDecider decider, PairingRequest request,
            Func<PairingRequest, OpenClawException?>? guard, CancellationToken cancellation);

        /// <summary>
        /// A check of the request found right before acting, made from what the current pipeline object claimed
        /// (a refusal is that item's error, and nothing is decided); null when there is nothing to check. Taken
        /// once per record, because -Offline decides the whole batch at the end, after later records rebound the parameters.
        /// </summary>
        protected virtual Func<PairingRequest, OpenClawException?>? Guard() => null;

        /// <summary>The offline decision, as a store edit.</summary>
        protected abstract OfflineLifecycleItem Plan(OfflineLifecycle lifecycle, PairingRequest request);

        /// <summary>Made on first use, in EndProcessing, when -NoBackup is bound.</summary>
        private OfflineLifecycleFlow Flow => _flow ??= new OfflineLifecycleFlow(this, Activity, NoBackup);

        protected override void BeginProcessing() => OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);

        protected override void ProcessRecord()
        {
            var guard = Guard();
            var selectors = ParameterSetName == ByDeviceSet || ParameterSetName == ByDeviceOfflineSet
                ? DeviceId.Select(id => (Label: "device " + id, Select: RequestSelector.SelectForDevice(id, Role), Guard: guard))
                : RequestId.Select(id => (Label: "request " + id, Select: RequestSelector.SelectById(id, FormerDevice(id)), Guard: guard));
            // Online, each request is decided as it arrives (so this can follow Get-OpenClawDeviceRequest -Wait), on
            // the gateway it was read from; offline ones are gathered into one write per folder.
            foreach (var selector in selectors)
            {
                foreach (var route in RoutesFor(selector.Label))
                {
                    if (route.IsOffline)
                    {
                        _offlineBatch.Add(route, selector);
                        continue;
                    }
                    var session = Sessions.For(route, ManagementAccess.ChangeDevices, null);
                    if (!_deciders.TryGetValue(session, out var decider)) _deciders[session] = decider = new RequestDecider(session);
                    WriteProgress(new ProgressRecord(1, Activity, $"{++_count}: {selector.Label}"));
                    DecideOnline(session, decider, selector.Select, selector.Guard);
                }
            }
        }

        protected override void EndProcessing()
        {
            foreach (var (route, batch) in _offlineBatch.Groups) EndOffline(OfflineFolder(route), batch);
            if (_count > 0) WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void DecideOnline(GatewaySession session, RequestDecider decider, Func<DevicePairingSnapshot, PendingDeviceRequest> select,
            Func<PairingRequest, OpenClawException?>? guard)
        {
            var resolved = Run(token => decider.ResolveAsync(select, token));
            CompletionCache.Current.Remember(resolved.Snapshot, session.Release.KnownScopes);
            if (resolved.Request is not { } request)
            {
                WriteError(resolved.Error!);
                return;
            }
            // Checked before asking, so -WhatIf shows the refusal too; DecideAsync checks again after any prompt.
            if (guard?.Invoke(request) is { } refusal)
            {
                WriteError(refusal);
                return;
            }
            if (!ShouldProcess(Target(request, "on " + session.Url), Describe(request))) return;
            var decision = Run(token => DecideAsync(decider, request, guard, token));
            if (decision.Error != null) WriteError(decision.Error);
            if (PassThru && decision.Applied) WriteObject(new OpenClawDeviceRequest(decision, OpenClawOrigin.Of(session)));
        }

        /// <summary>Every id resolved against one snapshot of the store; a request named twice is decided once.</summary>
        private void EndOffline(string folder,
            IReadOnlyList<(string Label, Func<DevicePairingSnapshot, PendingDeviceRequest> Select, Func<PairingRequest, OpenClawException?>? Guard)> batch)
        {
            var state = Flow.Open(folder);
            var lifecycle = new OfflineLifecycle(state);
            var requests = new List<PairingRequest>();
            for (var i = 0; i < batch.Count; i++)
            {
                Flow.ReportResolving(i, batch.Count, batch[i].Label);
                try
                {
                    var request = lifecycle.Describe(batch[i].Select(state.Snapshot));
                    // Judged on the store as this command read it; the write below needs the gateway stopped, so no
                    // gateway merges scopes into the request between this check and the write.
                    if (batch[i].Guard?.Invoke(request) is { } refusal) WriteError(refusal);
                    else if (requests.All(r => r.RequestId != request.RequestId)) requests.Add(request);
                }
                catch (OpenClawException e)
                {
                    WriteError(e);
                }
            }
            if (requests.Count == 0) return;
            Flow.RefuseIfGatewayRuns(lifecycle);
            var items = requests.Where(r => ShouldProcess(Target(r, "in " + state.StateDirectory), Describe(r))).Select(r => Plan(lifecycle, r)).ToList();
            if (items.Count == 0) return;
            foreach (var outcome in Flow.Commit(state, lifecycle, items))
            {
                var decision = outcome.ToDecision();
                if (decision.Error != null) WriteError(decision.Error);
                if (PassThru && decision.Applied) WriteObject(new OpenClawDeviceRequest(decision, OpenClawOrigin.Of(state)));
            }
        }

        private static string Target(PairingRequest request, string where) =>
            $"request {request.RequestId} from {request.Name} ({PairingRequest.ShortId(request.DeviceId)}) {where}";

        /// <summary>
        /// The device a request id belonged to when it was last listed, to name its current request if it is gone.
        /// Read here, on the pipeline thread: the completion cache belongs to the runspace, which other threads do not see.
        /// </summary>
        private static string? FormerDevice(string requestId) =>
            CompletionCache.Current.Requests.FirstOrDefault(r => string.Equals(r.RequestId, requestId, StringComparison.OrdinalIgnoreCase))?.DeviceId;
    }
}
