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
    /// Revokes devices' role tokens, so clients that sign in with them are refused. The batch is gathered from the
    /// pipeline first: one connection, one list to resolve ids and one list afterwards to confirm, for all of them.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "OpenClawDeviceToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DeviceTokenRevocation))]
    public sealed class RevokeOpenClawDeviceTokenCommand : GatewayCmdlet
    {
        private readonly List<(string Id, string Role)> _batch = new List<(string, string)>();

        /// <summary>Devices: full ids or unique prefixes (the short id). Binds from devices and reports.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[] DeviceId { get; set; } = Array.Empty<string>();

        /// <summary>The role whose token to revoke.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Role { get; set; } = "operator";

        /// <summary>Also revoke the token of the identity the module signs with.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return a record for each token revoked.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in DeviceId)
            {
                if (!_batch.Contains((id, Role))) _batch.Add((id, Role));
            }
        }

        protected override void EndProcessing()
        {
            if (_batch.Count == 0) return;
            var session = OpenSession(ManagementAccess.ChangeDevices, null);
            var snapshot = ReadDevices(session);
            CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);

            var approved = new List<(PairedDevice Device, string Role)>();
            var seen = new HashSet<(string, string)>();
            foreach (var (id, role) in _batch)
            {
                var device = DeviceSelector.Single(snapshot.Paired, id, out var notFound);
                if (device == null)
                {
                    WriteError(notFound!);
                    continue;
                }
                // A full id and its short id name the same device: judge and report it once.
                if (!seen.Add((device.DeviceId, role)) || !MayRevoke(session, device, role)) continue;
                if (!ShouldProcess($"{DeviceNames.Of(device)}, role {role}, on {session.Url}", $"Revoke the {role} device token")) continue;
                approved.Add((device, role));
            }
            if (approved.Count == 0) return;

            foreach (var outcome in Run(token => new TokenRevoker(session).RevokeAsync(approved, token)))
            {
                if (outcome.Error != null) WriteError(outcome.Error);
                if (PassThru) WriteObject(new DeviceTokenRevocation(outcome, session.Url, session.Release.Name));
            }
        }

        /// <summary>Per-device reasons not to send anything; each is reported and the batch goes on.</summary>
        private bool MayRevoke(GatewaySession session, PairedDevice device, string role)
        {
            var token = device.TokenFor(role);
            if (token == null)
            {
                WriteError(new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"{DeviceNames.Of(device)} holds no {role} token (it has: {string.Join(", ", device.Tokens.Select(t => t.Role))}).",
                    null, device.DeviceId));
                return false;
            }
            var isSelf = string.Equals(device.DeviceId, session.Identity.Identity.DeviceId, StringComparison.OrdinalIgnoreCase);
            if (isSelf && !Force)
            {
                WriteError(LifecycleErrors.Protected(device, session.Identity.IsOpenClawCli, $"revoke the {role} token of"));
                return false;
            }
            if (token.IsRevoked)
            {
                WriteVerbose($"The {role} token of {DeviceNames.Of(device)} is already revoked; nothing to send.");
                if (PassThru)
                {
                    WriteObject(new DeviceTokenRevocation(device.DeviceId, DeviceNames.Plain(device), role, "AlreadyRevoked",
                        token.RevokedAt, true, isSelf, session.Url, session.Release.Name));
                }
                return false;
            }
            return true;
        }

        /// <summary>Setup: a gateway without the method, or a list that fails, stops the command before anything changes.</summary>
        private DevicePairingSnapshot ReadDevices(GatewaySession session)
        {
            try
            {
                return Run(async token =>
                {
                    var client = await session.DevicesAsync(token).ConfigureAwait(false);
                    ReleaseSupport.Require(session, client, ReleaseSupport.Revoke);
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
