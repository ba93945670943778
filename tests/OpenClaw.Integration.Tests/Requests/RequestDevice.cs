using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Integration.Tests.Requests
{
    /// <summary>
    /// Runs tests/gateway/device-client.mjs with its request flags: a test device that can look remote to the gateway (so a new device files a request
    /// instead of being paired silently) and can authenticate with the device token it was last issued. It shares
    /// its identity files with <see cref="LocalGateway.Device"/>, so a device paired there can be driven here.
    /// </summary>
    public static class RequestDevice
    {
        public static DeviceConnect Connect(LocalGateway gateway, string name, string[] scopes, bool remote = false,
            bool withDeviceToken = false, string clientId = "gateway-client", string clientMode = "backend")
        {
            var arguments = new List<string>
            {
                Path.Combine(GatewayInstalls.ScriptsDirectory, "device-client.mjs"),
                IdentityFile(gateway, name), gateway.Url, gateway.Token, clientId, clientMode, string.Join(",", scopes), "--name", name, "--keep-token",
            };
            if (remote) arguments.Add("--remote");
            if (withDeviceToken) arguments.Add("--device-token");
            var result = ProcessRunner.Run(GatewayInstalls.Node, arguments, new Dictionary<string, string>(), TimeSpan.FromSeconds(40));
            var line = result.Output.Split('\n').LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException("device-client printed no result: " + result.All);
            return new DeviceConnect(JObject.Parse(line));
        }

        /// <summary>
        /// Makes the gateway trust loopback as a proxy (gateway.trustedProxies), so that --remote's X-Forwarded-For
        /// is taken as the client's address, which the request then records: 2026.9.6 refuses forwarded headers from
        /// an untrusted proxy outright. Not for 2.x, where it makes every loopback connect remote. Call before the
        /// gateway starts.
        /// </summary>
        public static void TrustLoopbackProxy(LocalGateway gateway) =>
            File.WriteAllText(Path.Combine(gateway.StateDirectory, "openclaw.json"), "{ \"gateway\": { \"trustedProxies\": [\"127.0.0.1\"] } }\n");

        /// <summary>The same file LocalGateway.Device keeps the identity in.</summary>
        public static string IdentityFile(LocalGateway gateway, string name) => Path.Combine(gateway.Root, "devices", name + ".json");

        /// <summary>The device token the device last received (a secret the tests search output for).</summary>
        public static string CachedToken(LocalGateway gateway, string name) => File.ReadAllText(IdentityFile(gateway, name) + ".token").Trim();
    }
}
