using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Words the next step of a core error with this module's cmdlets and parameters. The core says which step
    /// applies (<see cref="ErrorRemedy"/>) and never names a command, so renaming or moving a parameter changes
    /// its advice here and only here.
    /// </summary>
    internal static class RecommendedActions
    {
        public static string? For(OpenClawException error, string? command) =>
            error.Remedy is { } remedy ? Word(remedy, error.ErrorId, command ?? "the command") : error.RecommendedAction;

        private static string? Word(ErrorRemedy remedy, string errorId, string command)
        {
            var from = Source(remedy);
            switch (remedy.Kind)
            {
                case RemedyKind.ListDevices:
                    return errorId == ErrorIds.RoleNotFound
                        ? $"Check the device's roles with Get-OpenClawDevice{from}; only a role it holds a token for can be revoked."
                        : $"List the paired devices with Get-OpenClawDevice{from} and use an id from that list.";
                case RemedyKind.ListRequests:
                    return $"List the current requests with Get-OpenClawDeviceRequest{from}, or select the device's current request with -DeviceId; a device files a new request when it connects again.";
                case RemedyKind.AwaitRequest:
                    return $"A device files a request when it connects asking for access it does not have; list them with Get-OpenClawDeviceRequest{from}.";
                case RemedyKind.ReviewRequest:
                    return $"Nothing was approved. Review the request with Get-OpenClawDeviceRequest{from} -DeviceId {remedy.DeviceId} | Format-List; "
                           + $"if the new access is intended, approve it with Approve-OpenClawDeviceRequest{from} -DeviceId {remedy.DeviceId}, otherwise deny it with Deny-OpenClawDeviceRequest.";
                case RemedyKind.CheckDevice:
                    return errorId == ErrorIds.OfflineEditNotVerified
                        ? $"Check with Get-OpenClawDevice{from} and Get-OpenClawDeviceRequest{from}; the backup beside the file holds the state before the edit."
                        : $"Check the device with Test-OpenClawDeviceScope{from}; Update-OpenClawDeviceScope{from} restores missing scopes.";
                case RemedyKind.RepairOffline:
                    return OfflineRepair(remedy);
                case RemedyKind.StopGateway:
                    return remedy.ForceWriteAllowed
                        ? "Stop the gateway and run the command again. Or add -Force: OpenClaw 2026.2-2026.7 re-reads this JSON store on every connect, and the module re-checks the file right before replacing it, so a write of the gateway is never lost."
                        : "Stop the gateway and run the command again. OpenClaw 2026.8.1 and later cache the SQLite store, so it is never changed while the gateway runs (-Force does not apply).";
                case RemedyKind.ChangeOnline:
                    return $"The gateway is running and makes this change itself: run {command} without -Offline (add -Url and -Token when it is not the default gateway; -Force does not apply to these changes). Or stop the gateway and run the command again.";
                case RemedyKind.ConfirmOwnIdentity:
                    return "Add -Force if that is intended, or act from another paired device (-StateDirectory or -Connection).";
                case RemedyKind.GiveGatewaySecret:
                    return errorId == ErrorIds.DeviceTokenMismatch
                        ? "The cached device token was rotated or revoked. Connect with the gateway token (-Token or OPENCLAW_GATEWAY_TOKEN) instead."
                        : "Pass the gateway's token (-Token, OPENCLAW_GATEWAY_TOKEN or gateway.auth.token in openclaw.json) or password (-Password).";
                case RemedyKind.GiveGatewaySettings:
                    return "Fix the file, or pass -Url and -Token explicitly.";
                case RemedyKind.SecretOutsideUrl:
                    return "Remove the 'name:password@' part of the URL and pass the secret with -Token or -Password.";
                case RemedyKind.AllowMoreTime:
                    return "Check that the gateway is healthy, or allow more time with -TimeoutSec.";
                case RemedyKind.GiveLogFile:
                    return (errorId == ErrorIds.ConfigInvalid ? "Fix the file, or pass" : "Pass")
                           + " -Path with the gateway's log file (its startup line 'log file: …' names it), or a file of its captured output.";
                case RemedyKind.PinCertificate:
                    return $"If the gateway uses a self-signed certificate, compare that fingerprint with the one on the gateway host ({CertificatePinning.HowToRead}) and pass it with -TlsFingerprint; or install the certificate's CA in the system's trust store.";
                case RemedyKind.DropCertificatePin:
                    return errorId == CertificatePinning.UnsupportedErrorId
                        ? "Run the command in PowerShell 7 (pwsh), or leave out -TlsFingerprint to rely on the system's certificate trust."
                        : "Use a wss:// URL, or leave out -TlsFingerprint.";
                default:
                    return null;
            }
        }

        /// <summary>
        /// How a verdict's release was found, for the report and verbose output: a release the gateway or store
        /// does not tell exactly (judged by the strictest of a range) comes with the way to an exact verdict.
        /// </summary>
        public static string ReleaseEvidence(GatewayRelease release)
        {
            if (release.Evidence == GatewayRelease.GivenByUser) return "given with -Release";
            return release.Version == null ? release.Evidence + "; pass -Release for an exact verdict" : release.Evidence;
        }

        /// <summary>
        /// The exact offline command where the gateway's state folder is known to be on this machine, else the
        /// general way: a repair request from the device, or an offline repair in a folder the user names.
        /// </summary>
        private static string OfflineRepair(ErrorRemedy remedy)
        {
            const string orRequest = "let the device make the call that fails (it files a repair request, valid for 5 minutes)";
            if (remedy.StateDirectory == null || remedy.DeviceId == null)
            {
                return char.ToUpperInvariant(orRequest[0]) + orRequest.Substring(1)
                       + ", then run Update-OpenClawDeviceScope again, or repair it offline in the gateway's state folder, which keeps its token (Update-OpenClawDeviceScope -Offline -StateDirectory <folder>; see about_OpenClaw_OfflineRepair).";
            }
            var command = $"Update-OpenClawDeviceScope{Source(remedy)} -DeviceId {remedy.DeviceId}"
                          + (remedy.Release is { } release ? $" -Release {release}" : "");
            return remedy.ForceWriteAllowed
                ? $"Repair it offline instead, keeping its token: {command} -Force. OpenClaw 2026.2-2026.7 re-reads paired.json on every connect, so the gateway may keep running; or stop the gateway first and leave out -Force. Otherwise {orRequest} and run this command again."
                : $"Stop the gateway and repair it offline instead, keeping its token: {command}. Otherwise {orRequest} and run this command again.";
        }

        /// <summary>The parameters that make a suggested command read the same place the error came from.</summary>
        private static string Source(ErrorRemedy remedy)
        {
            if (!remedy.Offline) return "";
            return remedy.StateDirectory is { } folder ? $" -Offline -StateDirectory '{folder.Replace("'", "''")}'" : " -Offline -StateDirectory <folder>";
        }
    }
}
