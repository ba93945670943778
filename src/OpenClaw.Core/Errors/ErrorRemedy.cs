using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Errors
{
    /// <summary>
    /// What would let a failed or refused operation go on, or what to look at next. Each is worded by the caller
    /// that knows the commands and their parameters (the cmdlet layer); the core only says which one applies.
    /// </summary>
    public enum RemedyKind
    {
        /// <summary>Pick a device id (or a role of the device) from the paired devices.</summary>
        ListDevices,

        /// <summary>The request is gone: pick a current one, or the device's current request by device id.</summary>
        ListRequests,

        /// <summary>The device has no open request: it files one when it connects asking for more.</summary>
        AwaitRequest,

        /// <summary>A change was made but not (all) seen afterwards: look at the device; a scope repair restores scopes.</summary>
        CheckDevice,

        /// <summary>
        /// No online method repairs the device (2026.2.21+ without a usable pending request): let the device file a
        /// request, or repair it in the gateway's state folder, which keeps its token.
        /// </summary>
        RepairOffline,

        /// <summary>
        /// The gateway owning the state folder runs: stop it. <see cref="ErrorRemedy.ForceWriteAllowed"/> says
        /// whether a guarded write with the gateway running is possible instead.
        /// </summary>
        StopGateway,

        /// <summary>The gateway owning the state folder runs, and it makes this change itself: make it online, or stop the gateway.</summary>
        ChangeOnline,

        /// <summary>The change targets the identity the module signs with: confirm it on purpose, or act as another paired device.</summary>
        ConfirmOwnIdentity,

        /// <summary>The gateway wants its shared secret (token or password), which can be given explicitly.</summary>
        GiveGatewaySecret,

        /// <summary>The config file cannot be used; a gateway URL and secret given explicitly do not need it.</summary>
        GiveGatewaySettings,

        /// <summary>A URL carried a user name or password: give the secret on its own instead.</summary>
        SecretOutsideUrl,

        /// <summary>The gateway did not answer in time; more time can be allowed.</summary>
        AllowMoreTime,

        /// <summary>The gateway log was not found where it would be; its file can be named explicitly.</summary>
        GiveLogFile,

        /// <summary>An untrusted certificate was refused: pinning its fingerprint (after comparing it) trusts it.</summary>
        PinCertificate,

        /// <summary>A certificate pin cannot be applied here (not wss://, or no per-connection check): leave it out.</summary>
        DropCertificatePin,

        /// <summary>
        /// A request asks for more than its device is entitled to, so no script should approve it: a person reviews
        /// it (<see cref="ErrorRemedy.DeviceId"/>) and approves or denies it on purpose.
        /// </summary>
        ReviewRequest,
    }

    /// <summary>
    /// The recommended next step of an <see cref="OpenClawException"/> as data: which step, and what the caller needs
    /// to word it exactly (the offline folder, the device, the release). Never holds a secret. A struct, so that a
    /// null recommended action (<c>new OpenClawException(id, kind, message, null, target)</c>) still picks the
    /// constructor that takes a worded one.
    /// </summary>
    public readonly struct ErrorRemedy
    {
        public ErrorRemedy(RemedyKind kind, bool offline = false, string? stateDirectory = null)
        {
            Kind = kind;
            Offline = offline || stateDirectory != null;
            StateDirectory = stateDirectory;
        }

        public RemedyKind Kind { get; }

        /// <summary>The failure concerns an offline state folder, so the next step works on that folder too.</summary>
        public bool Offline { get; }

        /// <summary>The state folder, when it is known where the error arose (an offline store, or a local gateway's folder).</summary>
        public string? StateDirectory { get; }

        /// <summary>
        /// For <see cref="RemedyKind.StopGateway"/> and <see cref="RemedyKind.RepairOffline"/>: the store is a JSON
        /// store that 2026.2-2026.7 re-reads on every connect, so a guarded write while the gateway runs is possible.
        /// </summary>
        public bool ForceWriteAllowed { get; init; }

        /// <summary>The device the next step is about, when it needs naming (the exact offline repair command).</summary>
        public string? DeviceId { get; init; }

        /// <summary>The exact release to judge by, when one is known and the next step should keep it.</summary>
        public ReleaseVersion? Release { get; init; }
    }
}
