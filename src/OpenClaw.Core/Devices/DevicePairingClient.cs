using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Devices
{
    /// <summary>The typed <c>device.*</c> RPCs. Parameter objects carry only schema keys: the gateway's schemas
    /// reject any extra property.</summary>
    public sealed class DevicePairingClient
    {
        private readonly GatewayConnection _connection;

        public DevicePairingClient(GatewayConnection connection)
        {
            _connection = connection;
        }

        public async Task<DevicePairingSnapshot> ListAsync(CancellationToken cancellation)
        {
            var payload = await _connection.RequestAsync(DeviceMethods.List, new JObject(), null, cancellation).ConfigureAwait(false);
            try
            {
                return DevicePairingSnapshot.FromListPayload(payload);
            }
            catch (FormatException e)
            {
                throw new OpenClawException(ErrorIds.ProtocolError, OpenClawErrorKind.ProtocolError, e.Message, null, _connection.Url.ToString(), e);
            }
        }

        /// <summary>
        /// Rotates a role token. On 2026.2.19 and earlier the given scopes also REPLACE the device's approved scopes,
        /// so callers must pass the full set they want to keep. The new token comes back in plaintext on 2.x (and on
        /// 9.x only for the caller's own device); it is returned to the caller and never logged.
        /// </summary>
        public async Task<TokenRotation> RotateTokenAsync(string deviceId, string role, IReadOnlyList<string> scopes, CancellationToken cancellation)
        {
            var parameters = new JObject
            {
                ["deviceId"] = deviceId,
                ["role"] = role,
                ["scopes"] = new JArray(scopes.Cast<object>().ToArray()),
            };
            var payload = await _connection.RequestAsync(DeviceMethods.Rotate, parameters, deviceId, cancellation).ConfigureAwait(false) as JObject;
            return new TokenRotation(
                HelloOk.Strings(payload?["scopes"]).ToList(),
                JsonRead.Text(payload?["token"]),
                Time.FromMs(payload?["rotatedAtMs"]))
            {
                Delivery = JsonRead.Text(payload?["tokenDelivery"]),
            };
        }

        public Task ApproveAsync(string requestId, CancellationToken cancellation) =>
            _connection.RequestAsync(DeviceMethods.Approve, new JObject { ["requestId"] = requestId }, requestId, cancellation);

        public Task RejectAsync(string requestId, CancellationToken cancellation) =>
            _connection.RequestAsync(DeviceMethods.Reject, new JObject { ["requestId"] = requestId }, requestId, cancellation);

        /// <summary>Marks a role token revoked; the entry stays in the record with revokedAtMs.</summary>
        public Task RevokeTokenAsync(string deviceId, string role, CancellationToken cancellation) =>
            _connection.RequestAsync(DeviceMethods.Revoke, new JObject { ["deviceId"] = deviceId, ["role"] = role }, deviceId, cancellation);

        /// <summary>Unpairs a device (2026.2.19+). The gateway leaves its pending requests behind.</summary>
        public Task RemoveAsync(string deviceId, CancellationToken cancellation) =>
            _connection.RequestAsync(DeviceMethods.Remove, new JObject { ["deviceId"] = deviceId }, deviceId, cancellation);

        /// <summary>Sets a device's operator label (device.pair.rename, 2026.8.1+).</summary>
        public Task RenameAsync(string deviceId, string label, CancellationToken cancellation) =>
            _connection.RequestAsync(DeviceMethods.Rename, new JObject { ["deviceId"] = deviceId, ["label"] = label }, deviceId, cancellation);

        public bool Supports(string method) => _connection.Hello.Methods.Contains(method);
    }

    /// <summary>The result of a rotate. <see cref="Token"/> is internal so it cannot reach PowerShell output.</summary>
    public sealed class TokenRotation
    {
        public TokenRotation(IReadOnlyList<string> scopes, string? token, DateTimeOffset? rotatedAt)
        {
            Scopes = scopes;
            Token = token;
            RotatedAt = rotatedAt;
        }

        public IReadOnlyList<string> Scopes { get; }

        internal string? Token { get; }

        public DateTimeOffset? RotatedAt { get; }

        /// <summary>How 2026.9.x says it delivered the token, e.g. "withheld-cross-device"; null on 2.x.</summary>
        public string? Delivery { get; internal set; }

        public override string ToString() => $"rotated [{string.Join(",", Scopes)}]";
    }
}
