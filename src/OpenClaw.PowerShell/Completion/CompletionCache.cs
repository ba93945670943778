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
    /// network while someone is typing, so completers offer only what earlier commands listed.
    /// </summary>
    internal sealed class CompletionCache
    {
        private static readonly ConditionalWeakTable<Runspace, CompletionCache> ByRunspace = new ConditionalWeakTable<Runspace, CompletionCache>();
        private static readonly CompletionCache Detached = new CompletionCache();
        private readonly Dictionary<string, PairedDevice> _devices = new Dictionary<string, PairedDevice>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, PendingDeviceRequest> _requests = new Dictionary<string, PendingDeviceRequest>(StringComparer.OrdinalIgnoreCase);
        private IReadOnlyList<string> _knownScopes = Array.Empty<string>();

        public static CompletionCache Current =>
            Runspace.DefaultRunspace is { } runspace ? ByRunspace.GetValue(runspace, _ => new CompletionCache()) : Detached;

        public void Remember(DevicePairingSnapshot snapshot, IReadOnlyList<string> knownScopes)
        {
            lock (_devices)
            {
                foreach (var device in snapshot.Paired) _devices[device.DeviceId] = device;
                foreach (var request in snapshot.Pending) _requests[request.RequestId] = request;
                _knownScopes = knownScopes;
            }
        }

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

        public IReadOnlyList<PairedDevice> Devices
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
}
