using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Judges whether devices hold the scopes they are entitled to on the gateway's release: one report per
    /// device and role. Devices piped from Get-OpenClawDevice are judged as read, with no further connection.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "OpenClawDeviceScope", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(DeviceScopeReport))]
    public sealed class TestOpenClawDeviceScopeCommand : GatewayCmdlet
    {
        private const string ByIdSet = "DeviceId";
        private const string ByDeviceSet = "Device";
        private DevicePairingSnapshot? _snapshot;
        private GatewayRelease? _release;

        /// <summary>Devices from Get-OpenClawDevice.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByDeviceSet)]
        public OpenClawDevice[]? InputObject { get; set; }

        /// <summary>Device ids (full, short or wildcard); all devices when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[]? DeviceId { get; set; }

        /// <summary>Judge only this role; by default every role the device holds.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Role { get; set; }

        /// <summary>Judge against exactly these scopes instead of the device's entitlement.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ScopeCompleter))]
        public string[]? RequiredScope { get; set; }

        /// <summary>Judge by this release's rules (e.g. 2026.2.21) instead of the detected one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Release { get; set; }

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
            if (ParameterSetName == ByDeviceSet)
            {
                foreach (var device in InputObject ?? Array.Empty<OpenClawDevice>()) Judge(device);
                return;
            }
            var session = OpenSession(ManagementAccess.ReadDevices, _release);
            if (_snapshot == null)
            {
                _snapshot = Run(async token => await (await session.DevicesAsync(token).ConfigureAwait(false)).ListAsync(token).ConfigureAwait(false));
                CompletionCache.Current.Remember(_snapshot, session.Release.KnownScopes);
            }
            // Named devices are judged even without the role, so a missing role is reported rather than skipped.
            var roleFilter = DeviceId is { Length: > 0 } ? null : Role;
            foreach (var device in DeviceSelector.Select(_snapshot.Paired, DeviceId, null, roleFilter, WriteError))
            {
                Judge(DeviceReader.ToOutput(device, _snapshot, session));
            }
        }

        private void Judge(OpenClawDevice device)
        {
            var release = _release ?? device.Release;
            var roles = Role != null ? new[] { Role } : device.Roles;
            if (Role != null && !device.Roles.Contains(Role))
            {
                WriteError(new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"Device {device} holds no role '{Role}' (it has: {string.Join(", ", device.Roles)}).", null, device.DeviceId));
                return;
            }
            IReadOnlyCollection<string>? required = RequiredScope;
            foreach (var role in roles)
            {
                WriteObject(new DeviceScopeReport(device, ScopePolicy.Evaluate(device.Source, role, release, required)));
            }
        }
    }
}
