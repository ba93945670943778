using System;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Protocol
{
    /// <summary>
    /// The one place that turns what a gateway says (error frames, close codes) into the module's error ids.
    /// Gateway messages are quoted: they never contain secrets (observed on 2026.2.19 and 2026.9.6).
    /// </summary>
    public static class GatewayErrorMap
    {
        /// <summary>Maps a <c>res</c> frame's <c>error</c> object.</summary>
        /// <param name="operation">What was being done, e.g. "connect" or "device.token.rotate".</param>
        public static OpenClawException FromErrorFrame(JObject? error, string operation, object? target)
        {
            var code = JsonRead.Text(error?["code"]) ?? "";
            var message = JsonRead.Text(error?["message"]) ?? "(no message)";
            var details = error?["details"] as JObject;
            var detailCode = JsonRead.Text(details?["code"]) ?? "";
            var prefix = $"The gateway refused {operation}: {message}";

            if (code == "NOT_PAIRED" || detailCode == "PAIRING_REQUIRED" || message.StartsWith("pairing required", StringComparison.Ordinal))
            {
                var requestId = JsonRead.Text(details?["requestId"]);
                var action = requestId != null
                    ? $"Approve the request from a device that holds operator.pairing: openclaw devices approve {requestId}"
                    : "Approve this device's pending pairing request (openclaw devices list, then openclaw devices approve <requestId>).";
                return new OpenClawException(ErrorIds.PairingRequired, OpenClawErrorKind.PermissionDenied,
                    prefix + (requestId != null ? $" (request {requestId})." : "."), action, target) { RequestId = requestId };
            }
            if (code == "UNAVAILABLE")
            {
                // 2026.9.x opens its port a few seconds before it accepts connects ("gateway starting; retry shortly").
                return new OpenClawException(ErrorIds.GatewayUnavailable, OpenClawErrorKind.ResourceBusy, prefix,
                    "Wait for the gateway to finish starting, then run the command again.", target);
            }
            if (message.IndexOf("device token mismatch", StringComparison.Ordinal) >= 0)
            {
                return new OpenClawException(ErrorIds.DeviceTokenMismatch, OpenClawErrorKind.AuthenticationError, prefix,
                    new ErrorRemedy(RemedyKind.GiveGatewaySecret), target);
            }
            if (message.IndexOf("protocol mismatch", StringComparison.Ordinal) >= 0 || detailCode == "PROTOCOL_MISMATCH")
            {
                var expected = JsonRead.Integer(details?["expectedProtocol"])?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new OpenClawException(ErrorIds.ProtocolMismatch, OpenClawErrorKind.ProtocolError,
                    prefix + (expected != null ? $" (the gateway speaks protocol {expected}; the module speaks {ConnectRequest.MinProtocol}-{ConnectRequest.MaxProtocol})." : "."),
                    "Use a gateway release this module supports (2026.2.x or 2026.9.x).", target);
            }
            if (message.IndexOf("signature", StringComparison.OrdinalIgnoreCase) >= 0 && message.IndexOf("device", StringComparison.Ordinal) >= 0)
            {
                return new OpenClawException(ErrorIds.DeviceSignatureInvalid, OpenClawErrorKind.AuthenticationError, prefix,
                    "Check that this machine's clock is within two minutes of the gateway's and that the identity file is intact.", target);
            }
            if (message.StartsWith("unauthorized", StringComparison.Ordinal) || code == "UNAUTHORIZED")
            {
                return new OpenClawException(ErrorIds.AuthenticationFailed, OpenClawErrorKind.AuthenticationError, prefix,
                    new ErrorRemedy(RemedyKind.GiveGatewaySecret), target);
            }
            if (message.StartsWith("missing scope", StringComparison.Ordinal))
            {
                return new OpenClawException(ErrorIds.MissingScope, OpenClawErrorKind.PermissionDenied, prefix,
                    "Act as a device that holds operator.pairing (for example the OpenClaw CLI identity) or have this identity approved with it.", target);
            }
            if (message.StartsWith("unknown deviceId/role", StringComparison.Ordinal))
            {
                return new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound, prefix, null, target);
            }
            if (message.StartsWith("unknown deviceId", StringComparison.Ordinal) || message.IndexOf("unknown-device", StringComparison.Ordinal) >= 0)
            {
                return new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound, prefix, null, target);
            }
            return new OpenClawException(ErrorIds.GatewayRequestFailed, OpenClawErrorKind.InvalidOperation,
                prefix + (code.Length > 0 ? $" ({code})" : ""), null, target);
        }

        /// <summary>Maps the socket closing under a request or handshake.</summary>
        public static OpenClawException FromClose(int? closeCode, string? reason, string operation, object? target)
        {
            var text = string.IsNullOrEmpty(reason) ? "" : $": {reason}";
            var message = $"The gateway closed the connection during {operation} ({closeCode?.ToString() ?? "no close code"}{text}).";
            if (closeCode == 1008 && !string.IsNullOrEmpty(reason))
            {
                // A policy close carries the same text as the error frame that preceded it; map it the same way.
                var mapped = FromErrorFrame(new JObject { ["message"] = reason }, operation, target);
                if (mapped.ErrorId != ErrorIds.GatewayRequestFailed)
                {
                    return mapped.Rephrase(message, target);
                }
            }
            if (closeCode == 1002)
            {
                return new OpenClawException(ErrorIds.ProtocolMismatch, OpenClawErrorKind.ProtocolError, message, null, target);
            }
            return new OpenClawException(ErrorIds.ConnectionClosed, OpenClawErrorKind.ConnectionError, message,
                "Check that the gateway is still running, then run the command again; finished items are not repeated.", target);
        }

    }
}
