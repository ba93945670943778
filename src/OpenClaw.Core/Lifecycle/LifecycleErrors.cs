using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>The error ids of the device lifecycle commands (revoke, remove, rename, inactivity), and their messages.</summary>
    public static class LifecycleErrors
    {
        public const string NotSupportedByRelease = "OpenClaw.NotSupportedByRelease";
        public const string CurrentIdentityProtected = "OpenClaw.CurrentIdentityProtected";
        public const string InvalidDeviceName = "OpenClaw.InvalidDeviceName";

        /// <summary>The gateway does not advertise <paramref name="method"/> in hello-ok, so calling it would only fail.</summary>
        public static OpenClawException NotSupported(string method, string releaseName, string firstRelease, string gatewayUrl) =>
            new OpenClawException(NotSupportedByRelease, OpenClawErrorKind.NotImplemented,
                $"{method} is not supported by this gateway release ({releaseName} at {gatewayUrl}); it needs {firstRelease} or later.",
                $"Upgrade the gateway to OpenClaw {firstRelease} or later.", gatewayUrl);

        /// <summary>
        /// Refuses to act on the identity the module signs with: it would cut off the module's own access and, when
        /// that identity is the OpenClaw CLI's, the CLI's as well.
        /// </summary>
        public static OpenClawException Protected(PairedDevice device, bool isOpenClawCli, string action) =>
            new OpenClawException(CurrentIdentityProtected, OpenClawErrorKind.InvalidOperation,
                $"Refusing to {action} {DeviceNames.Of(device)}: it is the identity this module signs with"
                + (isOpenClawCli ? " (the OpenClaw CLI's own device), so the CLI would lose access too." : ", so the module would lose access."),
                new ErrorRemedy(RemedyKind.ConfirmOwnIdentity), device.DeviceId);
    }
}
