using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Gives a paired device a name people recognise (device.pair.rename, OpenClaw 2026.8.1 and later). The gateway
    /// keeps it as the device's operator label, next to the display name the client sent when it paired. With
    /// -Offline the label is written into the store (operatorLabel in JSON, operator_label in SQLite), every rename
    /// of the pipeline in one write.
    /// </summary>
    [Cmdlet(VerbsCommon.Rename, "OpenClawDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = OnlineSet)]
    [OutputType(typeof(OpenClawDevice))]
    public sealed class RenameOpenClawDeviceCommand : DeviceLifecycleCmdlet<(string DeviceId, string NewName)>
    {
        /// <summary>The gateway's schema refuses longer labels (2026.9.6: "must not have more than 64 characters").</summary>
        private const int MaxNameLength = 64;

        protected override string Activity => "Renaming OpenClaw devices";

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
            Gather("device " + DeviceId, (DeviceId, NewName));
        }

        /// <summary>One gateway's renames, in order, each followed by a list that shows it (and feeds completion).</summary>
        private protected override void EndOnline(Route route, IReadOnlyList<(string DeviceId, string NewName)> batch)
        {
            var session = Sessions.For(route, ManagementAccess.ChangeDevices, null);
            var snapshot = ReadDevices(session, DeviceMethods.Rename);
            foreach (var (id, name) in batch)
            {
                var device = DeviceSelector.Single(snapshot.Paired, id, out var notFound);
                if (device == null)
                {
                    WriteError(notFound!);
                    continue;
                }
                if (!ShouldProcess($"{DeviceNames.Of(device)} on {session.Url}", $"Rename to '{name}'")) continue;
                try
                {
                    snapshot = Run(async token =>
                    {
                        var client = await session.DevicesAsync(token).ConfigureAwait(false);
                        await client.RenameAsync(device.DeviceId, name, token).ConfigureAwait(false);
                        return await client.ListAsync(token).ConfigureAwait(false);
                    });
                }
                catch (OpenClawException e)
                {
                    WriteError(e);
                    continue;
                }
                // The list afterwards feeds completion, so -Name completes the new name at once.
                CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);
                var renamed = snapshot.Find(device.DeviceId);
                if (PassThru && renamed != null) WriteObject(DeviceReader.ToOutput(renamed, snapshot, session));
            }
        }

        /// <summary>
        /// Every rename of the pipeline against one snapshot, in one write. A device named twice gets the last name
        /// (the store applies edits in order, and the first would only be overwritten).
        /// </summary>
        private protected override void EndOffline(string folder, IReadOnlyList<(string DeviceId, string NewName)> batch)
        {
            var state = Flow.Open(folder);
            var lifecycle = new OfflineLifecycle(state);
            try
            {
                lifecycle.RequireLabels();
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
            }
            var renames = new List<(PairedDevice Device, string NewName)>();
            for (var i = 0; i < batch.Count; i++)
            {
                var (id, name) = batch[i];
                Flow.ReportResolving(i, batch.Count, id);
                var device = DeviceSelector.Single(state.Snapshot.Paired, id, out var notFound);
                if (device == null)
                {
                    WriteError(notFound!);
                    continue;
                }
                renames.RemoveAll(r => r.Device.DeviceId == device.DeviceId);
                renames.Add((device, name));
            }
            if (renames.Count == 0) return;
            Flow.RefuseIfGatewayRuns(lifecycle);
            var items = renames.Where(r => ShouldProcess($"{DeviceNames.Of(r.Device)} in {state.StateDirectory}", $"Rename to '{r.NewName}'"))
                .Select(r => lifecycle.Rename(r.Device, r.NewName)).ToList();
            if (items.Count == 0) return;
            foreach (var outcome in Flow.Commit(state, lifecycle, items))
            {
                if (outcome.Error != null) WriteError(outcome.Error);
                if (PassThru && outcome.Stored.Applied && outcome.DeviceAfter != null) WriteObject(OfflineDeviceReader.ToOutput(outcome.DeviceAfter, state));
            }
        }
    }
}
