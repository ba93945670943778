using Newtonsoft.Json.Linq;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Protocol;

/// <summary>HelloOk.Parse on the real hello-ok of 2026.2.19 (protocol 3) and 2026.9.6 (protocol 4), facts §4.3.</summary>
public sealed class HelloOkTests
{
    private static readonly string[] CliScopes = { "operator.admin", "operator.approvals", "operator.pairing" };

    private static HelloOk Parse(string fixture) => HelloOk.Parse(Fixtures.HelloOkPayload(fixture));

    [Theory]
    [InlineData(Fixtures.Frames2219, 3)]
    [InlineData(Fixtures.Frames96Hello, 4)]
    public void Protocol_is_the_one_the_gateway_chose(string fixture, int protocol)
    {
        Assert.Equal(protocol, Parse(fixture).Protocol);
    }

    [Theory]
    [InlineData(Fixtures.Frames2219, "dev", null)]
    [InlineData(Fixtures.Frames96Hello, "2026.9.6", "2026.9.6-release-eb377ac59e6c-2026-09-23T16-33-12.144Z")]
    public void Server_version_and_build_are_read(string fixture, string version, string? buildId)
    {
        var hello = Parse(fixture);

        Assert.Equal(version, hello.ServerVersion);
        Assert.Equal(buildId, hello.ServerBuildId);
    }

    [Theory]
    [InlineData(Fixtures.Frames2219, 89, 19)]
    [InlineData(Fixtures.Frames96Hello, 466, 64)]
    public void Methods_and_events_are_all_read(string fixture, int methods, int events)
    {
        var hello = Parse(fixture);

        Assert.Equal(methods, hello.Methods.Count);
        Assert.Equal(events, hello.Events.Count);
    }

    [Theory]
    [InlineData(Fixtures.Frames2219, "device.pair.list", true)]
    [InlineData(Fixtures.Frames2219, "device.pair.remove", true)]
    [InlineData(Fixtures.Frames2219, "device.pair.rename", false)]
    [InlineData(Fixtures.Frames96Hello, "device.pair.list", true)]
    [InlineData(Fixtures.Frames96Hello, "device.pair.rename", true)]
    public void Methods_tell_which_device_rpcs_the_gateway_has(string fixture, string method, bool advertised)
    {
        Assert.Equal(advertised, Parse(fixture).Methods.Contains(method));
    }

    [Theory]
    [InlineData(Fixtures.Frames2219)]
    [InlineData(Fixtures.Frames96Hello)]
    public void State_dir_and_config_path_come_from_the_snapshot(string fixture)
    {
        var hello = Parse(fixture);

        Assert.Equal("/home/user/.openclaw", hello.StateDirectory);
        Assert.Equal("/home/user/.openclaw/openclaw.json", hello.ConfigPath);
    }

    [Theory]
    [InlineData(Fixtures.Frames2219, "nFcTvJ…")]
    [InlineData(Fixtures.Frames96Hello, "2t1oy4…")]
    public void Granted_role_scopes_and_device_token_come_from_auth(string fixture, string deviceToken)
    {
        var hello = Parse(fixture);

        Assert.Equal("operator", hello.GrantedRole);
        Assert.Equal(CliScopes, hello.GrantedScopes);
        Assert.Equal(deviceToken, hello.DeviceToken);
    }

    [Theory]
    [InlineData(Fixtures.Frames2219)]
    [InlineData(Fixtures.Frames96Hello)]
    public void Max_payload_comes_from_the_policy(string fixture)
    {
        Assert.Equal(26214400, Parse(fixture).MaxPayload);
    }

    [Fact]
    public void Without_a_device_there_is_no_auth_block_and_nothing_is_granted()
    {
        var payload = Fixtures.HelloOkPayload(Fixtures.Frames2219);
        payload.Remove("auth");

        var hello = HelloOk.Parse(payload);

        Assert.Null(hello.GrantedRole);
        Assert.Empty(hello.GrantedScopes);
        Assert.Null(hello.DeviceToken);
    }

    [Fact]
    public void A_minimal_hello_ok_parses_with_empty_defaults()
    {
        var hello = HelloOk.Parse(new JObject { ["type"] = "hello-ok" });

        Assert.Equal(0, hello.Protocol);
        Assert.Null(hello.ServerVersion);
        Assert.Empty(hello.Methods);
        Assert.Null(hello.StateDirectory);
        Assert.Equal(0, hello.MaxPayload);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"type\":\"hello\"}")]
    [InlineData("{\"pending\":[],\"paired\":[]}")]
    public void A_payload_that_is_not_hello_ok_is_rejected(string payload)
    {
        Assert.Throws<FormatException>(() => HelloOk.Parse(JObject.Parse(payload)));
    }
}
