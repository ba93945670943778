using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Core.Protocol
{
    /// <summary>The parts of the gateway's hello-ok that the module uses.</summary>
    public sealed class HelloOk
    {
        private HelloOk(JObject payload)
        {
            Protocol = (int)(JsonRead.Integer(payload["protocol"]) ?? 0);
            var server = payload["server"] as JObject;
            ServerVersion = JsonRead.Text(server?["version"]);
            ServerBuildId = JsonRead.Text(server?["buildId"]);
            var features = payload["features"] as JObject;
            Methods = new HashSet<string>(Strings(features?["methods"]), StringComparer.Ordinal);
            Events = new HashSet<string>(Strings(features?["events"]), StringComparer.Ordinal);
            var snapshot = payload["snapshot"] as JObject;
            StateDirectory = JsonRead.Text(snapshot?["stateDir"]);
            ConfigPath = JsonRead.Text(snapshot?["configPath"]);
            var auth = payload["auth"] as JObject;
            GrantedRole = JsonRead.Text(auth?["role"]);
            GrantedScopes = Strings(auth?["scopes"]).ToList();
            DeviceToken = JsonRead.Text(auth?["deviceToken"]);
            MaxPayload = JsonRead.Integer(JsonRead.Child(payload["policy"], "maxPayload")) ?? 0;
        }

        public int Protocol { get; }

        /// <summary>"dev" on 2026.2.x started as <c>node openclaw.mjs</c>; the real version on 2026.9.x.</summary>
        public string? ServerVersion { get; }

        public string? ServerBuildId { get; }

        public IReadOnlyCollection<string> Methods { get; }

        public IReadOnlyCollection<string> Events { get; }

        /// <summary>The gateway's own state folder, as the gateway sees it.</summary>
        public string? StateDirectory { get; }

        public string? ConfigPath { get; }

        public string? GrantedRole { get; }

        /// <summary>The scopes of the device token this connection holds (not the device's approved scopes).</summary>
        public IReadOnlyList<string> GrantedScopes { get; }

        /// <summary>A device token issued with this hello; never shown.</summary>
        internal string? DeviceToken { get; }

        public long MaxPayload { get; }

        public static HelloOk Parse(JObject payload)
        {
            if (!string.Equals(JsonRead.Text(payload["type"]), "hello-ok", StringComparison.Ordinal))
            {
                throw new FormatException("The connect response is not a hello-ok.");
            }
            return new HelloOk(payload);
        }

        internal static IEnumerable<string> Strings(JToken? token) =>
            token is JArray array
                ? array.Where(t => t.Type == JTokenType.String).Select(t => (string)t!)
                : Enumerable.Empty<string>();
    }
}
