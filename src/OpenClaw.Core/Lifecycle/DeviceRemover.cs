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
    /// Unpairs devices and rejects the pending requests the gateway leaves behind: device.pair.remove keeps them
    /// (2026.2.19, observed), and a removed local device that reconnects while its old non-silent request exists is
    /// told "pairing required" instead of being paired again silently, for up to the 5-minute request lifetime.
    /// </summary>
    public sealed class DeviceRemover
    {
        private readonly GatewaySession _session;

        public DeviceRemover(GatewaySession session)
        {
            _session = session;
        }

        /// <summary>
        /// Removes every device, then lists once and rejects what each left behind. The module's own device, if
        /// given, goes last and the other way round (reject, then remove): 2026.9 closes the connections of a removed
        /// device, and reconnecting afterwards would make the gateway silently pair the module's device again.
        /// </summary>
        public async Task<IReadOnlyList<RemovalOutcome>> RemoveAsync(IReadOnlyList<PairedDevice> devices, CancellationToken cancellation)
        {
            var actingId = _session.Identity.Identity.DeviceId;
            var others = devices.Where(d => !Same(d.DeviceId, actingId)).Select(d => new RemovalOutcome(d, false)).ToList();
            var own = devices.Where(d => Same(d.DeviceId, actingId)).Select(d => new RemovalOutcome(d, true)).FirstOrDefault();

            foreach (var outcome in others) await RemoveOneAsync(outcome, cancellation).ConfigureAwait(false);
            if (others.Any(o => o.Removed))
            {
                var after = await TryListAsync(others.Where(o => o.Removed), cancellation).ConfigureAwait(false);
                if (after != null)
                {
                    foreach (var outcome in others.Where(o => o.Removed))
                    {
                        outcome.Verified = after.Find(outcome.Device.DeviceId) == null;
                        await RejectAsync(outcome, after.PendingFor(outcome.Device.DeviceId), cancellation).ConfigureAwait(false);
                    }
                }
            }
            if (own != null)
            {
                var before = await TryListAsync(new[] { own }, cancellation).ConfigureAwait(false);
                if (before != null)
                {
                    await RejectAsync(own, before.PendingFor(own.Device.DeviceId), cancellation).ConfigureAwait(false);
                    await RemoveOneAsync(own, cancellation).ConfigureAwait(false);
                }
            }
            return others.Concat(own != null ? new[] { own } : Array.Empty<RemovalOutcome>()).ToList();
        }

        private async Task RemoveOneAsync(RemovalOutcome outcome, CancellationToken cancellation)
        {
            try
            {
                var client = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
                await client.RemoveAsync(outcome.Device.DeviceId, cancellation).ConfigureAwait(false);
                outcome.Removed = true;
            }
            catch (OpenClawException e)
            {
                outcome.Errors.Add(e);
            }
        }

        /// <summary>A list failure is charged to every device waiting on it; their removal itself stands.</summary>
        private async Task<DevicePairingSnapshot?> TryListAsync(IEnumerable<RemovalOutcome> waiting, CancellationToken cancellation)
        {
            try
            {
                var client = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
                return await client.ListAsync(cancellation).ConfigureAwait(false);
            }
            catch (OpenClawException e)
            {
                foreach (var outcome in waiting) outcome.Errors.Add(e);
                return null;
            }
        }

        private async Task RejectAsync(RemovalOutcome outcome, IReadOnlyList<PendingDeviceRequest> leftovers, CancellationToken cancellation)
        {
            foreach (var request in leftovers)
            {
                try
                {
                    var client = await _session.DevicesAsync(cancellation).ConfigureAwait(false);
                    await client.RejectAsync(request.RequestId, cancellation).ConfigureAwait(false);
                    outcome.RejectedRequestIds.Add(request.RequestId);
                }
                catch (OpenClawException e) when (e.Message.IndexOf("unknown requestId", StringComparison.Ordinal) >= 0)
                {
                    // It expired or was resolved between the list and the reject: nothing is left to block pairing.
                }
                catch (OpenClawException e)
                {
                    outcome.KeptRequestIds.Add(request.RequestId);
                    outcome.Errors.Add(new OpenClawException(e.ErrorId, e.Kind,
                        $"Removed {DeviceNames.Of(outcome.Device)}, but could not reject its pending request {request.RequestId}: {e.Message}",
                        "It expires within 5 minutes; until then the device cannot pair again silently. Reject it with openclaw devices reject " + request.RequestId,
                        request.RequestId, e));
                }
            }
        }

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
