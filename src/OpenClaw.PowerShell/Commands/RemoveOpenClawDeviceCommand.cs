using System;
using System.Collections.Generic;
using System.Linq;
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
    /// Unpairs devices and rejects the pending requests the gateway leaves behind, which would otherwise stop a
    /// removed local device from pairing again silently for up to 5 minutes. The batch is gathered from the pipeline
    /// first: one connection, one list to resolve ids and one list afterwards to confirm and find leftovers.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "OpenClawDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DeviceRemoval))]
    public sealed class RemoveOpenClawDeviceCommand : GatewayCmdlet
    {
        private readonly List<string> _batch = new List<string>();

        /// <summary>Devices: full ids or unique prefixes (the short id). Binds from devices and reports.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[] DeviceId { get; set; } = Array.Empty<string>();

        /// <summary>Also remove the identity the module signs with.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return a record for each device removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in DeviceId.Where(id => !_batch.Contains(id))) _batch.Add(id);
        }

        protected override void EndProcessing()
        {
            if (_batch.Count == 0) return;
            var session = OpenSession(ManagementAccess.ChangeDevices, null);
            var snapshot = ReadDevices(session);
            CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);

            var approved = new List<PairedDevice>();
            var seen = new HashSet<string>();
            foreach (var id in _batch)
            {
                var device = DeviceSelector.Single(snapshot.Paired, id, out var notFound);
                if (device == null)
                {
                    WriteError(notFound!);
                    continue;
                }
                if (!seen.Add(device.DeviceId)) continue; // a full id and its short id name the same device
                if (!Force && string.Equals(device.DeviceId, session.Identity.Identity.DeviceId, StringComparison.OrdinalIgnoreCase))
                {
                    WriteError(LifecycleErrors.Protected(device, session.Identity.IsOpenClawCli, "remove"));
                    continue;
                }
                var pending = snapshot.PendingFor(device.DeviceId).Count;
                var action = "Remove the device" + (pending > 0 ? $" and reject its {pending} pending request{(pending == 1 ? "" : "s")}" : "");
                if (!ShouldProcess($"{DeviceNames.Of(device)} on {session.Url}", action)) continue;
                approved.Add(device);
            }
            if (approved.Count == 0) return;

            var outcomes = Run(token => new DeviceRemover(session).RemoveAsync(approved, token));
            // Tab completion must not keep offering devices that are gone.
            CompletionCache.Current.Forget(outcomes.Where(o => o.Removed).Select(o => o.Device.DeviceId));
            foreach (var outcome in outcomes)
            {
                foreach (var error in outcome.Errors) WriteError(error);
                if (outcome.RejectedRequestIds.Count > 0)
                {
                    WriteVerbose($"Rejected the requests {DeviceNames.Of(outcome.Device)} left behind: {string.Join(", ", outcome.RejectedRequestIds)}.");
                }
                if (PassThru) WriteObject(new DeviceRemoval(outcome, session.Url, session.Release.Name));
            }
        }

        /// <summary>Setup: a gateway without device.pair.remove (2026.2.17 and earlier) stops the command before anything changes.</summary>
        private DevicePairingSnapshot ReadDevices(GatewaySession session)
        {
            try
            {
                return Run(async token =>
                {
                    var client = await session.DevicesAsync(token).ConfigureAwait(false);
                    ReleaseSupport.Require(session, client, ReleaseSupport.Remove);
                    return await client.ListAsync(token).ConfigureAwait(false);
                });
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
        }
    }
}
