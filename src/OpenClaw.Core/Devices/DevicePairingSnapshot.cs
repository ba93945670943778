using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Devices
{
    /// <summary>Paired devices and pending requests as one <c>device.pair.list</c> saw them.</summary>
    public sealed class DevicePairingSnapshot
    {
        public DevicePairingSnapshot(IReadOnlyList<PairedDevice> paired, IReadOnlyList<PendingDeviceRequest> pending)
        {
            Paired = paired;
            Pending = pending;
        }

        public IReadOnlyList<PairedDevice> Paired { get; }

        public IReadOnlyList<PendingDeviceRequest> Pending { get; }

        public PairedDevice? Find(string deviceId) =>
            Paired.FirstOrDefault(d => string.Equals(d.DeviceId, deviceId, StringComparison.OrdinalIgnoreCase));

        public IReadOnlyList<PendingDeviceRequest> PendingFor(string deviceId) => PendingFor(Pending, deviceId);

        /// <summary>The requests of one device among <paramref name="pending"/> (a streamed listing has no snapshot).</summary>
        public static IReadOnlyList<PendingDeviceRequest> PendingFor(IEnumerable<PendingDeviceRequest> pending, string deviceId) =>
            pending.Where(p => string.Equals(p.DeviceId, deviceId, StringComparison.OrdinalIgnoreCase)).ToList();

        public static DevicePairingSnapshot FromListPayload(JToken? payload)
        {
            if (payload is not JObject body || body["paired"] is not JArray paired)
            {
                throw new FormatException("device.pair.list answered without a 'paired' array.");
            }
            var pending = body["pending"] as JArray ?? new JArray();
            return new DevicePairingSnapshot(
                paired.OfType<JObject>().Select(PairedDevice.FromJson).ToList(),
                pending.OfType<JObject>().Select(PendingDeviceRequest.FromJson).ToList());
        }
    }
}
