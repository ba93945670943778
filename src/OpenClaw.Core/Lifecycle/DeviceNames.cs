using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>How the lifecycle commands name a device in messages and ShouldProcess targets.</summary>
    public static class DeviceNames
    {
        public static string Short(string deviceId) => deviceId.Length > 12 ? deviceId.Substring(0, 12) : deviceId;

        /// <summary>The label or display name, else the client id, else the short id.</summary>
        public static string Plain(PairedDevice device) =>
            !string.IsNullOrEmpty(device.DisplayName) ? device.DisplayName! : device.ClientId ?? Short(device.DeviceId);

        /// <summary>"name (short id)".</summary>
        public static string Of(PairedDevice device) => $"{Plain(device)} ({Short(device.DeviceId)})";
    }
}
