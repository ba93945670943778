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
    /// live in the bases for each parameter-set shape (OfflineCapableCmdlet, RequestDecisionCmdlet).
    /// </summary>
    public abstract class OfflineLifecycleCmdlet : GatewayCmdlet
    {
        /// <summary>Write-Progress activity of the batch.</summary>
        protected abstract string Activity { get; }

        /// <summary>-NoBackup, declared by the parameter-set base.</summary>
        protected abstract bool SkipBackup { get; }

        /// <summary>Opens -StateDirectory; an unreadable store stops the command.</summary>
        internal OfflineState OpenOffline() => OfflineDeviceReader.OpenOrStop(this, StateDirectory!);

        /// <summary>
        /// Stops the command with OpenClaw.GatewayRunning while the folder's gateway runs: there is no -Force for
        /// these changes, a running gateway makes them itself. Under -WhatIf it only warns, so the preview still shows.
        /// </summary>
        internal void RefuseIfGatewayRuns(OfflineLifecycle lifecycle)
        {
            var presence = Run(lifecycle.DetectGatewayAsync);
            foreach (var signal in presence.Signals) WriteVerbose("Gateway check: " + signal.Description);
            if (!presence.IsRunning) return;
            var refusal = lifecycle.GatewayRunning(presence, MyInvocation.MyCommand.Name);
            if (IsWhatIf)
            {
                WriteWarning(refusal.Message.Replace("; nothing was written.", ".") + " " + refusal.RecommendedAction);
                return;
            }
            ThrowTerminating(refusal);
        }

        /// <summary>Writes the confirmed items as one batch; a store that cannot be written stops the command with nothing written.</summary>
        internal IReadOnlyList<OfflineLifecycleOutcome> CommitOffline(OfflineState state, OfflineLifecycle lifecycle, IReadOnlyList<OfflineLifecycleItem> items)
        {
            WriteProgress(new ProgressRecord(1, Activity, $"Writing {items.Count} change(s) to {state.Store.Location}") { PercentComplete = 50 });
            var options = new StoreWriteOptions { NoBackup = SkipBackup, Release = state.Release, Log = WriteVerbose };
            OfflineLifecycleResult result;
            try
            {
                result = lifecycle.Commit(items, options);
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            CompletionCache.Current.Remember(state.Snapshot, state.Release.KnownScopes);
            foreach (var outcome in result.Outcomes.Where(o => o.Stored.Steps.Count > 0))
            {
                WriteVerbose($"{outcome.Item.Edit}: {string.Join("; ", outcome.Stored.Steps)}.");
            }
            WriteVerbose(result.ChangedFiles.Count == 0 ? "No file was changed." : "Changed " + string.Join(", ", result.ChangedFiles) + ".");
            if (result.Backups.Count > 0) WriteVerbose("Backups of the files as they were: " + string.Join(", ", result.Backups) + ".");
            return result.Outcomes;
        }

        /// <summary>Progress of resolving a batch, item by item.</summary>
        internal void ReportResolving(int index, int count, string label) =>
            WriteProgress(new ProgressRecord(1, Activity, $"{index + 1} of {count}: {label}") { PercentComplete = index * 50 / Math.Max(count, 1) });

        private bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
                ? value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value)
                : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
    }
}
