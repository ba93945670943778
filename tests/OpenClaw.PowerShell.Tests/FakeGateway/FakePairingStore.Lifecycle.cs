using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>
    /// The lifecycle RPCs (remove, revoke, rename), so every exported cmdlet can run against the fake. Remove and
    /// revoke answer as 2026.2.19's code does ({deviceId}; {deviceId, role, revokedAtMs}). Rename needs
    /// device.pair.rename added to <see cref="FakeGatewayServer.Methods"/>, as only 2026.7 and later advertise it.
    /// </summary>
    public sealed partial class FakePairingStore
    {
        /// <summary>device.pair.remove {deviceId}: unpairs the device and, as 2026.2.19 does, keeps its pending requests.</summary>
        public FakeReply Remove(JsonObject parameters)
        {
            var deviceId = FakeJson.String(parameters, "deviceId");
            lock (_gate)
            {
                var device = _paired.FirstOrDefault(d => d.DeviceId == deviceId);
                if (device == null) return FakeReply.Fail("unknown deviceId");
                _paired.Remove(device);
                return FakeReply.Ok(new JsonObject { ["deviceId"] = device.DeviceId });
            }
        }

        /// <summary>device.token.revoke {deviceId, role}: marks the token revoked; the entry stays with revokedAtMs.</summary>
        public FakeReply RevokeToken(JsonObject parameters)
        {
            var deviceId = FakeJson.String(parameters, "deviceId");
            var role = FakeJson.String(parameters, "role");
            lock (_gate)
            {
                var device = _paired.FirstOrDefault(d => d.DeviceId == deviceId);
                if (device == null || role == null || !device.Tokens.TryGetValue(role, out var token)) return FakeReply.Fail("unknown deviceId/role");
                token.RevokedAtMs ??= FakeJson.Now();
                return FakeReply.Ok(new JsonObject { ["deviceId"] = device.DeviceId, ["role"] = role, ["revokedAtMs"] = token.RevokedAtMs });
            }
        }

        /// <summary>device.pair.rename {deviceId, label}: the fake lists the label as the display name.</summary>
        public FakeReply Rename(JsonObject parameters)
        {
            var deviceId = FakeJson.String(parameters, "deviceId");
            var label = FakeJson.String(parameters, "label")?.Trim();
            lock (_gate)
            {
                var device = _paired.FirstOrDefault(d => d.DeviceId == deviceId);
                if (device == null) return FakeReply.Fail("unknown deviceId");
                if (string.IsNullOrEmpty(label)) return FakeReply.Fail("label required");
                device.DisplayName = label;
                return FakeReply.Ok(new JsonObject { ["deviceId"] = device.DeviceId, ["label"] = label });
            }
        }
    }
}
