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
    /// Makes the offline repair advice for a device an online repair cannot fix (2026.2.21+ without a usable pending
    /// request) exact: the gateway's state folder, whether its store takes a guarded write while the gateway runs,
    /// and the release. Only when that folder is on this machine: hello-ok reports it as snapshot.stateDir, and the
    /// gateway is reached over loopback (a remote gateway's folder may share a name with a local one; a gateway in a
    /// container reports a path inside the container, which is not found here).
    /// </summary>
    public static class OfflineHint
    {
        /// <summary>The exact offline repair of <paramref name="deviceId"/>, or null when the folder is not local.</summary>
        public static ErrorRemedy? For(GatewaySession session, string deviceId) =>
            For(session.Hello.StateDirectory, session.Url, session.Release, deviceId);

        internal static ErrorRemedy? For(string? stateDirectory, Uri gatewayUrl, GatewayRelease release, string deviceId)
        {
            if (!IsLoopback(gatewayUrl) || string.IsNullOrEmpty(stateDirectory) || !Directory.Exists(stateDirectory)) return null;
            var json = !File.Exists(PairingStoreLocator.SqlitePath(stateDirectory!)) && File.Exists(Path.Combine(stateDirectory!, "devices", "paired.json"));
            return new ErrorRemedy(RemedyKind.RepairOffline, stateDirectory: stateDirectory)
            {
                // 2026.2-2026.7 re-read paired.json on every connect, so that store takes a guarded write while the gateway runs.
                ForceWriteAllowed = json,
                DeviceId = deviceId,
                Release = release.Version,
            };
        }

        /// <summary>Makes the offline repair advice of a RepairNotPossible error exact, where the folder is local.</summary>
        public static OpenClawException Add(OpenClawException error, GatewaySession session)
        {
            if (error.Remedy?.Kind != RemedyKind.RepairOffline || error.Target is not string deviceId) return error;
            var exact = For(session, deviceId);
            return exact is { } remedy
                ? new OpenClawException(error.ErrorId, error.Kind, error.Message, remedy, error.Target, error.InnerException) { RequestId = error.RequestId }
                : error;
        }

        private static bool IsLoopback(Uri url) =>
            url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
