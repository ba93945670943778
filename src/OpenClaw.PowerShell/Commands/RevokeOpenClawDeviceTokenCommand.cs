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
    /// Revokes devices' role tokens, so clients that sign in with them are refused. The batch is gathered from the
    /// pipeline first: one connection, one list to resolve ids and one list afterwards to confirm, for all of them.
    /// With -Offline the tokens are marked revoked (revokedAtMs) in the store, in one write.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "OpenClawDeviceToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = OnlineSet)]
    [OutputType(typeof(DeviceTokenRevocation))]
    public sealed class RevokeOpenClawDeviceTokenCommand : DeviceLifecycleCmdlet<(string Id, string Role)>
    {

        protected override string Activity => "Revoking OpenClaw device tokens";

        /// <summary>Devices: full ids or unique prefixes (the short id). Binds from devices and reports.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[] DeviceId { get; set; } = Array.Empty<string>();

        /// <summary>The role whose token to revoke.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Role { get; set; } = "operator";

        /// <summary>Also revoke the token of the identity the module signs with (offline: the folder's own CLI identity).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return a record for each token revoked.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in DeviceId) Gather($"device {id} ({Role})", (id, Role));
        }

        private protected override void EndOnline(Route route, IReadOnlyList<(string Id, string Role)> batch)
        {
            var session = Sessions.For(route, ManagementAccess.ChangeDevices, null);
            var snapshot = ReadDevices(session, DeviceMethods.Revoke);

            var where = new Place(session.Identity.Identity.DeviceId, session.Identity.IsOpenClawCli, "on " + session.Url, OpenClawOrigin.Of(session), session.Release.Name);
            var approved = Resolve(batch, snapshot, where).Where(c => Confirm(c.Device, c.Role, where)).ToList();
            if (approved.Count == 0) return;

            foreach (var outcome in Run(token => new TokenRevoker(session).RevokeAsync(approved, token)))
            {
                if (outcome.Error != null) WriteError(outcome.Error);
                if (PassThru) WriteObject(new DeviceTokenRevocation(outcome, where.Origin, session.Release.Name));
            }
        }

        /// <summary>The same checks against the store; every confirmed token is revoked in one write.</summary>
        private protected override void EndOffline(string folder, IReadOnlyList<(string Id, string Role)> batch)
        {
            var state = Flow.Open(folder);
            var lifecycle = new OfflineLifecycle(state);
            // The folder's own CLI identity is the one protected offline: revoking it locks the CLI out.
            var where = new Place(state.LocalDeviceId, true, "in " + state.StateDirectory, OpenClawOrigin.Of(state), state.Release.Name);
            var candidates = Resolve(batch, state.Snapshot, where);
            if (candidates.Count == 0) return;
            Flow.RefuseIfGatewayRuns(lifecycle);
            var items = candidates.Where(c => Confirm(c.Device, c.Role, where)).Select(c => lifecycle.Revoke(c.Device, c.Role)).ToList();
            if (items.Count == 0) return;
            foreach (var outcome in Flow.Commit(state, lifecycle, items).Select(o => o.ToRevocation()))
            {
                if (outcome.Error != null) WriteError(outcome.Error);
                if (PassThru) WriteObject(new DeviceTokenRevocation(outcome, where.Origin, state.Release.Name));
            }
        }

        /// <summary>Every id resolved against one list; a full id and its short id name the same device, judged once.</summary>
        private List<(PairedDevice Device, string Role)> Resolve(IReadOnlyList<(string Id, string Role)> batch, DevicePairingSnapshot snapshot, Place where)
        {
            var candidates = new List<(PairedDevice Device, string Role)>();
            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < batch.Count; i++)
            {
                var (id, role) = batch[i];
                Flow.ReportResolving(i, batch.Count, $"{id} ({role})");
                var device = DeviceSelector.Single(snapshot.Paired, id, out var notFound);
                if (device == null)
                {
                    WriteError(notFound!);
                    continue;
                }
                if (seen.Add((device.DeviceId, role)) && MayRevoke(device, role, where)) candidates.Add((device, role));
            }
            return candidates;
        }

        private bool Confirm(PairedDevice device, string role, Place where) =>
            ShouldProcess($"{DeviceNames.Of(device)}, role {role}, {where.Text}", $"Revoke the {role} device token");

        /// <summary>Per-device reasons not to change anything; each is reported and the batch goes on.</summary>
        private bool MayRevoke(PairedDevice device, string role, Place where)
        {
            var token = device.TokenFor(role);
            if (token == null)
            {
                WriteError(new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"{DeviceNames.Of(device)} holds no {role} token (it has: {string.Join(", ", device.Tokens.Select(t => t.Role))}).",
                    null, device.DeviceId));
                return false;
            }
            var isSelf = string.Equals(device.DeviceId, where.ActingDeviceId, StringComparison.OrdinalIgnoreCase);
            if (isSelf && !Force)
            {
                WriteError(LifecycleErrors.Protected(device, where.ActingIsOpenClawCli, $"revoke the {role} token of"));
                return false;
            }
            if (token.IsRevoked)
            {
                WriteVerbose($"The {role} token of {DeviceNames.Of(device)} is already revoked; nothing to change.");
                if (PassThru)
                {
                    WriteObject(new DeviceTokenRevocation(device.DeviceId, DeviceNames.Plain(device), role, "AlreadyRevoked",
                        token.RevokedAt, true, isSelf, where.Origin, where.ReleaseName));
                }
                return false;
            }
            return true;
        }

        /// <summary>Where the batch acts: the identity protected there, the words for ShouldProcess, what output carries.</summary>
        private sealed class Place
        {
            public Place(string? actingDeviceId, bool actingIsOpenClawCli, string text, OpenClawOrigin origin, string releaseName)
            {
                ActingDeviceId = actingDeviceId;
                ActingIsOpenClawCli = actingIsOpenClawCli;
                Text = text;
                Origin = origin;
                ReleaseName = releaseName;
            }

            public string? ActingDeviceId { get; }
            public bool ActingIsOpenClawCli { get; }
            public string Text { get; }
            public OpenClawOrigin Origin { get; }
            public string ReleaseName { get; }
        }
    }
}
