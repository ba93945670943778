using System;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>Lists the devices paired with a gateway, with their roles, approved scopes and token summaries.</summary>
    [Cmdlet(VerbsCommon.Get, "OpenClawDevice")]
    [OutputType(typeof(OpenClawDevice))]
    public sealed class GetOpenClawDeviceCommand : GatewayCmdlet
    {
        private DevicePairingSnapshot? _snapshot;
        private DateTimeOffset _listedAt;

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
            var session = OpenSession(ManagementAccess.ReadDevices, null);
            // One list per invocation, however many ids arrive from the pipeline.
            if (_snapshot == null)
            {
                _snapshot = Run(async token => await (await session.DevicesAsync(token).ConfigureAwait(false)).ListAsync(token).ConfigureAwait(false));
                CompletionCache.Current.Remember(_snapshot, session.Release.KnownScopes);
                _listedAt = DateTimeOffset.UtcNow;
                WarnIfUseIsNotRecorded(_snapshot);
            }
            foreach (var device in DeviceSelector.Select(_snapshot.Paired, DeviceId, Name, Role, WriteError).Where(IsSelectedByActivity))
            {
                WriteObject(DeviceReader.ToOutput(device, _snapshot, session));
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
