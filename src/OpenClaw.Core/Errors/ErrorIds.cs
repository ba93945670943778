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
        public const string InvalidScope = "OpenClaw.InvalidScope";
        public const string RepairNotPossible = "OpenClaw.RepairNotPossible";
        public const string RepairNotVerified = "OpenClaw.RepairNotVerified";
        public const string TokenRevoked = "OpenClaw.TokenRevoked";
        public const string Stopped = "OpenClaw.Stopped";
    }
}
