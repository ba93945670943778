using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Revoke-OpenClawDeviceToken, Remove-OpenClawDevice and Rename-OpenClawDevice: the Online and Offline sets,
    /// -NoBackup for the offline write, the offline lifecycle flow that makes it, and the online setup they share.
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

        /// <summary>
        /// Online setup: a gateway without <paramref name="method"/> (ReleaseSupport), or a list that fails, stops the
        /// command before anything changes. The list is remembered for tab completion.
        /// </summary>
        private protected DevicePairingSnapshot ReadDevices(GatewaySession session, string method)
        {
            try
            {
                var snapshot = Run(async token =>
                {
                    var client = await session.DevicesAsync(token).ConfigureAwait(false);
                    ReleaseSupport.Require(session, client, method);
                    return await client.ListAsync(token).ConfigureAwait(false);
                });
                CompletionCache.Current.Remember(snapshot, session.Release.KnownScopes);
                return snapshot;
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
        }
    }
}
