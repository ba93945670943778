using System;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>Turns one device.pair.list answer into the output objects, attaching each device's pending requests.</summary>
    internal static class DeviceReader
    {
        /// <summary>
        /// One device.pair.list over the cmdlet's session for a route (Get-OpenClawDevice, Test-OpenClawDeviceScope),
        /// remembered for tab completion, with the mapping of its devices to output objects.
        /// </summary>
        public static (DevicePairingSnapshot Snapshot, Func<PairedDevice, OpenClawDevice> ToOutput) List(GatewayCmdlet cmdlet, Route route, GatewayRelease? release)
        {
            var session = cmdlet.Sessions.For(route, ManagementAccess.ReadDevices, release);
            var snapshot = cmdlet.Run(async token => await (await session.DevicesAsync(token).ConfigureAwait(false)).ListAsync(token).ConfigureAwait(false));
            CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);
            var origin = OpenClawOrigin.Of(session); // one for the whole list, as offline (OfflineDeviceReader.Outputs)
            return (snapshot, device => ToOutput(device, snapshot, session, origin));
        }

        public static OpenClawDevice ToOutput(PairedDevice device, DevicePairingSnapshot snapshot, GatewaySession session, OpenClawOrigin? origin = null) =>
            new OpenClawDevice(device,
                snapshot.PendingFor(device.DeviceId).Select(r => new OpenClawDeviceRequest(r)).ToArray(),
                string.Equals(device.DeviceId, session.Identity.Identity.DeviceId, StringComparison.OrdinalIgnoreCase),
                origin ?? OpenClawOrigin.Of(session), session.Release);
    }
}
