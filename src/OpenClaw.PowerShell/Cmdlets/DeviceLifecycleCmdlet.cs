using System.Management.Automation;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Revoke-OpenClawDeviceToken, Remove-OpenClawDevice and Rename-OpenClawDevice: the Online and Offline sets,
    /// -NoBackup for the offline write, and the offline lifecycle flow that makes it.
    /// </summary>
    public abstract class DeviceLifecycleCmdlet : OnlineOrOfflineCmdlet
    {
        private OfflineLifecycleFlow? _flow;

        /// <summary>Offline: do not keep a timestamped backup of each store file before changing it.</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter NoBackup { get; set; }

        /// <summary>Write-Progress activity of the batch.</summary>
        protected abstract string Activity { get; }

        /// <summary>Made on first use, in EndProcessing, when -NoBackup is bound.</summary>
        private protected OfflineLifecycleFlow Flow => _flow ??= new OfflineLifecycleFlow(this, Activity, NoBackup);
    }
}
