using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>
    /// Whether the gateway offers a device method, judged by the methods hello-ok advertises rather than by a
    /// version number: 2026.2.x gateways started as <c>node openclaw.mjs</c> report their version as "dev".
    /// </summary>
    public static class ReleaseSupport
    {
        /// <summary>The first release that offers <paramref name="method"/>.</summary>
        public static string FirstRelease(string method) => ReleaseLandscape.FirstOffering(method).ToString();

        /// <summary>
        /// The refusal to name a device in a JSON store. Labels (operatorLabel, device.pair.rename) arrived in
        /// 2026.8.1 together with the SQLite store, so no release that reads a JSON store knows the field, and its
        /// next write of paired.json would drop it.
        /// </summary>
        public static OpenClawException NoLabelsInJsonStore(string storeLocation, GatewayRelease? release)
        {
            var first = ReleaseLandscape.First(e => e.HasDeviceLabels).From;
            return new OpenClawException(LifecycleErrors.NotSupportedByRelease, OpenClawErrorKind.NotImplemented,
                $"Device names (operator labels) need OpenClaw {first} or later, which keeps its devices in state/openclaw.sqlite; '{storeLocation}' is a JSON store ({release?.Name ?? "its release not recorded"}), and no release that reads one has labels. Nothing was written.",
                $"Upgrade the gateway to OpenClaw {first} or later (it imports the JSON store at its first start) and rename the device then.",
                storeLocation);
        }

        /// <summary>Throws OpenClaw.NotSupportedByRelease when the gateway does not offer <paramref name="method"/>.</summary>
        public static void Require(GatewaySession session, DevicePairingClient client, string method)
        {
            if (!client.Supports(method))
            {
                throw LifecycleErrors.NotSupported(method, session.Release.Name, FirstRelease(method), session.Url.ToString());
            }
        }
    }
}
