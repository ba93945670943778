using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Repair;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Grants devices the scopes they are missing on the gateway's release (never fewer than they have, never more
    /// than they are entitled to plus -Scope), then reads the gateway again to verify, and resolves the repair
    /// requests the fix made stale. The batch is gathered from the pipeline first so that one connection, one list
    /// before and one list after serve every device of a gateway, and progress can show how far it is. Piped
    /// devices and reports are repaired where they were read (SourceRouting), one batch per gateway or folder. Offline
    /// the gateway's own store is edited in place instead (UpdateOpenClawDeviceScopeCommand.Offline.cs).
    /// </summary>
    [Cmdlet(VerbsData.Update, "OpenClawDeviceScope", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = OnlineSet)]
    [OutputType(typeof(DeviceScopeChange))]
    public sealed partial class UpdateOpenClawDeviceScopeCommand : OnlineOrOfflineCmdlet
    {
        private const string Activity = "Repairing OpenClaw device scopes";
        private readonly RoutedBatch<(string DeviceId, string Role)> _batch = new RoutedBatch<(string, string)>();
        private GatewayRelease? _release;

        /// <summary>The device to repair: a full id or a unique prefix (the short id). Binds from reports and devices.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string DeviceId { get; set; } = "";

        /// <summary>The role whose scopes to repair.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Role { get; set; } = "operator";

        /// <summary>Scopes to add beyond what the device is missing.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ScopeCompleter))]
        public string[] Scope { get; set; } = Array.Empty<string>();

        /// <summary>Repair by this release's rules (e.g. 2026.2.21) instead of the detected one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Release { get; set; }

        /// <summary>Return a change record for each device repaired.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Offline, JSON stores only: write although the owning gateway seems to run (it re-reads the file live).</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>Offline: do not keep a timestamped backup of the store file before changing it.</summary>
        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter NoBackup { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _release = OfflineDeviceReader.ParseRelease(Release, ThrowTerminatingError);
        }

        protected override void ProcessRecord()
        {
            foreach (var route in RoutesFor($"device {DeviceId} ({Role})")) _batch.Add(route, (DeviceId, Role));
        }

        protected override void EndProcessing()
        {
            if (_batch.Count == 0 && IsOffline) RemoveStaleTemps(OfflineFolder(Route.Own));
            foreach (var (route, batch) in _batch.Groups)
            {
                if (route.IsOffline) EndOffline(OfflineFolder(route), batch);
                else EndOnline(route, batch);
            }
        }

        private void EndOnline(Route route, IReadOnlyList<(string DeviceId, string Role)> batch)
        {
            var session = Sessions.For(route, ManagementAccess.ChangeDevices, _release);
            RequireKnownScopes(_release ?? session.Release);
            var repairer = Run(token => ScopeRepairer.StartAsync(session, _release, token));

            var written = new HashSet<RepairOutcome>();
            for (var i = 0; i < batch.Count; i++)
            {
                var (id, role) = batch[i];
                WriteProgress(new ProgressRecord(1, Activity, $"Device {i + 1} of {batch.Count} on {session.Url}: {id}")
                {
                    PercentComplete = i * 90 / batch.Count,
                });
                var plan = PlanFor(repairer, session, id, role);
                if (plan == null) continue;
                var target = $"{RepairPlanner.Name(plan.Device)}, role {plan.Role}, on {session.Url}";
                if (!ShouldProcess(target, plan.Description)) continue;

                var outcome = Run(token => repairer.ExecuteAsync(plan, null, token));
                if (outcome.Error != null)
                {
                    WriteError(OfflineHint.Add(outcome.Error, session));
                    written.Add(outcome);
                    if (GatewayIsGone(outcome.Error))
                    {
                        ReportNotAttempted(batch, i + 1, outcome.Error, session);
                        break;
                    }
                }
            }

            WriteProgress(new ProgressRecord(1, Activity, "Verifying the repaired devices") { PercentComplete = 95 });
            // If the read-back fails, the devices already changed still each get a result (marked unverified).
            var verified = RunOrFail(token => repairer.VerifyAsync(token), out var verifyFailure);
            foreach (var outcome in verified ?? repairer.VerificationFailed(verifyFailure!))
            {
                if (outcome.Error != null && !written.Contains(outcome)) WriteError(OfflineHint.Add(outcome.Error, session));
                if (PassThru) WriteObject(new DeviceScopeChange(outcome, OpenClawOrigin.Of(session)));
            }
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            if (verifyFailure != null) ThrowTerminating(verifyFailure);
        }

        /// <summary>
        /// The gateway is gone when even the session's one reconnect failed or it stopped answering: trying every
        /// remaining device would cost a full timeout each, so the batch stops and names what it did not try.
        /// </summary>
        private static bool GatewayIsGone(OpenClawException error) =>
            error.ErrorId == ErrorIds.GatewayUnreachable || error.ErrorId == ErrorIds.Timeout;

        private void ReportNotAttempted(IReadOnlyList<(string DeviceId, string Role)> batch, int from, OpenClawException cause, GatewaySession session)
        {
            for (var j = from; j < batch.Count; j++)
            {
                var (id, role) = batch[j];
                WriteError(new OpenClawException(ErrorIds.RepairNotAttempted, OpenClawErrorKind.ConnectionError,
                    $"Device {id} (role {role}) was not repaired: the batch stopped because the gateway at {session.Url} stopped answering ({cause.ErrorId}).",
                    "Start the gateway again and run the same pipeline: devices already repaired are compliant and are skipped.", id));
            }
        }

        /// <summary>A plan when there is something to do; per-device problems are written as errors.</summary>
        private RepairPlan? PlanFor(ScopeRepairer repairer, GatewaySession session, string id, string role)
        {
            var device = DeviceSelector.Single(repairer.Snapshot.Paired, id, out var notFound);
            if (device == null)
            {
                WriteError(notFound!);
                return null;
            }
            try
            {
                var plan = repairer.Plan(device.DeviceId, role, Scope, null);
                if (!plan.IsPossible)
                {
                    WriteError(OfflineHint.Add(ScopeRepairer.NotPossible(plan), session));
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

        /// <summary>-Scope may only name operator scopes the running release knows: anything else would be dropped or refused.</summary>
        private void RequireKnownScopes(GatewayRelease release)
        {
            var unknown = Scope.Where(s => OperatorScopes.IsOperatorScope(s) && !release.KnownScopes.Contains(s)).ToList();
            if (unknown.Count == 0) return;
            ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.InvalidScope,
                $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a scope" : "are not scopes")} that {release.Name} knows; it knows {string.Join(", ", release.KnownScopes)}.",
                string.Join(",", unknown)));
        }
    }
}
