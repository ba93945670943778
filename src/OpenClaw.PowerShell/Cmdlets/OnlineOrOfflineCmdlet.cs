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
        public SwitchParameter Offline { get; set; }

        // GatewayCmdlet's connection parameters, re-declared so that they belong to the Online set only (the base
        // class puts them in every set); each forwards to the base property the connection code reads.
        // -StateDirectory stays the base's, in every set: online it names the config and CLI identity to use,
        // offline the store to read or change (OfflineDeviceReader.RequireStateDirectory).
        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateNotNull]
        public new OpenClawConnection? Connection { get => base.Connection; set => base.Connection = value; }

        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateNotNullOrEmpty]
        public new string? Url { get => base.Url; set => base.Url = value; }

        [Parameter(ParameterSetName = OnlineSet)]
        [SecretTransformation]
        public new SecureString? Token { get => base.Token; set => base.Token = value; }

        [Parameter(ParameterSetName = OnlineSet)]
        [SecretTransformation]
        public new SecureString? Password { get => base.Password; set => base.Password = value; }

        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateNotNullOrEmpty]
        public new string? TlsFingerprint { get => base.TlsFingerprint; set => base.TlsFingerprint = value; }

        [Parameter(ParameterSetName = OnlineSet)]
        [ValidateRange(1, 3600)]
        public new int TimeoutSec { get => base.TimeoutSec; set => base.TimeoutSec = value; }

        protected bool IsOffline => ParameterSetName == OfflineSet;

        protected override void BeginProcessing() => OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);
    }
}
