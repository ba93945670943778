using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;

namespace OpenClaw.PowerShell.Completion
{
    /// <summary>
    /// What this runspace has already read from gateways, for tab completion. Completion must never touch the
    /// network while someone is typing, so completers offer only what earlier commands listed. Of a device it keeps
    /// only what completion shows (<see cref="DeviceCompletion"/>). An offline listing that streams its devices
    /// keeps none of them: it remembers its state folder, and completion reads that local store when it is asked
    /// (<see cref="RememberFolder"/>). Keeping something for each of 10,000 devices while they were built made the
    /// garbage collector copy it between generations, about a sixth of the listing's time.
    /// </summary>
    internal sealed class CompletionCache
    {
        private static readonly ConditionalWeakTable<Runspace, CompletionCache> ByRunspace = new ConditionalWeakTable<Runspace, CompletionCache>();
        private static readonly CompletionCache Detached = new CompletionCache();
        private readonly Dictionary<string, DeviceCompletion> _devices = new Dictionary<string, DeviceCompletion>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, PendingDeviceRequest> _requests = new Dictionary<string, PendingDeviceRequest>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _folders = new List<string>();
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

        /// <summary>
        /// A state folder a listing streamed its devices from, with that listing's requests and release scopes:
        /// completion reads the folder's devices when it is asked (<see cref="Devices"/>).
        /// </summary>
        public void RememberFolder(string stateDirectory, IReadOnlyList<PendingDeviceRequest> requests, IReadOnlyList<string> knownScopes)
        {
            Remember(new DevicePairingSnapshot(Array.Empty<PairedDevice>(), requests), knownScopes);
            lock (_devices)
            {
                if (!_folders.Contains(stateDirectory)) _folders.Add(stateDirectory);
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

        /// <summary>
        /// The devices remembered, and those of the remembered folders as they are now (each id once, the folders'
        /// first). A folder that can no longer be read offers nothing: completion never fails.
        /// </summary>
        public IReadOnlyList<DeviceCompletion> Devices
        {
            get
            {
                List<DeviceCompletion> remembered;
                List<string> folders;
                lock (_devices)
                {
                    remembered = _devices.Values.ToList();
                    folders = _folders.ToList();
                }
                var devices = new Dictionary<string, DeviceCompletion>(StringComparer.OrdinalIgnoreCase);
                foreach (var device in folders.SelectMany(FolderDevices)) devices[device.DeviceId] = device;
                foreach (var device in remembered.Where(d => !devices.ContainsKey(d.DeviceId))) devices[device.DeviceId] = device;
                return devices.Values.ToList();
            }
        }

        private static IEnumerable<DeviceCompletion> FolderDevices(string stateDirectory)
        {
            try
            {
                return OfflineState.Open(stateDirectory, null).Snapshot.Paired.Select(d => new DeviceCompletion(d)).ToList();
            }
            catch (Exception e) when (e is OpenClawException || e is IOException || e is UnauthorizedAccessException)
            {
                return Array.Empty<DeviceCompletion>();
            }
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
