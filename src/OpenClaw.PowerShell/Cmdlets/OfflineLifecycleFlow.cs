using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Stores;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The -Offline half every device lifecycle cmdlet shares (approve, deny, revoke, remove, rename). Order, as
    /// Update-OpenClawDeviceScope -Offline: read the folder once and resolve every id against that snapshot; check
    /// the owning gateway is not running (before anyone is asked to confirm a change that could not be written);
    /// confirm each item; write every confirmed change in one batch (one lock, one backup per file, one replace);
    /// judge each from the store read back. -WhatIf stops before the write and touches no byte. The parameters
    /// live in the bases for each parameter-set shape (DeviceLifecycleCmdlet, RequestDecisionCmdlet), which hand
    /// this flow the cmdlet, its progress activity and -NoBackup.
    /// </summary>
    internal sealed class OfflineLifecycleFlow
    {
        private readonly GatewayCmdlet _cmdlet;
        private readonly string _activity;
        private readonly bool _noBackup;

        public OfflineLifecycleFlow(GatewayCmdlet cmdlet, string activity, bool noBackup)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _noBackup = noBackup;
        }

        /// <summary>Opens the state folder a route names; an unreadable store stops the command.</summary>
        public OfflineState Open(string folder) => OfflineDeviceReader.OpenOrStop(_cmdlet, folder);

        /// <summary>
        /// Stops the command with OpenClaw.GatewayRunning while the folder's gateway runs: there is no -Force for
        /// these changes, a running gateway makes them itself. Under -WhatIf it only warns, so the preview still shows.
        /// </summary>
        public void RefuseIfGatewayRuns(OfflineLifecycle lifecycle)
        {
            var presence = _cmdlet.Run(lifecycle.DetectGatewayAsync);
            foreach (var signal in presence.Signals) _cmdlet.WriteVerbose("Gateway check: " + signal.Description);
            if (!presence.IsRunning) return;
            var refusal = lifecycle.GatewayRunning(presence);
            if (_cmdlet.IsWhatIf)
            {
                _cmdlet.WriteWarning(ErrorRecords.AsWarning(refusal, _cmdlet.MyInvocation.MyCommand.Name));
                return;
            }
            Stop(refusal);
        }

        /// <summary>Writes the confirmed items as one batch; a store that cannot be written stops the command with nothing written.</summary>
        public IReadOnlyList<OfflineLifecycleOutcome> Commit(OfflineState state, OfflineLifecycle lifecycle, IReadOnlyList<OfflineLifecycleItem> items)
        {
            _cmdlet.WriteProgress(new ProgressRecord(1, _activity, $"Writing {items.Count} change(s) to {state.Store.Location}") { PercentComplete = 50 });
            var options = new StoreWriteOptions { NoBackup = _noBackup, Release = state.Release, Log = _cmdlet.WriteVerbose };
            StoreWriteResult<OfflineLifecycleOutcome> result;
            try
            {
                result = lifecycle.Commit(items, options);
            }
            catch (OpenClawException e)
            {
                Stop(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
            _cmdlet.WriteProgress(new ProgressRecord(1, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            CompletionCache.Current.Remember(state.Snapshot, state.Release.KnownScopes);
            foreach (var outcome in result.Outcomes.Where(o => o.Stored.Steps.Count > 0))
            {
                _cmdlet.WriteVerbose($"{outcome.Item.Edit}: {string.Join("; ", outcome.Stored.Steps)}.");
            }
            _cmdlet.WriteVerbose(result.ChangedFiles.Count == 0 ? "No file was changed." : "Changed " + string.Join(", ", result.ChangedFiles) + ".");
            if (result.Backups.Count > 0) _cmdlet.WriteVerbose("Backups of the files as they were: " + string.Join(", ", result.Backups) + ".");
            return result.Outcomes;
        }

        /// <summary>Progress of resolving a batch, item by item.</summary>
        public void ReportResolving(int index, int count, string label) =>
            _cmdlet.WriteProgress(new ProgressRecord(1, _activity, $"{index + 1} of {count}: {label}") { PercentComplete = index * 50 / Math.Max(count, 1) });

        private void Stop(OpenClawException error) => _cmdlet.ThrowTerminatingError(ErrorRecords.From(error, _cmdlet.MyInvocation.MyCommand.Name));
    }
}
