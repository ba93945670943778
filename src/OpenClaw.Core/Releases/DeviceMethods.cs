namespace OpenClaw.Core.Releases
{
    /// <summary>The gateway's device-management RPC names (their parameters never changed in 2026.2.1-2026.9.6).</summary>
    public static class DeviceMethods
    {
        public const string List = "device.pair.list";
        public const string Approve = "device.pair.approve";
        public const string Reject = "device.pair.reject";
        public const string Rotate = "device.token.rotate";
        public const string Revoke = "device.token.revoke";
        public const string Remove = "device.pair.remove";
        public const string SetupCode = "device.pair.setupCode";
        public const string Rename = "device.pair.rename";
        public const string SetupStatus = "device.pair.setupStatus";
        public const string RequestScopeUpgrade = "device.scopes.requestUpgrade";
        public const string WaitScopeUpgrade = "device.scopes.waitUpgrade";
    }
}
