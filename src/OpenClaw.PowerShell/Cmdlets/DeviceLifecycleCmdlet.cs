using System.Collections.Generic;
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
    /// Each input is gathered per route (the gateway or folder a piped device came from, or the command's target)
    /// and each route's batch is handled at the end: online in one session, offline in one store write.
    /// </summary>
    public abstract class DeviceLifecycleCmdlet<TItem> : OnlineOrOfflineCmdlet
    {
        private readonly RoutedBatch<TItem> _batch = new RoutedBatch<TItem>();
        private OfflineLifecycleFlow? _flow;

        /// <summary>Offline: do not keep a timestamped backup of each store file before changing it.</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter NoBackup { get; set; }

        /// <summary>Write-Progress activity of the batch.</summary>
        protected abstract string Activity { get; }

        /// <summary>Made on first use, in EndProcessing, when -NoBackup is bound.</summary>
        private protected OfflineLifecycleFlow Flow => _flow ??= new OfflineLifecycleFlow(this, Activity, NoBackup);

        /// <summary>Adds an input to the batch of each route it takes (none when it is refused, see SourceRouting).</summary>
        private protected void Gather(string label, TItem item)
        {
            foreach (var route in RoutesFor(label)) _batch.Add(route, item);
        }

        protected override void EndProcessing()
        {
            foreach (var (route, items) in _batch.Groups)
            {
                if (route.IsOffline) EndOffline(OfflineFolder(route), items);
                else EndOnline(route, items);
            }
        }

        /// <summary>One route's batch through its gateway session (Sessions.For).</summary>
        private protected abstract void EndOnline(Route route, IReadOnlyList<TItem> items);

        /// <summary>One route's batch as one write to the store in <paramref name="folder"/>.</summary>
        private protected abstract void EndOffline(string folder, IReadOnlyList<TItem> items);

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
