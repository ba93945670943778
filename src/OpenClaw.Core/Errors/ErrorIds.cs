namespace OpenClaw.Core.Errors
{
    /// <summary>Every error id the module emits, in one place, so ids stay stable and documented.</summary>
    public static class ErrorIds
    {
        public const string GatewayUnreachable = "OpenClaw.GatewayUnreachable";
        public const string InvalidGatewayUrl = "OpenClaw.InvalidGatewayUrl";
        public const string Timeout = "OpenClaw.Timeout";
        public const string GatewayUnavailable = "OpenClaw.GatewayUnavailable";
        public const string ProtocolMismatch = "OpenClaw.ProtocolMismatch";
        public const string ProtocolError = "OpenClaw.ProtocolError";
        public const string AuthenticationFailed = "OpenClaw.AuthenticationFailed";
        public const string DeviceTokenMismatch = "OpenClaw.DeviceTokenMismatch";
        public const string DeviceSignatureInvalid = "OpenClaw.DeviceSignatureInvalid";
        public const string PairingRequired = "OpenClaw.PairingRequired";
        public const string MissingScope = "OpenClaw.MissingScope";
        public const string ConnectionClosed = "OpenClaw.ConnectionClosed";
        public const string GatewayRequestFailed = "OpenClaw.GatewayRequestFailed";
        public const string DeviceNotFound = "OpenClaw.DeviceNotFound";
        public const string RoleNotFound = "OpenClaw.RoleNotFound";
        public const string IdentityInvalid = "OpenClaw.IdentityInvalid";
        public const string ConfigInvalid = "OpenClaw.ConfigInvalid";
        public const string StateFileInvalid = "OpenClaw.StateFileInvalid";

        /// <summary>The state database stayed locked by another writer for the whole busy timeout; nothing was written.</summary>
        public const string StateLocked = "OpenClaw.StateLocked";

        /// <summary>The gateway that owns a state directory is running, so an offline change would be lost or overwritten.</summary>
        public const string GatewayRunning = "OpenClaw.GatewayRunning";

        /// <summary>The native SQLite library for this platform could not be loaded (2026.8.1+ stores need it).</summary>
        public const string SqliteUnavailable = "OpenClaw.SqliteUnavailable";

        /// <summary>
        /// An assembly of the module or of its dependencies could not be loaded (another module's copy of another
        /// version, a damaged install). Never reported as a problem of a state file: the file was not even read.
        /// </summary>
        public const string DependencyLoadFailed = "OpenClaw.DependencyLoadFailed";

        /// <summary>A state folder given for offline work holds neither devices/paired.json nor state/openclaw.sqlite.</summary>
        public const string PairingStoreNotFound = "OpenClaw.PairingStoreNotFound";

        /// <summary>-Offline was given without -StateDirectory: an offline command never picks a state folder on its own.</summary>
        public const string StateDirectoryRequired = "OpenClaw.StateDirectoryRequired";

        public const string InvalidScope = "OpenClaw.InvalidScope";
        public const string RepairNotPossible = "OpenClaw.RepairNotPossible";
        public const string RepairNotVerified = "OpenClaw.RepairNotVerified";

        /// <summary>An offline lifecycle edit was written, but the store read back afterwards does not show it.</summary>
        public const string OfflineEditNotVerified = "OpenClaw.OfflineEditNotVerified";

        /// <summary>A batch stopped because the gateway stopped answering; this device was not tried.</summary>
        public const string RepairNotAttempted = "OpenClaw.RepairNotAttempted";
        /// <summary>
        /// A request piped in as within its device's entitlement no longer is when it is about to be approved (it
        /// grew under the same id, or the device changed); nothing was approved.
        /// </summary>
        public const string RequestNoLongerEntitled = "OpenClaw.RequestNoLongerEntitled";

        public const string TokenRevoked = "OpenClaw.TokenRevoked";
        public const string Stopped = "OpenClaw.Stopped";

        /// <summary>An object read from one gateway or store was given to a command aimed at another; nothing was done to it.</summary>
        public const string SourceMismatch = "OpenClaw.SourceMismatch";

        /// <summary>A deserialized device records a release the module cannot judge by, and no release was given.</summary>
        public const string ReleaseRequired = "OpenClaw.ReleaseRequired";

        /// <summary>An object's source does not say where it was read (a hand-made or altered object); it is not acted on.</summary>
        public const string InvalidSource = "OpenClaw.InvalidSource";
    }
}
