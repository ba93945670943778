using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Lists the devices paired with a gateway, with their roles, approved scopes and token summaries; with
    /// -Offline, reads them from a gateway's state folder instead, with no gateway running. Several gateways at
    /// once: -Connection $a, $b, or connections piped from Get-OpenClawConnection; piped devices are read again
    /// from the gateway or folder they came from. Every device carries its Origin.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OpenClawDevice", DefaultParameterSetName = OnlineSet)]
    [OutputType(typeof(OpenClawDevice))]
    public sealed class GetOpenClawDeviceCommand : OnlineOrOfflineCmdlet
    {
        private readonly Dictionary<Route, Listing> _listings = new Dictionary<Route, Listing>();
        private string[]? _namedIds;
        private bool _connectionNamed;

        /// <summary>Device ids: full ids, unique prefixes (the short id) or wildcards.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[]? DeviceId { get; set; }

        /// <summary>Display names or client ids; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only devices that hold this role (operator, node).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Role { get; set; }

        /// <summary>Only devices not used for at least this long: 90d, 12h, 30m, 2w, or a TimeSpan.</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan InactiveFor { get; set; }

        /// <summary>Connections from Connect-OpenClawGateway, given or piped (Get-OpenClawConnection | Get-OpenClawDevice).</summary>
        [Parameter(ParameterSetName = OnlineSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override OpenClawConnection[]? Connection { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A piped connection also binds its own DeviceId (the module's device) by property name; only ids named
            // on the command line select devices then.
            _connectionNamed = MyInvocation.BoundParameters.ContainsKey(nameof(Connection));
            _namedIds = MyInvocation.BoundParameters.ContainsKey(nameof(DeviceId)) ? DeviceId : null;
        }

        protected override void ProcessRecord()
        {
            var connectionPiped = !_connectionNamed && Connection != null;
            var ids = connectionPiped ? _namedIds : DeviceId;
            foreach (var route in RoutesFor(ids == null ? "the device list" : "device " + string.Join(", ", ids)))
            {
                // One list per gateway or folder, however many ids arrive from the pipeline.
                if (!_listings.TryGetValue(route, out var listing))
                {
                    if (route.IsOffline && ListsEveryDevice(ids))
                    {
                        if (StreamOffline(OfflineFolder(route)) is { } streamed) _listings[route] = streamed;
                        continue;
                    }
                    _listings[route] = listing = route.IsOffline ? ReadOffline(OfflineFolder(route)) : ReadOnline(route);
                }
                foreach (var device in DeviceSelector.Select(listing.Snapshot.Paired, ids, Name, Role, WriteError).Where(d => IsSelectedByActivity(d, listing.ListedAt)))
                {
                    WriteObject(listing.ToOutput(device));
                }
            }
        }

        private Listing ReadOnline(Route route)
        {
            var (snapshot, toOutput) = DeviceReader.List(this, route, null);
            WarnIfUseIsNotRecorded(snapshot);
            return new Listing(snapshot, toOutput);
        }

        private Listing ReadOffline(string folder)
        {
            var state = OfflineDeviceReader.OpenOrStop(this, folder, null);
            WarnIfUseIsNotRecorded(state.Snapshot);
            return new Listing(state.Snapshot, OfflineDeviceReader.Outputs(state, state.Snapshot.Pending));
        }

        /// <summary>
        /// Nothing to select by that needs the whole list first: -DeviceId prefixes must be unique among all devices,
        /// -Name reports a name no device has, -InactiveFor judges how the whole store records use. -Role is per device.
        /// </summary>
        private bool ListsEveryDevice(string[]? ids) => ids == null && Name == null && InactiveFor <= TimeSpan.Zero;

        /// <summary>
        /// The unfiltered offline listing writes each device as soon as it is built (IPairingStore.Stream), so the
        /// next command of the pipeline starts on the first while the rest are still being built. Nothing holds a
        /// written device unless more pipeline input can come, which would select from the devices again: tab
        /// completion remembers the folder, not the devices (CompletionCache.RememberFolder), and what the next
        /// command drops is garbage at once. Keeping 10,000 devices, or anything for each, until the end of the
        /// command made the garbage collector copy them from generation to generation while the rest were built.
        /// A record that cannot be read stops the command: for JSON before any device (the store checks every
        /// record first), for SQLite when its row is reached (see SqlitePairingStore.Stream).
        /// </summary>
        private Listing? StreamOffline(string folder)
        {
            OfflineState state;
            PairedDeviceStream stream;
            try
            {
                state = OfflineDeviceReader.OpenUnread(this, folder);
                stream = state.Store.Stream();
            }
            catch (Exception e) when (OfflineDeviceReader.IsStoreFailure(e))
            {
                ThrowTerminating(OfflineDeviceReader.Wrap(e, folder));
                throw; // not reached: ThrowTerminatingError does not return
            }
            // Before the first device: a listing the next command stops early (Select-Object -First) still counts.
            CompletionCache.Current.RememberFolder(state.StateDirectory, stream.Pending, state.Release.KnownScopes);
            var toOutput = OfflineDeviceReader.Outputs(state, stream.Pending);
            var listed = MyInvocation.ExpectingInput ? new List<PairedDevice>() : null;
            var count = 0;
            using (stream)
            using (var devices = stream.Paired.GetEnumerator())
            {
                while (Next(devices, folder))
                {
                    var device = devices.Current;
                    count++;
                    listed?.Add(device);
                    if (DeviceSelector.HasRole(device, Role)) WriteObject(toOutput(device));
                }
            }
            WriteVerbose($"Offline: read {count} paired device(s) from {state.Store.Location}.");
            return listed == null ? null : new Listing(new DevicePairingSnapshot(listed, stream.Pending), toOutput);
        }

        /// <summary>The next device; a record that cannot be read stops the command (the devices before it were written).</summary>
        private bool Next(IEnumerator<PairedDevice> devices, string folder)
        {
            try
            {
                return devices.MoveNext();
            }
            catch (Exception e) when (OfflineDeviceReader.IsStoreFailure(e))
            {
                ThrowTerminating(OfflineDeviceReader.Wrap(e, folder));
                return false;
            }
        }

        /// <summary>-InactiveFor: last use, else approval, else creation, older than the span (see DeviceActivity).</summary>
        private bool IsSelectedByActivity(PairedDevice device, DateTimeOffset listedAt)
        {
            if (InactiveFor <= TimeSpan.Zero) return true;
            if (DeviceActivity.LastActivity(device) == null)
            {
                WriteVerbose($"{DeviceNames.Of(device)} has no times recorded, so it is not judged inactive.");
                return false;
            }
            return DeviceActivity.IsInactive(device, InactiveFor, listedAt);
        }

        private void WarnIfUseIsNotRecorded(DevicePairingSnapshot snapshot)
        {
            if (InactiveFor <= TimeSpan.Zero || DeviceActivity.RecordsEveryConnect(snapshot)) return;
            WriteWarning("This gateway records a device's use only when it signs in with its device token (OpenClaw 2026.2.x); "
                         + "devices that connect with the gateway token can look unused. Check the list before removing devices.");
        }

        /// <summary>One gateway's or folder's devices, read once per invocation, and how each becomes an output object.</summary>
        private sealed class Listing
        {
            public Listing(DevicePairingSnapshot snapshot, Func<PairedDevice, OpenClawDevice> toOutput)
            {
                Snapshot = snapshot;
                ToOutput = toOutput;
            }

            public DevicePairingSnapshot Snapshot { get; }

            public Func<PairedDevice, OpenClawDevice> ToOutput { get; }

            public DateTimeOffset ListedAt { get; } = DateTimeOffset.UtcNow;
        }
    }
}
