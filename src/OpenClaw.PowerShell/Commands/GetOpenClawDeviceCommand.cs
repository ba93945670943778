using System.Management.Automation;
using OpenClaw.Core.Devices;
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

        protected override void ProcessRecord()
        {
            var session = OpenSession(ManagementAccess.ReadDevices, null);
            // One list per invocation, however many ids arrive from the pipeline.
            if (_snapshot == null)
            {
                _snapshot = Run(async token => await (await session.DevicesAsync(token).ConfigureAwait(false)).ListAsync(token).ConfigureAwait(false));
                CompletionCache.Current.Remember(_snapshot, session.Release.KnownScopes);
            }
            foreach (var device in DeviceSelector.Select(_snapshot.Paired, DeviceId, Name, Role, WriteError))
            {
                WriteObject(DeviceReader.ToOutput(device, _snapshot, session));
            }
        }
    }
}
