using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Lists pending pairing requests with what approving each would change, and with -Wait goes on to stream new
    /// ones as devices file them, until -Timeout or Ctrl+C. With -Offline, reads them from a gateway's state folder
    /// instead, with no gateway running (-Wait is online only: a stopped gateway files no requests).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OpenClawDeviceRequest", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(OpenClawDeviceRequest))]
    public sealed class GetOpenClawDeviceRequestCommand : GatewayCmdlet
    {
        private const string ListSet = "List";
        private const string WaitSet = "Wait";
        private const string OfflineSet = "Offline";

        /// <summary>How often the wait looks at the connection and writes queued verbose messages.</summary>
        private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(1);

        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _watchedDevices = new List<string>();
        private bool _watchAll;
        private GatewaySession? _session;
        private DevicePairingSnapshot? _snapshot;
        private PendingRequestFeed? _feed;
        private GatewayRelease? _release;
        private Uri? _source;

        /// <summary>Only requests of these devices: full ids, unique prefixes (the short id) or wildcards.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[]? DeviceId { get; set; }

        /// <summary>Only these requests; an id that is not pending is reported.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = OfflineSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RequestIdCompleter))]
        public string[]? RequestId { get; set; }

        /// <summary>After the current requests, stream new ones as they arrive.</summary>
        [Parameter(ParameterSetName = WaitSet, Mandatory = true)]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits: 10m, 30s, 1h or a TimeSpan, from 1 second to 1 day; 5 minutes (a request's lifetime) by default.</summary>
        [Parameter(ParameterSetName = WaitSet)]
        [TimeSpanTransformation]
        [ValidateWaitTimeout]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Read the pending requests from the store in -StateDirectory instead of asking a gateway.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OfflineSet)]
        public SwitchParameter Offline { get; set; }

        // GatewayCmdlet's connection parameters, re-declared so that they belong to the online sets (List, Wait)
        // only; each forwards to the base property the connection code reads.
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateNotNull]
        public new OpenClawConnection? Connection { get => base.Connection; set => base.Connection = value; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateNotNullOrEmpty]
        public new string? Url { get => base.Url; set => base.Url = value; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [SecretTransformation]
        public new SecureString? Token { get => base.Token; set => base.Token = value; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [SecretTransformation]
        public new SecureString? Password { get => base.Password; set => base.Password = value; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateNotNullOrEmpty]
        public new string? TlsFingerprint { get => base.TlsFingerprint; set => base.TlsFingerprint = value; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateRange(1, 3600)]
        public new int TimeoutSec { get => base.TimeoutSec; set => base.TimeoutSec = value; }

        protected override void BeginProcessing() => OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);

        protected override void ProcessRecord()
        {
            if (Offline) _snapshot ??= ReadOffline();
            else
            {
                _session ??= OpenSession(ManagementAccess.ReadDevices, null);
                // Subscribe before the first list, so a request filed in between is not missed (duplicates are dropped).
                if (Wait && _feed == null) _feed = PendingRequestFeed.Attach(_session);
                _snapshot ??= List(_session);
            }

            WriteMatching(_snapshot, DeviceId, RequestId);
            // A named request that is not pending is reported, with its device's current request when known.
            foreach (var id in RequestId ?? Array.Empty<string>())
            {
                try
                {
                    RequestSelector.ById(_snapshot, id, CompletionCache.Current.Requests.FirstOrDefault(r => string.Equals(r.RequestId, id, StringComparison.OrdinalIgnoreCase))?.DeviceId);
                }
                catch (OpenClawException e)
                {
                    WriteError(e);
                }
            }
            if (DeviceId == null) _watchAll = true;
            else _watchedDevices.AddRange(DeviceId);
        }

        protected override void EndProcessing()
        {
            if (!Wait || _session == null || _feed == null) return;
            try
            {
                WaitForRequests(_session, _feed);
            }
            finally
            {
                _feed.Dispose();
            }
        }

        private void WaitForRequests(GatewaySession session, PendingRequestFeed feed)
        {
            var deadline = DateTimeOffset.UtcNow + Timeout;
            WriteVerbose($"Waiting until {deadline.ToLocalTime():T} for new pairing requests; Ctrl+C stops.");
            var devices = _watchAll ? null : _watchedDevices.ToArray();
            while (true)
            {
                FlushVerbose();
                var left = deadline - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero) break;
                IReadOnlyList<PendingDeviceRequest> arrived;
                try
                {
                    arrived = feed.Take(left < WaitSlice ? left : WaitSlice, Cancellation);
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
                var dropped = !session.IsOpen;
                if (arrived.Count == 0 && !dropped) continue;
                foreach (var request in arrived) WriteVerbose($"The gateway announced request {request.RequestId} from device {PairingRequest.ShortId(request.DeviceId)}.");
                if (dropped) WriteVerbose("The gateway closed the connection; reconnecting and reading the requests again.");
                // One fresh list per burst: the event lacks the device's approved scopes, and after a reconnect the
                // list also catches requests announced while the connection was down.
                WriteMatching(List(session), devices, null);
            }
            WriteVerbose($"Stopped waiting for pairing requests after {Timeout}.");
        }

        /// <summary>A list that fails ends the command (Run makes it terminating): the connection is unusable.</summary>
        private DevicePairingSnapshot List(GatewaySession session)
        {
            var snapshot = Run(token => new RequestDecider(session).ListAsync(token));
            CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);
            (_release, _source) = (session.Release, session.Url);
            return snapshot;
        }

        /// <summary>The store's unexpired requests; the output carries the folder as a file: URI where online ones carry the gateway URL.</summary>
        private DevicePairingSnapshot ReadOffline()
        {
            var state = OfflineDeviceReader.OpenOrStop(this, StateDirectory!);
            (_release, _source) = (state.Release, state.StateUri);
            return state.Snapshot;
        }

        private void WriteMatching(DevicePairingSnapshot snapshot, string[]? devices, string[]? requestIds)
        {
            foreach (var request in snapshot.Pending.Where(r => MatchesDevice(r, devices) && MatchesId(r, requestIds)))
            {
                if (!_written.Add(request.RequestId)) continue;
                WriteObject(new OpenClawDeviceRequest(new PairingRequest(request, snapshot.Find(request.DeviceId), _release!), _source!));
            }
        }

        /// <summary>
        /// Like device selection elsewhere: a wildcard, the full id, or a prefix of at least 6 characters. A device
        /// with no pending request is not an error: having none is the normal state.
        /// </summary>
        private static bool MatchesDevice(PendingDeviceRequest request, string[]? devices) =>
            devices == null || devices.Any(d => WildcardPattern.ContainsWildcardCharacters(d)
                ? new WildcardPattern(d, WildcardOptions.IgnoreCase).IsMatch(request.DeviceId)
                : string.Equals(request.DeviceId, d, StringComparison.OrdinalIgnoreCase)
                  || d.Length >= 6 && request.DeviceId.StartsWith(d, StringComparison.OrdinalIgnoreCase));

        private static bool MatchesId(PendingDeviceRequest request, string[]? ids) =>
            ids == null || ids.Contains(request.RequestId, StringComparer.OrdinalIgnoreCase);

        protected override void DisposeResources()
        {
            _feed?.Dispose();
            base.DisposeResources();
        }

        /// <summary>
        /// Keeps -Wait bounded: TimeSpanTransformation already refuses zero, negative and bare numbers (ticks); a wait
        /// of more than a day is refused too, so a forgotten watcher does not hold a connection open indefinitely.
        /// </summary>
        [AttributeUsage(AttributeTargets.Property)]
        internal sealed class ValidateWaitTimeoutAttribute : ValidateArgumentsAttribute
        {
            protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
            {
                var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
                if (value is TimeSpan span && span >= TimeSpan.FromSeconds(1) && span <= TimeSpan.FromDays(1)) return;
                throw new ValidationMetadataException($"The timeout {value} is not between 1 second and 1 day; give one such as 10m, 30s or 1h.");
            }
        }
    }
}
