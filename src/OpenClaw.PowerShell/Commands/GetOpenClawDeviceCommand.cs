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
    /// -Offline, reads them from a gateway's state folder instead, with no gateway running.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OpenClawDevice", DefaultParameterSetName = OnlineSet)]
    [OutputType(typeof(OpenClawDevice))]
    public sealed class GetOpenClawDeviceCommand : OnlineOrOfflineCmdlet
    {
        private DevicePairingSnapshot? _snapshot;
        private DateTimeOffset _listedAt;
        private Func<PairedDevice, OpenClawDevice>? _toOutput;

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

        protected override void ProcessRecord()
        {
            // One list per invocation, however many ids arrive from the pipeline.
            if (_snapshot == null && ParameterSetName == OfflineSet && ListsEveryDevice)
            {
                StreamOffline();
                return;
            }
            if (_snapshot == null)
            {
                if (ParameterSetName == OfflineSet) ReadOffline();
                else ReadOnline();
                _listedAt = DateTimeOffset.UtcNow;
                WarnIfUseIsNotRecorded(_snapshot!);
            }
            foreach (var device in DeviceSelector.Select(_snapshot!.Paired, DeviceId, Name, Role, WriteError).Where(IsSelectedByActivity))
            {
                WriteObject(_toOutput!(device));
            }
        }

        private void ReadOnline() => (_snapshot, _toOutput) = DeviceReader.List(this, null);

        private void ReadOffline()
        {
            var state = OfflineDeviceReader.OpenOrStop(this, StateDirectory!, null);
            _snapshot = state.Snapshot;
            _toOutput = device => OfflineDeviceReader.ToOutput(device, state);
        }

        /// <summary>
        /// Nothing to select by that needs the whole list first: -DeviceId prefixes must be unique among all devices,
        /// -Name reports a name no device has, -InactiveFor judges how the whole store records use. -Role is per device.
        /// </summary>
        private bool ListsEveryDevice => DeviceId == null && Name == null && InactiveFor <= TimeSpan.Zero;

        /// <summary>
        /// The unfiltered offline listing writes each device as soon as it is built (IPairingStore.Stream), so the
        /// next command of the pipeline starts on the first while the rest are still being built. The devices are
        /// kept as they pass and become the snapshot, for tab completion and for any later pipeline input. A record
        /// that cannot be read stops the command: for JSON before any device (the store checks every record first),
        /// for SQLite when its row is reached (see SqlitePairingStore.Stream).
        /// </summary>
        private void StreamOffline()
        {
            OfflineState state;
            PairedDeviceStream stream;
            try
            {
                state = OfflineDeviceReader.OpenUnread(this, StateDirectory!);
                stream = state.Store.Stream();
            }
            catch (Exception e) when (OfflineDeviceReader.IsStoreFailure(e))
            {
                ThrowTerminating(OfflineDeviceReader.Wrap(e, StateDirectory!));
                return;
            }
            var listed = new List<PairedDevice>();
            using (var devices = stream.Paired.GetEnumerator())
            {
                while (Next(devices))
                {
                    var device = devices.Current;
                    listed.Add(device);
                    if (DeviceSelector.HasRole(device, Role)) WriteObject(OfflineDeviceReader.ToOutput(device, stream.Pending, state));
                }
            }
            _snapshot = new DevicePairingSnapshot(listed, stream.Pending);
            _listedAt = DateTimeOffset.UtcNow;
            _toOutput = device => OfflineDeviceReader.ToOutput(device, stream.Pending, state);
            CompletionCache.Current.Remember(_snapshot, state.Release.KnownScopes);
        }

        /// <summary>The next device; a record that cannot be read stops the command (the devices before it were written).</summary>
        private bool Next(IEnumerator<PairedDevice> devices)
        {
            try
            {
                return devices.MoveNext();
            }
            catch (Exception e) when (OfflineDeviceReader.IsStoreFailure(e))
            {
                ThrowTerminating(OfflineDeviceReader.Wrap(e, StateDirectory!));
                return false;
            }
        }

        /// <summary>-InactiveFor: last use, else approval, else creation, older than the span (see DeviceActivity).</summary>
        private bool IsSelectedByActivity(PairedDevice device)
        {
            if (InactiveFor <= TimeSpan.Zero) return true;
            if (DeviceActivity.LastActivity(device) == null)
            {
                WriteVerbose($"{DeviceNames.Of(device)} has no times recorded, so it is not judged inactive.");
                return false;
            }
            return DeviceActivity.IsInactive(device, InactiveFor, _listedAt);
        }

        private void WarnIfUseIsNotRecorded(DevicePairingSnapshot snapshot)
        {
            if (InactiveFor <= TimeSpan.Zero || DeviceActivity.RecordsEveryConnect(snapshot)) return;
            WriteWarning("This gateway records a device's use only when it signs in with its device token (OpenClaw 2026.2.x); "
                         + "devices that connect with the gateway token can look unused. Check the list before removing devices.");
        }
    }
}
