using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>
    /// Revokes role tokens, then lists once to confirm each is marked revoked. A revoked token stays in the record
    /// with revokedAtMs; a client that authenticates with it is refused with "device token mismatch", but on
    /// 2026.2.19 a client holding the shared gateway token is simply issued a new one on its next connect (observed).
    /// </summary>
    public sealed class TokenRevoker
    {
        private readonly GatewaySession _session;

        public TokenRevoker(GatewaySession session)
        {
            _session = session;
        }

        /// <summary>
        /// The module's own token goes last and is not read back: 2026.9 closes the connection that revoked it
        /// (4001 "device removed"), and reconnecting with the shared token would have the gateway issue the
        /// module's device a fresh token, undoing the revoke.
        /// </summary>
        public async Task<IReadOnlyList<RevocationOutcome>> RevokeAsync(IReadOnlyList<(PairedDevice Device, string Role)> tokens, CancellationToken cancellation)
        {
            var actingId = _session.Identity.Identity.DeviceId;
            var outcomes = tokens.Select(t => new RevocationOutcome(t.Device, t.Role, string.Equals(t.Device.DeviceId, actingId, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(o => o.IsActingIdentity).ToList();
            var others = outcomes.Where(o => !o.IsActingIdentity).ToList();
            var own = outcomes.Where(o => o.IsActingIdentity).ToList();

            foreach (var outcome in others) await RevokeOneAsync(outcome, cancellation).ConfigureAwait(false);
            if (others.Any(o => o.Revoked)) await ReadBackAsync(others, cancellation).ConfigureAwait(false);
            foreach (var outcome in own) await RevokeOneAsync(outcome, cancellation).ConfigureAwait(false);
            return outcomes;
        }

        private async Task RevokeOneAsync(RevocationOutcome outcome, CancellationToken cancellation)
        {
            try
            {
                var client = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
                await client.RevokeTokenAsync(outcome.Device.DeviceId, outcome.Role, cancellation).ConfigureAwait(false);
                outcome.Revoked = true;
            }
            catch (OpenClawException e)
            {
                outcome.Error = e;
            }
        }

        private async Task ReadBackAsync(IReadOnlyList<RevocationOutcome> outcomes, CancellationToken cancellation)
        {
            DevicePairingSnapshot after;
            try
            {
                var client = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
                after = await client.ListAsync(cancellation).ConfigureAwait(false);
            }
            catch (OpenClawException e)
            {
                foreach (var outcome in outcomes.Where(o => o.Revoked && o.Error == null)) outcome.Error = e;
                return;
            }
            foreach (var outcome in outcomes.Where(o => o.Revoked))
            {
                var token = after.Find(outcome.Device.DeviceId)?.TokenFor(outcome.Role);
                outcome.RevokedAt = token?.RevokedAt;
                outcome.Verified = token?.IsRevoked == true;
            }
        }
    }
}
