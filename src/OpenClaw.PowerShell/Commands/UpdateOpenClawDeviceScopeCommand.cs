using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Errors;
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
    /// before and one list after serve every device, and progress can show how far it is.
    /// </summary>
    [Cmdlet(VerbsData.Update, "OpenClawDeviceScope", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DeviceScopeChange))]
    public sealed class UpdateOpenClawDeviceScopeCommand : GatewayCmdlet
    {
        private const string Activity = "Repairing OpenClaw device scopes";
        private readonly List<(string DeviceId, string Role)> _batch = new List<(string, string)>();
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

        protected override void BeginProcessing()
        {
            if (Release == null) return;
            try
            {
                _release = GatewayRelease.FromUser(Release);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("OpenClaw.InvalidRelease", e.Message, Release));
            }
        }

        protected override void ProcessRecord()
        {
            if (!_batch.Contains((DeviceId, Role))) _batch.Add((DeviceId, Role));
        }

        protected override void EndProcessing()
        {
            if (_batch.Count == 0) return;
            var session = OpenSession(ManagementAccess.ChangeDevices, _release);
            RequireKnownScopes(_release ?? session.Release);
            var repairer = Run(token => ScopeRepairer.StartAsync(session, _release, token));

            var written = new HashSet<RepairOutcome>();
            for (var i = 0; i < _batch.Count; i++)
            {
                var (id, role) = _batch[i];
                WriteProgress(new ProgressRecord(1, Activity, $"Device {i + 1} of {_batch.Count}: {id}")
                {
                    PercentComplete = i * 90 / _batch.Count,
                });
                var plan = PlanFor(repairer, id, role);
                if (plan == null) continue;
                var target = $"{RepairPlanner.Name(plan.Device)}, role {plan.Role}, on {session.Url}";
                if (!ShouldProcess(target, plan.Description)) continue;

                var outcome = Run(token => repairer.ExecuteAsync(plan, null, token));
                if (outcome.Error != null)
                {
                    WriteError(outcome.Error);
                    written.Add(outcome);
                }
            }

            WriteProgress(new ProgressRecord(1, Activity, "Verifying the repaired devices") { PercentComplete = 95 });
            foreach (var outcome in Run(token => repairer.VerifyAsync(token)))
            {
                if (outcome.Error != null && !written.Contains(outcome)) WriteError(outcome.Error);
                if (PassThru) WriteObject(new DeviceScopeChange(outcome, session.Url));
            }
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>A plan when there is something to do; per-device problems are written as errors.</summary>
        private RepairPlan? PlanFor(ScopeRepairer repairer, string id, string role)
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
                    WriteError(new OpenClawException(ErrorIds.RepairNotPossible, OpenClawErrorKind.InvalidOperation,
                        $"Cannot repair {RepairPlanner.Name(plan.Device)} online: {plan.NotPossibleReason}", null, plan.DeviceId));
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
