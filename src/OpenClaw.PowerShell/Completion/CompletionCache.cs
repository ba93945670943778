using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using OpenClaw.Core.Devices;

namespace OpenClaw.PowerShell.Completion
{
    /// <summary>
    /// What this runspace has already read from gateways, for tab completion. Completion must never touch the
    /// network while someone is typing, so completers offer only what earlier commands listed. Of a device it keeps
    /// only what completion shows (<see cref="DeviceCompletion"/>): a listing of 10,000 devices otherwise kept every
    /// device's whole object graph alive after the command, and the garbage collector copied it between
    /// generations while the listing was still being built.
    /// </summary>
    internal sealed class CompletionCache
    {
        private static readonly ConditionalWeakTable<Runspace, CompletionCache> ByRunspace = new ConditionalWeakTable<Runspace, CompletionCache>();
        private static readonly CompletionCache Detached = new CompletionCache();
        private readonly Dictionary<string, DeviceCompletion> _devices = new Dictionary<string, DeviceCompletion>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, PendingDeviceRequest> _requests = new Dictionary<string, PendingDeviceRequest>(StringComparer.OrdinalIgnoreCase);
        private IReadOnlyList<string> _knownScopes = Array.Empty<string>();

        public static CompletionCache Current =>
            Runspace.DefaultRunspace is { } runspace ? ByRunspace.GetValue(runspace, _ => new CompletionCache()) : Detached;

        public void Remember(DevicePairingSnapshot snapshot, IReadOnlyList<string> knownScopes)
        {
            lock (_devices)
            {
                foreach (var device in snapshot.Paired) _devices[device.DeviceId] = new DeviceCompletion(device);
                foreach (var request in snapshot.Pending) _requests[request.RequestId] = request;
                _knownScopes = knownScopes;
            }
        }

        /// <summary>One device of a listing that streams its devices, remembered as it passes.</summary>
        public void Remember(PairedDevice device)
        {
            lock (_devices) _devices[device.DeviceId] = new DeviceCompletion(device);
        }

        /// <summary>The requests of a listing that streams its devices, and the release's scopes.</summary>
        public void Remember(IReadOnlyList<PendingDeviceRequest> requests, IReadOnlyList<string> knownScopes) =>
            Remember(new DevicePairingSnapshot(Array.Empty<PairedDevice>(), requests), knownScopes);

        /// <summary>Drops devices that were removed, with their requests, so completion stops offering them.</summary>
        public void Forget(IEnumerable<string> deviceIds)
        {
            lock (_devices)
            {
                foreach (var id in deviceIds)
                {
                    _devices.Remove(id);
                    foreach (var request in _requests.Values.Where(r => string.Equals(r.DeviceId, id, StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        _requests.Remove(request.RequestId);
                    }
                }
            }
        }

        public IReadOnlyList<DeviceCompletion> Devices
        {
            get { lock (_devices) return _devices.Values.ToList(); }
        }

        public IReadOnlyList<PendingDeviceRequest> Requests
        {
            get { lock (_devices) return _requests.Values.ToList(); }
        }

        /// <summary>The operator scopes of the last gateway release seen.</summary>
        public IReadOnlyList<string> KnownScopes
        {
            get { lock (_devices) return _knownScopes; }
        }
    }

    /// <summary>What completion shows of a device: its id, names and scopes (strings the device already holds).</summary>
    internal sealed class DeviceCompletion
    {
        public DeviceCompletion(PairedDevice device)
        {
            DeviceId = device.DeviceId;
            DisplayName = device.DisplayName;
            ClientId = device.ClientId;
            Scopes = device.Scopes;
        }

        public string DeviceId { get; }
        public string? DisplayName { get; }
        public string? ClientId { get; }
        public IReadOnlyList<string> Scopes { get; }
    }
}
