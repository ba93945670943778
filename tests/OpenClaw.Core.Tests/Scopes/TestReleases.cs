using Newtonsoft.Json.Linq;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>Gateway releases for test tables, named by version or by what an unversioned hello-ok shows.</summary>
public static class TestReleases
{
    /// <summary>2.x started as <c>node openclaw.mjs</c> reports "dev"; protocol 3 without device.pair.remove.</summary>
    public const string DevProtocol3 = "dev/protocol 3";

    /// <summary>"dev", protocol 3 and device.pair.remove: 2.19, 2.21 and later 2.x look alike (MEASURED Q1).</summary>
    public const string DevProtocol3WithRemove = "dev/protocol 3+device.pair.remove";

    /// <summary>An unparseable version (e.g. an OPENCLAW_VERSION override) with protocol 4: the 2026.9 line.</summary>
    public const string DevProtocol4 = "dev/protocol 4";

    /// <summary>Every release and detected range the policy tables run over.</summary>
    public static readonly string[] All =
    {
        "2026.2.12", "2026.2.17", "2026.2.19", "2026.2.21", "2026.2.22", "2026.2.22-1", "2026.4.23", "2026.8.1",
        "2026.9.6", DevProtocol3, DevProtocol3WithRemove, DevProtocol4,
    };

    public static TheoryData<string> AllAsTheoryData()
    {
        var data = new TheoryData<string>();
        foreach (var name in All) data.Add(name);
        return data;
    }

    public static GatewayRelease Named(string name) => name switch
    {
        DevProtocol3 => GatewayRelease.Detect(Hello(3, "dev", "device.pair.list", "device.token.rotate")),
        DevProtocol3WithRemove => GatewayRelease.Detect(Hello(3, "dev", "device.pair.list", "device.token.rotate", "device.pair.remove")),
        DevProtocol4 => GatewayRelease.Detect(Hello(4, "dev", "device.pair.list", "device.token.rotate", "device.pair.remove")),
        _ => GatewayRelease.FromVersion(ReleaseVersion.Parse(name), "given by the test"),
    };

    /// <summary>A minimal hello-ok with the fields release detection reads.</summary>
    public static HelloOk Hello(int protocol, string? serverVersion, params string[] methods)
    {
        var server = new JObject { ["host"] = "test", ["connId"] = "c1" };
        if (serverVersion != null) server["version"] = serverVersion;
        return HelloOk.Parse(new JObject
        {
            ["type"] = "hello-ok",
            ["protocol"] = protocol,
            ["server"] = server,
            ["features"] = new JObject { ["methods"] = new JArray(methods.Cast<object>().ToArray()), ["events"] = new JArray() },
        });
    }
}
