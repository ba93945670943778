using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Stores.Files;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Update-OpenClawDeviceScope -Offline: the same verdicts and targets as online, written into the gateway's own
    /// store in place, keeping every token value (no device is locked out with "device token mismatch"). Order:
    /// read and plan every device; check the owning gateway is not running (before anyone is asked to confirm a
    /// change that could not be written); confirm each device; write all confirmed devices in one replace, under
    /// the store lock, after one backup; read the store again to verify. -WhatIf stops after planning and touches
    /// no byte: no lock file, no backup, no temp file.
    /// </summary>
    public sealed partial class UpdateOpenClawDeviceScopeCommand
    {
        private void EndOffline(string folder, IReadOnlyList<(string DeviceId, string Role)> batch)
        {
            var state = OfflineDeviceReader.OpenOrStop(this, folder, _release);
            RequireKnownScopes(state.Release);

            var plans = new List<OfflineRepairPlan>();
            foreach (var (id, role) in batch)
            {
                var plan = OfflinePlanFor(state, id, role);
                if (plan != null) plans.Add(plan);
            }
            if (plans.Count == 0)
            {
                RemoveStaleTemps(state.StateDirectory);
                return;
            }

            var presence = Run(token => GatewayPresenceDetector.DetectAsync(state.StateDirectory, StateConfig.Read(state.StateDirectory), token));
            foreach (var signal in presence.Signals) WriteVerbose("Gateway check: " + signal.Description);
            if (presence.IsRunning) HandleRunningGateway(state, presence);

            var confirmed = new List<OfflineRepairPlan>();
            foreach (var plan in plans)
            {
                if (ShouldProcess($"{RepairPlanner.Name(plan.Device)}, role {plan.Role}, in {state.StateDirectory}", plan.Description)) confirmed.Add(plan);
            }
            if (confirmed.Count == 0) return;

            WriteProgress(new ProgressRecord(1, Activity, $"Writing {confirmed.Count} device(s) to {state.Store.Location}") { PercentComplete = 50 });
            var options = new StoreWriteOptions
            {
                Force = Force,
                NoBackup = NoBackup,
                RunningGateway = presence.Evidence,
                Release = state.Release,
                Log = WriteVerbose,
            };
            IReadOnlyList<OfflineRepairOutcome> outcomes;
            try
            {
                outcomes = new OfflineScopeRepairer(state).Commit(confirmed, options, Cancellation);
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                return;
            }
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            foreach (var outcome in outcomes)
            {
                if (outcome.Error != null) WriteError(outcome.Error);
                if (PassThru) WriteObject(new DeviceScopeChange(outcome, OpenClawOrigin.Of(state)));
            }
        }

        /// <summary>
        /// Nothing to write (no device given, or none needing a change), but an earlier run killed mid-write may have
        /// left a temp file beside a JSON store (killed right after the swap, it holds the old store, tokens
        /// included). A run that writes removes such files first; this one removes them too. Never under -WhatIf.
        /// </summary>
        private void RemoveStaleTemps(string folder)
        {
            if (IsWhatIf) return;
            try
            {
                foreach (var temp in StaleTempFiles.RemoveFromJsonStore(folder, new StoreWriteOptions().LockTimeout))
                {
                    WriteVerbose($"Removed {temp}, left by an earlier run that was stopped while writing.");
                }
            }
            catch (Exception e) when (e is OpenClawException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                // Another run holds the lock (it removes them itself before it writes), or the folder is not readable.
                WriteVerbose("Leftover temp files were not removed: " + e.Message);
            }
        }

        private OfflineRepairPlan? OfflinePlanFor(OfflineState state, string id, string role)
        {
            var device = DeviceSelector.Single(state.Snapshot.Paired, id, out var notFound);
            if (device == null)
            {
                WriteError(notFound!);
                return null;
            }
            try
            {
                var plan = OfflineRepairPlanner.Plan(state.Snapshot, state.Release, state.Store.Location, device.DeviceId, role, Scope);
                if (!plan.IsPossible)
                {
                    WriteError(new OpenClawException(ErrorIds.RepairNotPossible, OpenClawErrorKind.InvalidOperation,
                        $"Cannot repair {RepairPlanner.Name(plan.Device)} offline: {plan.NotPossibleReason}", null, plan.DeviceId));
                    return null;
                }
                if (!plan.NeedsChange)
                {
                    WriteVerbose($"{RepairPlanner.Name(plan.Device)} ({role}) is compliant on {plan.Before.Release.Name}; nothing to change.");
                    return null;
                }
                return plan;
            }
            catch (OpenClawException e)
            {
                WriteError(e);
                return null;
            }
        }

        /// <summary>
        /// Refuses while the owning gateway runs, unless -Force on a JSON store (2026.2.x re-reads it on every
        /// connect, and the write re-checks the file right before the swap). Under -WhatIf it only warns.
        /// </summary>
        private void HandleRunningGateway(OfflineState state, GatewayPresence presence)
        {
            var forceAllowed = state.Store.Kind == "json";
            var refusal = StoreErrors.GatewayRunning(state.Store.Location, presence.Evidence!, forceAllowed);
            if (IsWhatIf)
            {
                WriteWarning(ErrorRecords.AsWarning(refusal, MyInvocation.MyCommand.Name));
                return;
            }
            if (!(Force && forceAllowed)) ThrowTerminating(refusal);
            WriteWarning($"The gateway that owns {state.Store.Location} is running ({presence.Evidence}); writing anyway because of -Force, re-checking the file right before replacing it.");
        }
    }
}
