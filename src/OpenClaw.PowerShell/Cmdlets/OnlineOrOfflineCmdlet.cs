using System.Management.Automation;
using System.Security;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The parameter sets of a device cmdlet with one online set and one offline set (Get-OpenClawDevice,
    /// Update-OpenClawDeviceScope and the DeviceLifecycleCmdlet ones): Online, with the connection parameters, and
    /// Offline, with -Offline. A concrete cmdlet names <see cref="OnlineSet"/> as its default set; one that writes
    /// adds -NoBackup to <see cref="OfflineSet"/>.
    /// </summary>
    public abstract class OnlineOrOfflineCmdlet : GatewayCmdlet
    {
        protected const string OnlineSet = "Online";
        protected const string OfflineSet = "Offline";

        /// <summary>Use the pairing store in -StateDirectory instead of asking a gateway; the gateway must be stopped to change it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OfflineSet)]
        public override SwitchParameter Offline { get; set; }

        // GatewayCmdlet's connection parameters, overridden so that they belong to the Online set only (the base
        // puts them in every set; PowerShell reads the overriding declaration's attributes only).
        // -StateDirectory stays the base's, in every set: online it names the config and CLI identity to use,
        // offline the store to read or change (OfflineDeviceReader.RequireStateDirectory).
        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateNotNullOrEmpty]
        public override OpenClawConnection[]? Connection { get; set; }

        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateNotNullOrEmpty]
        public override string? Url { get; set; }

        [Parameter(ParameterSetName = OnlineSet)]
        [SecretTransformation]
        public override SecureString? Token { get; set; }

        [Parameter(ParameterSetName = OnlineSet)]
        [SecretTransformation]
        public override SecureString? Password { get; set; }

        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateNotNullOrEmpty]
        public override string? TlsFingerprint { get; set; }

        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateRange(1, 3600)]
        public override int TimeoutSec { get; set; } = 30;

        protected bool IsOffline => ParameterSetName == OfflineSet;

        protected override void BeginProcessing() => OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);
    }
}
