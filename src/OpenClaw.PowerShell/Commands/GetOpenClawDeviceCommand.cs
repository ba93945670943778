using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Offline;
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

        private void ReadOnline()
        {
            var session = OpenSession(ManagementAccess.ReadDevices, null);
            var snapshot = Run(async token => await (await session.DevicesAsync(token).ConfigureAwait(false)).ListAsync(token).ConfigureAwait(false));
            CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);
            _snapshot = snapshot;
            _toOutput = device => DeviceReader.ToOutput(device, snapshot, session);
        }

        private void ReadOffline()
        {
            OfflineState state;
            try
            {
                state = OfflineDeviceReader.Open(this, StateDirectory!, null);
            }
            catch (Exception e) when (e is Core.Errors.OpenClawException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminating(OfflineDeviceReader.Wrap(e, StateDirectory!));
                return;
            }
            CompletionCache.Current.Remember(state.Snapshot, state.Release.KnownScopes);
            _snapshot = state.Snapshot;
            _toOutput = device => OfflineDeviceReader.ToOutput(device, state);
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
