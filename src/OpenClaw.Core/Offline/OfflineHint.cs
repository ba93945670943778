using System;
using System.IO;
using System.Net;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// The exact offline command for a device an online repair cannot fix (2026.2.21+ without a usable pending
    /// request), offered only when the gateway's state folder is on this machine: hello-ok reports it as
    /// snapshot.stateDir, and the gateway is reached over loopback (a remote gateway's folder may share a name
    /// with a local one; a gateway in a container reports a path inside the container, which is not found here).
    /// </summary>
    public static class OfflineHint
    {
        public static string? For(GatewaySession session, string deviceId) =>
            For(session.Hello.StateDirectory, session.Url, session.Release, deviceId);

        internal static string? For(string? stateDirectory, Uri gatewayUrl, GatewayRelease release, string deviceId)
        {
            if (!IsLoopback(gatewayUrl) || string.IsNullOrEmpty(stateDirectory) || !Directory.Exists(stateDirectory)) return null;
            var json = !File.Exists(PairingStoreLocator.SqlitePath(stateDirectory!)) && File.Exists(Path.Combine(stateDirectory!, "devices", "paired.json"));
            var command = $"Update-OpenClawDeviceScope -Offline -StateDirectory '{stateDirectory!.Replace("'", "''")}' -DeviceId {deviceId}"
                          + (release.Version is { } v ? $" -Release {v}" : "");
            return json
                ? $"Repair it offline instead, keeping its token: {command} -Force. OpenClaw 2026.2-2026.7 re-reads paired.json on every connect, so the gateway may keep running; or stop the gateway first and leave out -Force. Otherwise let the device make the call that fails (it files a repair request, valid for 5 minutes) and run this command again."
                : $"Stop the gateway and repair it offline instead, keeping its token: {command}. Otherwise let the device make the call that fails (it files a repair request, valid for 5 minutes) and run this command again.";
        }

        /// <summary>Gives a RepairNotPossible error the offline command as its recommended action, where one applies.</summary>
        public static OpenClawException Add(OpenClawException error, GatewaySession session)
        {
            if (error.ErrorId != ErrorIds.RepairNotPossible || error.RecommendedAction != null || error.Target is not string deviceId) return error;
            var hint = For(session, deviceId);
            return hint == null ? error : new OpenClawException(error.ErrorId, error.Kind, error.Message, hint, error.Target, error.InnerException) { RequestId = error.RequestId };
        }

        private static bool IsLoopback(Uri url) =>
            url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
