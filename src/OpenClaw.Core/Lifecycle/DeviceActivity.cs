using System;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>
    /// When a device was last active, for "not used for N days". That is its last use (the newest lastUsedAtMs of
    /// its tokens, or 2026.9's lastSeenAtMs); a device that was never used counts from when it was approved (else
    /// created), so one paired yesterday is not stale and one paired a year ago and never used is. A device with
    /// no time at all is never judged inactive: the module does not offer for removal what it cannot date.
    /// </summary>
    public static class DeviceActivity
    {
        public static DateTimeOffset? LastActivity(PairedDevice device) => device.LastUsedAt ?? device.ApprovedAt ?? device.CreatedAt;

        /// <summary>True when the device's last activity is older than <paramref name="inactiveFor"/> before <paramref name="now"/>.</summary>
        public static bool IsInactive(PairedDevice device, TimeSpan inactiveFor, DateTimeOffset now) =>
            LastActivity(device) is { } last && last < now - inactiveFor;

        /// <summary>
        /// 2026.2.x records use (lastUsedAtMs) only when a client authenticates with its device token; a client
        /// that connects with the shared gateway token leaves no trace (observed on 2026.2.19). 2026.9.x records
        /// every connect (lastSeenAtMs). So with no lastSeenAtMs anywhere, a device in daily use can look unused.
        /// </summary>
        public static bool RecordsEveryConnect(DevicePairingSnapshot snapshot)
        {
            foreach (var device in snapshot.Paired)
            {
                if (device.LastSeenAt.HasValue) return true;
            }
            return false;
        }
    }
}
