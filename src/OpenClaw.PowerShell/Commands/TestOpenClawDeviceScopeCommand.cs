using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Judges whether devices hold the scopes they are entitled to on the gateway's release: one report per
    /// device and role. Devices piped from Get-OpenClawDevice are judged as read, with no further connection;
    /// with -Offline the devices are read from a gateway's state folder.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "OpenClawDeviceScope", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(DeviceScopeReport))]
    public sealed class TestOpenClawDeviceScopeCommand : GatewayCmdlet
    {
        private const string ByIdSet = "DeviceId";
        private const string ByDeviceSet = "Device";
        private const string OfflineSet = "Offline";
        private DevicePairingSnapshot? _snapshot;
        private Func<PairedDevice, OpenClawDevice>? _toOutput;
        private GatewayRelease? _release;

        /// <summary>Devices from Get-OpenClawDevice.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByDeviceSet)]
        public OpenClawDevice[]? InputObject { get; set; }

        /// <summary>Device ids (full, short or wildcard); all devices when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = OfflineSet)]
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

        /// <summary>Read the pairing store in -StateDirectory instead of asking a gateway.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OfflineSet)]
        public SwitchParameter Offline { get; set; }

        // GatewayCmdlet's connection parameters, re-declared so that they stay out of the Offline set (the base
        // class puts them in every set); each forwards to the base property the connection code reads.
        // -StateDirectory stays the base's, in every set: online it names the config and CLI identity to use,
        // offline the store to read (OfflineDeviceReader.RequireStateDirectory).
        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateNotNull]
        public new OpenClawConnection? Connection { get => base.Connection; set => base.Connection = value; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateNotNullOrEmpty]
        public new string? Url { get => base.Url; set => base.Url = value; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [SecretTransformation]
        public new SecureString? Token { get => base.Token; set => base.Token = value; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [SecretTransformation]
        public new SecureString? Password { get => base.Password; set => base.Password = value; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateNotNullOrEmpty]
        public new string? TlsFingerprint { get => base.TlsFingerprint; set => base.TlsFingerprint = value; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [ValidateRange(1, 3600)]
        public new int TimeoutSec { get => base.TimeoutSec; set => base.TimeoutSec = value; }

        protected override void BeginProcessing()
        {
            OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);
            _release = OfflineDeviceReader.ParseRelease(Release, ThrowTerminatingError);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByDeviceSet)
            {
                foreach (var device in InputObject ?? Array.Empty<OpenClawDevice>()) Judge(device);
                return;
            }
            if (_snapshot == null)
            {
                if (ParameterSetName == OfflineSet) ReadOffline();
                else ReadOnline();
            }
            // Named devices are judged even without the role, so a missing role is reported rather than skipped.
            var roleFilter = DeviceId is { Length: > 0 } ? null : Role;
            foreach (var device in DeviceSelector.Select(_snapshot!.Paired, DeviceId, null, roleFilter, WriteError))
            {
                Judge(_toOutput!(device));
            }
        }

        private void ReadOnline() => (_snapshot, _toOutput) = DeviceReader.List(this, _release);

        private void ReadOffline()
        {
            var state = OfflineDeviceReader.OpenOrStop(this, StateDirectory!, _release);
            _snapshot = state.Snapshot;
            _toOutput = device => OfflineDeviceReader.ToOutput(device, state);
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
