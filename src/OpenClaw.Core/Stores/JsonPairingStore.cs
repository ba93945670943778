using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores.Files;
using OpenClaw.Core.Stores.Json;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The JSON pairing store of OpenClaw 2026.2.x-2026.7.x: devices/paired.json (object keyed by deviceId) and
    /// devices/pending.json (object keyed by requestId), 2-space JSON.stringify output, mode 0600, paired.json
    /// without a trailing newline (facts §1, §1.1, §1.2). The gateway re-reads both on every pairing operation
    /// (§3.6), which is why a guarded live write (-Force) is possible here and nowhere else.
    /// </summary>
    public sealed class JsonPairingStore : IPairingStore
    {
        private static readonly ReleaseVersion FirstApprovedScopes = new ReleaseVersion(2026, 2, 21);

        public JsonPairingStore(string stateDirectory)
        {
            StateDirectory = Path.GetFullPath(stateDirectory);
            Location = Path.Combine(StateDirectory, "devices", "paired.json");
            PendingLocation = Path.Combine(StateDirectory, "devices", "pending.json");
            Config = StateConfig.Read(StateDirectory);
        }

        public string Kind => "json";

        public string StateDirectory { get; }

        public string Location { get; }

        public string PendingLocation { get; }

        public StateConfig Config { get; }

        public GatewayRelease? Release => Config.Release();

        /// <summary>Test seams for the write (a failure or a concurrent writer between the steps).</summary>
        internal JsonStoreWriter Writer { get; } = new JsonStoreWriter();

        public DevicePairingSnapshot Read() => Read(DateTimeOffset.UtcNow);

        /// <summary>Paired devices in file order, and the pending requests the gateway would not yet have pruned.</summary>
        public DevicePairingSnapshot Read(DateTimeOffset now)
        {
            var paired = new List<PairedDevice>();
            if (File.Exists(Location))
            {
                var file = JsonStoreFile.Read(Location, "device id");
                paired.AddRange(LastOfEachKey(file.Root).Select(m => JsonRecords.Paired(file, m)));
            }
            var pending = new List<PendingDeviceRequest>();
            if (File.Exists(PendingLocation))
            {
                var file = JsonStoreFile.Read(PendingLocation, "request id");
                // The gateway prunes requests older than 5 minutes whenever it loads the file (PENDING_TTL_MS).
                pending.AddRange(LastOfEachKey(file.Root).Select(m => JsonRecords.Pending(file, m))
                    .Where(r => r.ExpiresAt == null || r.ExpiresAt > now));
            }
            return new DevicePairingSnapshot(paired, pending);
        }

        public StoreWriteResult AddScopes(IReadOnlyList<OfflineScopeGrant> grants, StoreWriteOptions options)
        {
            if (options.RunningGateway != null && !options.Force)
            {
                throw StoreErrors.GatewayRunning(Location, options.RunningGateway, forceAllowed: true);
            }
            if (grants.Count == 0 || !File.Exists(Location)) return new StoreWriteResult(Array.Empty<string>(), Array.Empty<string>());
            var release = options.Release ?? Release;
            var createApproved = release?.Version is { } v && v >= FirstApprovedScopes;
            using (StoreLock.Acquire(Location, options.LockTimeout))
            {
                StoreFileWrites.RemoveStaleTemps(Location);
                var result = Writer.Write(Location, file => PairedScopeEditor.Apply(file, grants, createApproved), !options.NoBackup, options.Now, options.Log);
                if (result.Backup != null) options.Log($"Backed up {Location} to {result.Backup}.");
                return new StoreWriteResult(
                    result.Changed ? new[] { Location } : Array.Empty<string>(),
                    result.Backup != null ? new[] { result.Backup } : Array.Empty<string>());
            }
        }

        // Scaffold for the offline lifecycle edits (issue 5); replaced by the implementation on its branch.
        public PairingEditResult Apply(IReadOnlyList<PairingStoreEdit> edits, StoreWriteOptions options) =>
            throw new NotSupportedException("Offline lifecycle edits are not implemented yet.");

        /// <summary>JSON.parse keeps the last of duplicate keys; so does the module.</summary>
        private static IEnumerable<JsonMember> LastOfEachKey(JsonObjectSpan root)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var kept = new List<JsonMember>();
            for (var i = root.Members.Count - 1; i >= 0; i--)
            {
                if (seen.Add(root.Members[i].Key)) kept.Add(root.Members[i]);
            }
            kept.Reverse();
            return kept;
        }
    }
}
