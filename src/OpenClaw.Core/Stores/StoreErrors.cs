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

        /// <param name="forceAllowed">
        /// The store is JSON, which 2026.2-2026.7 re-read on every connect, so a guarded write while the gateway runs
        /// is possible; a SQLite store (2026.8.1+ caches it) never takes one.
        /// </param>
        public static OpenClawException GatewayRunning(string store, string evidence, bool forceAllowed) =>
            GatewayRunning(store, evidence, new ErrorRemedy(RemedyKind.StopGateway, offline: true) { ForceWriteAllowed = forceAllowed });

        /// <summary>A change the running gateway makes itself (approve, reject, revoke, remove, rename): no guarded write, make it online.</summary>
        public static OpenClawException GatewayMakesChange(string store, string evidence) =>
            GatewayRunning(store, evidence, new ErrorRemedy(RemedyKind.ChangeOnline, offline: true));

        private static OpenClawException GatewayRunning(string store, string evidence, ErrorRemedy remedy) =>
            new OpenClawException(ErrorIds.GatewayRunning, OpenClawErrorKind.ResourceBusy,
                $"The gateway that owns '{store}' is running ({evidence}); nothing was written.", remedy, store);
    }
}
