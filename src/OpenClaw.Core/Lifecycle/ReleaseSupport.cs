using OpenClaw.Core.Devices;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>
    /// Whether the gateway offers a device method, judged by the methods hello-ok advertises rather than by a
    /// version number: 2026.2.x gateways started as <c>node openclaw.mjs</c> report their version as "dev".
    /// </summary>
    public static class ReleaseSupport
    {
        public const string Remove = "device.pair.remove";
        public const string Rename = "device.pair.rename";
        public const string Revoke = "device.token.revoke";

        /// <summary>The first release that offers each method (facts §3.7 and §11 3.2).</summary>
        public static string FirstRelease(string method) => method switch
        {
            Remove => "2026.2.19",
            Rename => "2026.7",
            _ => "2026.2.12",
        };

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
