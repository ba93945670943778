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
        private const string DeserializedSet = "DeserializedDevice";
        private const string OfflineSet = "Offline";
        private readonly Dictionary<Route, (DevicePairingSnapshot Snapshot, Func<PairedDevice, OpenClawDevice> ToOutput)> _listings =
            new Dictionary<Route, (DevicePairingSnapshot, Func<PairedDevice, OpenClawDevice>)>();
        private GatewayRelease? _release;

        /// <summary>Devices from Get-OpenClawDevice.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByDeviceSet)]
        public OpenClawDevice[]? InputObject { get; set; }

        /// <summary>Devices from Get-OpenClawDevice that went through Export-Clixml/Import-Clixml or remoting.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DeserializedSet)]
        [PSTypeName(Cmdlets.DeserializedDevice.TypeName)]
        public PSObject[]? DeserializedDevice { get; set; }

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
        public override SwitchParameter Offline { get; set; }

        // GatewayCmdlet's connection parameters, overridden so that they stay out of the Offline set (the base puts
        // them in every set; PowerShell reads the overriding declaration's attributes only).
        // -StateDirectory stays the base's, in every set: online it names the config and CLI identity to use,
        // offline the store to read (OfflineDeviceReader.RequireStateDirectory).
        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [Parameter(ParameterSetName = DeserializedSet)]
        [ValidateNotNullOrEmpty]
        public override OpenClawConnection[]? Connection { get; set; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [Parameter(ParameterSetName = DeserializedSet)]
        [ValidateNotNullOrEmpty]
        public override string? Url { get; set; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [Parameter(ParameterSetName = DeserializedSet)]
        [SecretTransformation]
        public override SecureString? Token { get; set; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [Parameter(ParameterSetName = DeserializedSet)]
        [SecretTransformation]
        public override SecureString? Password { get; set; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [Parameter(ParameterSetName = DeserializedSet)]
        [ValidateNotNullOrEmpty]
        public override string? TlsFingerprint { get; set; }

        [Parameter(ParameterSetName = ByIdSet)]
        [Parameter(ParameterSetName = ByDeviceSet)]
        [Parameter(ParameterSetName = DeserializedSet)]
        [ValidateRange(1, 3600)]
        public override int TimeoutSec { get; set; } = 30;

        protected override void BeginProcessing()
        {
            OfflineDeviceReader.RequireStateDirectory(Offline, StateDirectory, ThrowTerminatingError);
            _release = OfflineDeviceReader.ParseRelease(Release, ThrowTerminatingError);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByDeviceSet || ParameterSetName == DeserializedSet)
            {
                // Judged as read, with no connection; only an explicit target that names another source refuses one.
                foreach (var device in InputObject ?? Rebuilt(DeserializedDevice!))
                {
                    if (!HasExplicitTarget || RoutesFor("device " + device, device.Origin).Count > 0) Judge(device);
                }
                return;
            }
            // Named devices are judged even without the role, so a missing role is reported rather than skipped.
            var roleFilter = DeviceId is { Length: > 0 } ? null : Role;
            var label = DeviceId is { Length: > 0 } ? "device " + string.Join(", ", DeviceId) : "the device list";
            foreach (var route in RoutesFor(label))
            {
                if (!_listings.TryGetValue(route, out var listing)) _listings[route] = listing = Read(route);
                foreach (var device in DeviceSelector.Select(listing.Snapshot.Paired, DeviceId, null, roleFilter, WriteError))
                {
                    Judge(listing.ToOutput(device));
                }
            }
        }

        /// <summary>Deserialized devices as live ones; one that lacks what a verdict reads is reported and skipped.</summary>
        private IEnumerable<OpenClawDevice> Rebuilt(IEnumerable<PSObject> devices)
        {
            foreach (var bag in devices)
            {
                OpenClawDevice device;
                try
                {
                    device = Cmdlets.DeserializedDevice.Rebuild(bag);
                }
                catch (Exception e) when (e is FormatException || e is PSInvalidCastException)
                {
                    WriteError(new OpenClawException(ErrorIds.InvalidSource, OpenClawErrorKind.InvalidData,
                        $"{e.Message} ({bag.Properties["DeviceId"]?.Value ?? "no DeviceId"})",
                        "Read the device again with Get-OpenClawDevice, or export it with Export-Clixml -Depth 3 or more.", bag));
                    continue;
                }
                yield return device;
            }
        }

        /// <summary>One list per gateway or folder, however many ids arrive from the pipeline.</summary>
        private (DevicePairingSnapshot, Func<PairedDevice, OpenClawDevice>) Read(Route route)
        {
            if (!route.IsOffline) return DeviceReader.List(this, route, _release);
            var state = OfflineDeviceReader.OpenOrStop(this, OfflineFolder(route), _release);
            return (state.Snapshot, OfflineDeviceReader.Outputs(state, state.Snapshot.Pending));
        }

        private void Judge(OpenClawDevice device)
        {
            var release = _release ?? device.Release;
            if (release == null)
            {
                WriteError(new OpenClawException(ErrorIds.ReleaseRequired, OpenClawErrorKind.InvalidArgument,
                    $"Device {device} records the release '{device.GatewayRelease}', which names no rules to judge it by.",
                    "Pass -Release with the gateway's release, e.g. -Release 2026.2.19.", device.DeviceId));
                return;
            }
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
                WriteObject(new DeviceScopeReport(device, ScopePolicy.Evaluate(device.Paired, role, release, required)));
            }
        }
    }
}
