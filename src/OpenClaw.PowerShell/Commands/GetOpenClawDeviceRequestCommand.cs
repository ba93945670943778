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
        private readonly Dictionary<Route, Watched> _watched = new Dictionary<Route, Watched>();
        private bool _watchAll;

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
        public override SwitchParameter Offline { get; set; }

        // GatewayCmdlet's connection parameters, overridden so that they belong to the online sets (List, Wait)
        // only; PowerShell reads the overriding declaration's attributes only.
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateNotNullOrEmpty]
        public override OpenClawConnection[]? Connection { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateNotNullOrEmpty]
        public override string? Url { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [SecretTransformation]
        public override SecureString? Token { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [SecretTransformation]
        public override SecureString? Password { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateNotNullOrEmpty]
        public override string? TlsFingerprint { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WaitSet)]
        [ValidateRange(1, 3600)]
        public override int TimeoutSec { get; set; } = 30;

        protected override void BeginProcessing() => OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);

        protected override void ProcessRecord()
        {
            var label = DeviceId is { Length: > 0 } ? "device " + string.Join(", ", DeviceId) : "the request list";
            foreach (var route in RoutesFor(label))
            {
                if (!_watched.TryGetValue(route, out var source)) _watched[route] = source = route.IsOffline ? ReadOffline(route) : ReadOnline(route);
                WriteMatching(source, source.Snapshot, DeviceId, RequestId);
                // A named request that is not pending is reported, with its device's current request when known.
                foreach (var id in RequestId ?? Array.Empty<string>())
                {
                    try
                    {
                        RequestSelector.ById(source.Snapshot, id, CompletionCache.Current.Requests.FirstOrDefault(r => string.Equals(r.RequestId, id, StringComparison.OrdinalIgnoreCase))?.DeviceId);
                    }
                    catch (OpenClawException e)
                    {
                        WriteError(e);
                    }
                }
            }
            if (DeviceId == null) _watchAll = true;
            else _watchedDevices.AddRange(DeviceId);
        }

        protected override void EndProcessing()
        {
            var feeds = _watched.Values.Where(w => w.Feed != null).ToList();
            if (Wait && feeds.Count > 0) WaitForRequests(feeds);
        }

        private Watched ReadOnline(Route route)
        {
            var session = Sessions.For(route, ManagementAccess.ReadDevices, null);
            // Subscribe before the first list, so a request filed in between is not missed (duplicates are dropped).
            var source = new Watched(session, Wait ? PendingRequestFeed.Attach(session) : null, OpenClawOrigin.Of(session));
            source.Snapshot = List(source);
            return source;
        }

        /// <summary>The store's unexpired requests; the output carries the folder as its Origin.</summary>
        private Watched ReadOffline(Route route)
        {
            var state = OfflineDeviceReader.OpenOrStop(this, OfflineFolder(route));
            return new Watched(null, null, OpenClawOrigin.Of(state)) { Snapshot = state.Snapshot, Release = state.Release };
        }

        /// <summary>Each gateway's feed in turn, a slice each, so one quiet gateway does not hold up another's requests.</summary>
        private void WaitForRequests(IReadOnlyList<Watched> sources)
        {
            var deadline = DateTimeOffset.UtcNow + Timeout;
            WriteVerbose($"Waiting until {deadline.ToLocalTime():T} for new pairing requests on {string.Join(", ", sources.Select(s => s.Origin))}; Ctrl+C stops.");
            var devices = _watchAll ? null : _watchedDevices.ToArray();
            var slice = TimeSpan.FromTicks(WaitSlice.Ticks / sources.Count);
            while (true)
            {
                foreach (var source in sources)
                {
                    FlushVerbose();
                    var left = deadline - DateTimeOffset.UtcNow;
                    if (left <= TimeSpan.Zero)
                    {
                        WriteVerbose($"Stopped waiting for pairing requests after {Timeout}.");
                        return;
                    }
                    IReadOnlyList<PendingDeviceRequest> arrived;
                    try
                    {
                        arrived = source.Feed!.Take(left < slice ? left : slice, Cancellation);
                    }
                    catch (OperationCanceledException)
                    {
                        throw new PipelineStoppedException();
                    }
                    var dropped = !source.Session!.IsOpen;
                    if (arrived.Count == 0 && !dropped) continue;
                    foreach (var request in arrived) WriteVerbose($"{source.Origin} announced request {request.RequestId} from device {PairingRequest.ShortId(request.DeviceId)}.");
                    if (dropped) WriteVerbose($"{source.Origin} closed the connection; reconnecting and reading the requests again.");
                    // One fresh list per burst: the event lacks the device's approved scopes, and after a reconnect the
                    // list also catches requests announced while the connection was down.
                    WriteMatching(source, List(source), devices, null);
                }
            }
        }

        /// <summary>A list that fails ends the command (Run makes it terminating): the connection is unusable.</summary>
        private DevicePairingSnapshot List(Watched source)
        {
            var session = source.Session!;
            var snapshot = Run(token => new RequestDecider(session).ListAsync(token));
            CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);
            source.Release = session.Release;
            return snapshot;
        }

        private void WriteMatching(Watched source, DevicePairingSnapshot snapshot, string[]? devices, string[]? requestIds)
        {
            foreach (var request in snapshot.Pending.Where(r => MatchesDevice(r, devices) && MatchesId(r, requestIds)))
            {
                if (!_written.Add(source.Origin.Address + " " + request.RequestId)) continue;
                WriteObject(new OpenClawDeviceRequest(new PairingRequest(request, snapshot.Find(request.DeviceId), source.Release!), source.Origin));
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
            foreach (var source in _watched.Values) source.Feed?.Dispose();
            base.DisposeResources();
        }

        /// <summary>One gateway or folder this command lists: its session and request feed online, its latest list and release.</summary>
        private sealed class Watched
        {
            public Watched(GatewaySession? session, PendingRequestFeed? feed, OpenClawOrigin origin)
            {
                Session = session;
                Feed = feed;
                Origin = origin;
            }

            public GatewaySession? Session { get; }
            public PendingRequestFeed? Feed { get; }
            public OpenClawOrigin Origin { get; }
            public DevicePairingSnapshot Snapshot { get; set; } = null!;
            public GatewayRelease? Release { get; set; }
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
