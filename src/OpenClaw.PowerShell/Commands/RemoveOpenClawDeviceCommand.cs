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
    /// Unpairs devices and rejects the pending requests the gateway leaves behind, which would otherwise stop a
    /// removed local device from pairing again silently for up to 5 minutes. The batch is gathered from the pipeline
    /// first: one connection, one list to resolve ids and one list afterwards to confirm and find leftovers. With
    /// -Offline the devices and their requests are deleted from the store in one write.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "OpenClawDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = OnlineSet)]
    [OutputType(typeof(DeviceRemoval))]
    public sealed class RemoveOpenClawDeviceCommand : DeviceLifecycleCmdlet<string>
    {

        protected override string Activity => "Removing OpenClaw devices";

        /// <summary>Devices: full ids or unique prefixes (the short id). Binds from devices and reports.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[] DeviceId { get; set; } = Array.Empty<string>();

        /// <summary>Also remove the identity the module signs with (offline: the folder's own CLI identity).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return a record for each device removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in DeviceId) Gather("device " + id, id);
        }

        private protected override void EndOnline(Route route, IReadOnlyList<string> batch)
        {
            var session = Sessions.For(route, ManagementAccess.ChangeDevices, null);
            var snapshot = ReadDevices(session, DeviceMethods.Remove);

            var approved = Resolve(batch, snapshot, session.Identity.Identity.DeviceId, session.Identity.IsOpenClawCli)
                .Where(d => Confirm(d, snapshot, "on " + session.Url)).ToList();
            if (approved.Count == 0) return;

            var outcomes = Run(token => new DeviceRemover(session).RemoveAsync(approved, token));
            Report(outcomes, OpenClawOrigin.Of(session), session.Release.Name);
        }

        /// <summary>
        /// The same checks against the store; the devices and every pending request of theirs are deleted in one
        /// write. The folder's own CLI identity is the one protected offline.
        /// </summary>
        private protected override void EndOffline(string folder, IReadOnlyList<string> batch)
        {
            var state = Flow.Open(folder);
            var lifecycle = new OfflineLifecycle(state);
            var candidates = Resolve(batch, state.Snapshot, state.LocalDeviceId, true);
            if (candidates.Count == 0) return;
            Flow.RefuseIfGatewayRuns(lifecycle);
            var items = candidates.Where(d => Confirm(d, state.Snapshot, "in " + state.StateDirectory)).Select(lifecycle.Remove).ToList();
            if (items.Count == 0) return;
            Report(Flow.Commit(state, lifecycle, items).Select(o => o.ToRemoval()).ToList(), OpenClawOrigin.Of(state), state.Release.Name);
        }

        /// <summary>Every id resolved against one list; a full id and its short id name the same device.</summary>
        private List<PairedDevice> Resolve(IReadOnlyList<string> batch, DevicePairingSnapshot snapshot, string? actingDeviceId, bool actingIsOpenClawCli)
        {
            var candidates = new List<PairedDevice>();
            for (var i = 0; i < batch.Count; i++)
            {
                Flow.ReportResolving(i, batch.Count, batch[i]);
                var device = DeviceSelector.Single(snapshot.Paired, batch[i], out var notFound);
                if (device == null)
                {
                    WriteError(notFound!);
                    continue;
                }
                if (candidates.Any(d => d.DeviceId == device.DeviceId)) continue;
                if (!Force && string.Equals(device.DeviceId, actingDeviceId, StringComparison.OrdinalIgnoreCase))
                {
                    WriteError(LifecycleErrors.Protected(device, actingIsOpenClawCli, "remove"));
                    continue;
                }
                candidates.Add(device);
            }
            return candidates;
        }

        private bool Confirm(PairedDevice device, DevicePairingSnapshot snapshot, string where)
        {
            var pending = snapshot.PendingFor(device.DeviceId).Count;
            var action = "Remove the device" + (pending > 0 ? $" and reject its {pending} pending request{(pending == 1 ? "" : "s")}" : "");
            return ShouldProcess($"{DeviceNames.Of(device)} {where}", action);
        }

        private void Report(IReadOnlyList<RemovalOutcome> outcomes, OpenClawOrigin origin, string releaseName)
        {
            // Tab completion must not keep offering devices that are gone.
            CompletionCache.Current.Forget(outcomes.Where(o => o.Removed).Select(o => o.Device.DeviceId));
            foreach (var outcome in outcomes)
            {
                foreach (var error in outcome.Errors) WriteError(error);
                if (outcome.RejectedRequestIds.Count > 0)
                {
                    WriteVerbose($"Rejected the requests {DeviceNames.Of(outcome.Device)} left behind: {string.Join(", ", outcome.RejectedRequestIds)}.");
                }
                if (PassThru) WriteObject(new DeviceRemoval(outcome, origin, releaseName));
            }
        }
    }
}
