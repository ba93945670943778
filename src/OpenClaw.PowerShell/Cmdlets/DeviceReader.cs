using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>Turns one device.pair.list answer into the output objects, attaching each device's pending requests.</summary>
    internal static class DeviceReader
    {
        public static OpenClawDevice ToOutput(PairedDevice device, DevicePairingSnapshot snapshot, GatewaySession session) =>
            new OpenClawDevice(device,
                snapshot.PendingFor(device.DeviceId).Select(r => new OpenClawDeviceRequest(r)).ToArray(),
                string.Equals(device.DeviceId, session.Identity.Identity.DeviceId, System.StringComparison.OrdinalIgnoreCase),
                session.Url, session.Release);
    }
}
