using System;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Gives a paired device a name people recognise (device.pair.rename, OpenClaw 2026.7 and later). The gateway
    /// keeps it as the device's operator label, next to the display name the client sent when it paired.
    /// </summary>
    [Cmdlet(VerbsCommon.Rename, "OpenClawDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OpenClawDevice))]
    public sealed class RenameOpenClawDeviceCommand : GatewayCmdlet
    {
        /// <summary>The gateway's schema refuses longer labels (2026.9.6: "must not have more than 64 characters").</summary>
        private const int MaxNameLength = 64;
        private DevicePairingSnapshot? _snapshot;

        /// <summary>The device: its full id or a unique prefix (the short id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string DeviceId { get; set; } = "";

        /// <summary>The new name, at most 64 characters.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, MaxNameLength)]
        public string NewName { get; set; } = "";

        /// <summary>Return the renamed device as the gateway lists it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (string.IsNullOrWhiteSpace(NewName))
            {
                // The gateway trims the label and answers "label required" for a blank one.
                WriteError(new OpenClawException(LifecycleErrors.InvalidDeviceName, OpenClawErrorKind.InvalidArgument,
                    "The new name is blank; give the device a name of 1 to 64 characters.", null, NewName));
                return;
            }
            var session = OpenSession(ManagementAccess.ChangeDevices, null);
            _snapshot ??= ReadDevices(session);
            var device = DeviceSelector.Single(_snapshot.Paired, DeviceId, out var notFound);
            if (device == null)
            {
                WriteError(notFound!);
                return;
            }
            if (!ShouldProcess($"{DeviceNames.Of(device)} on {session.Url}", $"Rename to '{NewName}'")) return;

            try
            {
                _snapshot = Run(async token =>
                {
                    var client = await session.DevicesAsync(token).ConfigureAwait(false);
                    await client.RenameAsync(device.DeviceId, NewName, token).ConfigureAwait(false);
                    return await client.ListAsync(token).ConfigureAwait(false);
                });
            }
            catch (OpenClawException e)
            {
                WriteError(e);
                return;
            }
            // The list afterwards feeds completion, so -Name completes the new name at once.
            CompletionCache.Current.Remember(_snapshot, session.Release.KnownScopes);
            var renamed = _snapshot.Find(device.DeviceId);
            if (PassThru && renamed != null) WriteObject(DeviceReader.ToOutput(renamed, _snapshot, session));
        }

        /// <summary>Setup: a gateway without device.pair.rename (before 2026.7) stops the command before anything changes.</summary>
        private DevicePairingSnapshot ReadDevices(GatewaySession session)
        {
            try
            {
                var snapshot = Run(async token =>
                {
                    var client = await session.DevicesAsync(token).ConfigureAwait(false);
                    ReleaseSupport.Require(session, client, ReleaseSupport.Rename);
                    return await client.ListAsync(token).ConfigureAwait(false);
                });
                CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);
                return snapshot;
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
        }
    }
}
