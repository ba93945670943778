using Newtonsoft.Json.Linq;
using OpenClaw.Core.Tests.Stores;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>A generated paired.json of many devices, shaped like the 2.19 legacy fixture, in the gateway's format.</summary>
public static class LargeStore
{
    public static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };

    public static string Id(int i) => i.ToString("x8") + new string('0', 56);

    public static string Text(int devices)
    {
        var doc = new JObject();
        for (var i = 0; i < devices; i++)
        {
            var id = Id(i);
            // Every fifth device is read-only: a repair must not escalate it.
            var scopes = i % 5 == 4 ? new[] { "operator.read" } : Legacy;
            doc[id] = new JObject
            {
                ["deviceId"] = id,
                ["publicKey"] = "TA-8TV-ecVAX46uY0BA-u0HWRzufq6B42Pw6Mdrt" + i.ToString("x5"),
                ["displayName"] = "device " + i,
                ["platform"] = "linux",
                ["clientId"] = "gateway-client",
                ["clientMode"] = "backend",
                ["role"] = "operator",
                ["roles"] = new JArray("operator"),
                ["scopes"] = new JArray(scopes),
                ["remoteIp"] = "10.0." + (i / 250) + "." + (i % 250),
                ["tokens"] = new JObject
                {
                    ["operator"] = new JObject
                    {
                        ["token"] = "tok-" + i.ToString("x8") + "-" + new string('x', 30),
                        ["role"] = "operator",
                        ["scopes"] = new JArray(scopes),
                        ["createdAtMs"] = 1795555186757L + i,
                        ["lastUsedAtMs"] = 1795555321701L + i,
                    },
                },
                ["createdAtMs"] = 1795555186756L + i,
                ["approvedAtMs"] = 1795555186756L + i,
            };
        }
        return StoreState.Stringify(doc);
    }
}
