using System.Management.Automation;
using System.Security;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The parameter sets of a lifecycle cmdlet with one online set (Revoke-OpenClawDeviceToken,
    /// Remove-OpenClawDevice, Rename-OpenClawDevice): Online, with the connection parameters, and Offline, with
    /// -Offline and -NoBackup. A concrete cmdlet names <see cref="OnlineSet"/> as its default set.
    /// </summary>
    public abstract class OfflineCapableCmdlet : OfflineLifecycleCmdlet
    {
        protected const string OnlineSet = "Online";
        protected const string OfflineSet = "Offline";

        /// <summary>Change the pairing store in -StateDirectory instead of asking a gateway; the gateway must be stopped.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OfflineSet)]
        public SwitchParameter Offline { get; set; }

        /// <summary>Offline: do not keep a timestamped backup of each store file before changing it.</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter NoBackup { get; set; }

        // GatewayCmdlet's connection parameters, re-declared so that they belong to the Online set only (the base
        // class puts them in every set); each forwards to the base property the connection code reads.
        // -StateDirectory stays the base's, in every set: online it names the config and CLI identity to use,
        // offline the store to change (OfflineDeviceReader.RequireStateDirectory).
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

        protected override bool SkipBackup => NoBackup;

        protected override void BeginProcessing() => OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);
    }
}
