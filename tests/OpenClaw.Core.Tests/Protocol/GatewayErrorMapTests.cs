using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Protocol;

/// <summary>The one place that turns gateway error frames and close codes into error ids (facts §3, §4.2).</summary>
public sealed class GatewayErrorMapTests
{
    private const string Target = "d0c57f4d86f0c7ebdd5f6a0f46d2cc2eec3d85097bb965e6e6a55ab0fd9e3fe4";

    private static OpenClawException Map(JObject? error, string operation = "connect") =>
        GatewayErrorMap.FromErrorFrame(error, operation, Target);

    private static OpenClawException Map(string errorJson) => Map(JObject.Parse(errorJson));

    [Fact]
    public void Not_paired_with_a_request_id_says_which_request_to_approve()
    {
        var error = Fixtures.ErrorFrame(Fixtures.Frames2219, "pairing required");

        var e = Map(error);

        Assert.Equal(ErrorIds.PairingRequired, e.ErrorId);
        Assert.Equal(OpenClawErrorKind.PermissionDenied, e.Kind);
        Assert.Equal("632bfce3-241d-4118-bb3d-90f33a74fb33", e.RequestId);
        Assert.Contains("openclaw devices approve 632bfce3-241d-4118-bb3d-90f33a74fb33", e.RecommendedAction);
        Assert.Contains("632bfce3-241d-4118-bb3d-90f33a74fb33", e.Message);
        Assert.Equal(Target, e.Target);
    }

    [Fact]
    public void The_2026_9_6_scope_upgrade_shape_is_pairing_required_too()
    {
        var e = Map("{\"code\":\"INVALID_REQUEST\",\"message\":\"pairing required: device is asking for more scopes than currently approved\"," +
                    "\"details\":{\"code\":\"PAIRING_REQUIRED\",\"reason\":\"scope-upgrade\",\"requestId\":\"req-96\"," +
                    "\"requestedScopes\":[\"operator.read\"],\"approvedScopes\":[\"operator.admin\"]}}");

        Assert.Equal(ErrorIds.PairingRequired, e.ErrorId);
        Assert.Equal("req-96", e.RequestId);
        Assert.Contains("openclaw devices approve req-96", e.RecommendedAction);
    }

    [Fact]
    public void Not_paired_without_a_request_id_points_to_the_pending_list()
    {
        var e = Map("{\"code\":\"NOT_PAIRED\",\"message\":\"pairing required\"}");

        Assert.Equal(ErrorIds.PairingRequired, e.ErrorId);
        Assert.Null(e.RequestId);
        Assert.Contains("openclaw devices list", e.RecommendedAction);
    }

    [Theory]
    // 2026.2.19, recorded (frames-2026.2.19.jsonl, exact messages)
    [InlineData("unauthorized: device token mismatch (rotate/reissue device token)", ErrorIds.DeviceTokenMismatch, OpenClawErrorKind.AuthenticationError)]
    [InlineData("missing scope: operator.pairing", ErrorIds.MissingScope, OpenClawErrorKind.PermissionDenied)]
    [InlineData("unknown deviceId/role", ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound)]
    [InlineData("unknown deviceId", ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound)]
    [InlineData("unknown requestId", ErrorIds.GatewayRequestFailed, OpenClawErrorKind.InvalidOperation)]
    public void Recorded_2026_2_19_errors_map_to_their_ids(string message, string errorId, OpenClawErrorKind kind)
    {
        var e = Map(Fixtures.ErrorFrame(Fixtures.Frames2219, message), "device.token.rotate");

        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(kind, e.Kind);
        Assert.StartsWith("The gateway refused device.token.rotate: " + message, e.Message);
        Assert.Equal(Target, e.Target);
    }

    [Theory]
    [InlineData("{\"code\":\"INVALID_REQUEST\",\"message\":\"protocol mismatch\",\"details\":{\"expectedProtocol\":3}}", "protocol 3")]
    [InlineData("{\"code\":\"INVALID_REQUEST\",\"message\":\"protocol mismatch\",\"details\":{\"code\":\"PROTOCOL_MISMATCH\"," +
                "\"clientMinProtocol\":3,\"clientMaxProtocol\":3,\"expectedProtocol\":4,\"minimumProbeProtocol\":3}}", "protocol 4")]
    public void Protocol_mismatch_in_both_generations_says_which_protocol_the_gateway_speaks(string errorJson, string speaks)
    {
        var e = Map(errorJson);

        Assert.Equal(ErrorIds.ProtocolMismatch, e.ErrorId);
        Assert.Equal(OpenClawErrorKind.ProtocolError, e.Kind);
        Assert.Contains("the gateway speaks " + speaks, e.Message);
        Assert.False(string.IsNullOrEmpty(e.RecommendedAction));
    }

    [Theory]
    [InlineData("{\"code\":\"INVALID_REQUEST\",\"message\":\"device signature invalid\"}")]
    [InlineData("{\"code\":\"INVALID_REQUEST\",\"message\":\"device signature invalid\",\"details\":{\"code\":\"DEVICE_AUTH_SIGNATURE_INVALID\",\"reason\":\"device-signature\"}}")]
    public void Device_signature_invalid_mentions_the_clock(string errorJson)
    {
        var e = Map(errorJson);

        Assert.Equal(ErrorIds.DeviceSignatureInvalid, e.ErrorId);
        Assert.Contains("clock", e.RecommendedAction);
    }

    [Fact]
    public void Other_unauthorized_messages_are_authentication_failures()
    {
        var e = Map("{\"code\":\"INVALID_REQUEST\",\"message\":\"unauthorized: gateway token missing\"}");

        Assert.Equal(ErrorIds.AuthenticationFailed, e.ErrorId);
        Assert.Equal(RemedyKind.GiveGatewaySecret, e.Remedy?.Kind);
    }

    [Theory]
    [InlineData("{\"code\":\"INVALID_REQUEST\",\"message\":\"invalid device.token.rotate params: at root: unexpected property 'extra'\"}", "(INVALID_REQUEST)")]
    [InlineData("{\"message\":\"something new\"}", "something new")]
    [InlineData("{}", "(no message)")]
    public void Anything_else_is_a_failed_request_that_quotes_the_gateway(string errorJson, string quoted)
    {
        var e = Map(errorJson);

        Assert.Equal(ErrorIds.GatewayRequestFailed, e.ErrorId);
        Assert.Contains(quoted, e.Message);
    }

    [Fact]
    public void A_missing_error_object_is_a_failed_request()
    {
        Assert.Equal(ErrorIds.GatewayRequestFailed, Map((JObject?)null).ErrorId);
    }

    [Fact]
    public void The_recorded_1008_pairing_required_close_is_pairing_required()
    {
        var (code, reason) = Fixtures.Closes(Fixtures.Frames2219).Single();

        var e = GatewayErrorMap.FromClose(code, reason, "connect", Target);

        Assert.Equal(ErrorIds.PairingRequired, e.ErrorId);
        Assert.Contains("1008", e.Message);
        Assert.Contains("pairing required", e.Message);
        Assert.False(string.IsNullOrEmpty(e.RecommendedAction));
    }

    [Theory]
    [InlineData(1002, "protocol mismatch", ErrorIds.ProtocolMismatch)]
    [InlineData(1002, null, ErrorIds.ProtocolMismatch)]
    [InlineData(1006, null, ErrorIds.ConnectionClosed)]
    [InlineData(1006, "", ErrorIds.ConnectionClosed)]
    [InlineData(1000, "bye", ErrorIds.ConnectionClosed)]
    [InlineData(4001, "device removed", ErrorIds.ConnectionClosed)]
    [InlineData(1008, null, ErrorIds.ConnectionClosed)]
    public void Close_codes_map_to_their_ids_and_are_quoted(int code, string? reason, string errorId)
    {
        var e = GatewayErrorMap.FromClose(code, reason, "device.pair.list", Target);

        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains($"during device.pair.list ({code}", e.Message);
        if (!string.IsNullOrEmpty(reason)) Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void No_close_code_at_all_is_a_closed_connection()
    {
        var e = GatewayErrorMap.FromClose(null, null, "connect", Target);

        Assert.Equal(ErrorIds.ConnectionClosed, e.ErrorId);
        Assert.Equal(OpenClawErrorKind.ConnectionError, e.Kind);
        Assert.Contains("no close code", e.Message);
        Assert.Contains("gateway is still running", e.RecommendedAction);
    }
}
