using System;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Stores
{
    /// <summary>The errors an offline store raises; each names the file, says what is wrong and that nothing was written.</summary>
    public static class StoreErrors
    {
        public static OpenClawException Invalid(string path, string problem, Exception? inner = null) =>
            new OpenClawException(ErrorIds.StateFileInvalid, OpenClawErrorKind.InvalidData,
                $"The OpenClaw state file '{path}' cannot be used: {problem}. Nothing was written.",
                "Restore the file from a backup (the module keeps <file>.openclaw-powershell-<time>.bak beside it) or fix it by hand, then run the command again.",
                path, inner);

        public static OpenClawException NotFound(string stateDirectory, string problem) =>
            new OpenClawException(ErrorIds.PairingStoreNotFound, OpenClawErrorKind.ObjectNotFound,
                $"'{stateDirectory}' holds no OpenClaw pairing store: {problem}.",
                "Pass the gateway's state folder (the one with devices/paired.json, or state/openclaw.sqlite from 2026.8.1 on), such as ~/.openclaw.",
                stateDirectory);

        public static OpenClawException Locked(string path, string holder) =>
            new OpenClawException(ErrorIds.StateLocked, OpenClawErrorKind.ResourceBusy,
                $"Another run of OpenClaw.PowerShell is changing '{path}' ({holder}); nothing was written.",
                "Wait for the other run to finish, then run the command again.", path);

        /// <param name="whyNoForce">When -Force does not apply: why (the default is the SQLite store's reason).</param>
        public static OpenClawException GatewayRunning(string store, string evidence, bool forceAllowed, string? whyNoForce = null) =>
            new OpenClawException(ErrorIds.GatewayRunning, OpenClawErrorKind.ResourceBusy,
                $"The gateway that owns '{store}' is running ({evidence}); nothing was written.",
                forceAllowed
                    ? "Stop the gateway and run the command again. Or add -Force: OpenClaw 2026.2-2026.7 re-reads this JSON store on every connect, and the module re-checks the file right before replacing it, so a write of the gateway is never lost."
                    : "Stop the gateway and run the command again. " + (whyNoForce ?? "OpenClaw 2026.8.1 and later cache the SQLite store, so it is never changed while the gateway runs (-Force does not apply)."),
                store);
    }
}
