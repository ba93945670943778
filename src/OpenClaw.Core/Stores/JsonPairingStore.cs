using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores.Files;
using OpenClaw.Core.Stores.Json;
using Newtonsoft.Json.Linq;

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

        public DevicePairingSnapshot Read(DateTimeOffset now)
        {
            var stream = Stream(now);
            return new DevicePairingSnapshot(stream.Paired.ToList(), stream.Pending);
        }

        public PairedDeviceStream Stream() => Stream(DateTimeOffset.UtcNow);

        /// <summary>
        /// Paired devices in the order the gateway's object holds them (file order, but for keys that are array
        /// indexes), and the pending requests the gateway would not yet have pruned. The whole file is read first
        /// (JSON.parse keeps the last of duplicate keys, which only the end of the file shows: correctness before
        /// streaming) and every record's shape is checked, so a wrong type anywhere is one StateFileInvalid before any
        /// device is listed. A plain file, as the gateway writes it, becomes its devices in that one pass
        /// (<see cref="PlainPairedRecords"/>); any other is parsed into a tree and checked, and only turning each
        /// checked record into a device waits for the enumeration.
        /// </summary>
        public PairedDeviceStream Stream(DateTimeOffset now)
        {
            IEnumerable<PairedDevice> paired = Array.Empty<PairedDevice>();
            if (File.Exists(Location))
            {
                var bytes = File.ReadAllBytes(Location);
                var text = JsonStoreFile.Decode(Location, bytes);
                paired = PlainPairedRecords.Read(text, new RepeatedStrings()) ?? Checked(JsonStoreFile.Parse(Location, bytes, text, "device id"));
            }
            var pending = new List<PendingDeviceRequest>();
            if (File.Exists(PendingLocation))
            {
                var file = JsonStoreFile.Read(PendingLocation, "request id");
                // The gateway prunes requests older than 5 minutes whenever it loads the file (PENDING_TTL_MS).
                pending.AddRange(NodeJson.InObjectOrder(file.Root).Select(m => (Request: JsonRecords.Pending(file, m), Record: (JObject)m.Value))
                    .Where(r => !JsonRecords.IsPruned(r.Record, now)).Select(r => r.Request));
            }
            return new PairedDeviceStream(paired, pending);
        }

        /// <summary>Every record of a parsed file checked now, its devices built as they are enumerated.</summary>
        private static IEnumerable<PairedDevice> Checked(JsonStoreFile file) =>
            Devices(NodeJson.InObjectOrder(file.Root).Select(m => (m.Name, Record: JsonRecords.CheckPaired(file, m))).ToList());

        /// <summary>The devices of checked records, built as they are enumerated; each enumeration keeps its own repeated strings.</summary>
        private static IEnumerable<PairedDevice> Devices(List<(string Key, JObject Record)> records)
        {
            var strings = new RepeatedStrings();
            foreach (var (key, record) in records) yield return JsonRecords.Paired(key, record, strings);
        }

        public StoreWriteResult AddScopes(IReadOnlyList<OfflineScopeGrant> grants, StoreWriteOptions options)
        {
            if (options.RunningGateway != null && !options.Force)
            {
                throw StoreErrors.GatewayRunning(Location, options.RunningGateway, forceAllowed: true);
            }
            if (grants.Count == 0 || !File.Exists(Location)) return new StoreWriteResult(Array.Empty<string>(), Array.Empty<string>());
            var release = options.Release ?? Release;
            var createApproved = KeepsApprovedScopes(release);
            using (StoreLock.Acquire(Location, options.LockTimeout))
            {
                StoreFileWrites.RemoveStaleTemps(Location);
                var result = Writer.Write(Location, "device id", file =>
                {
                    var paired = file.Edit();
                    var effects = PairedScopeEditor.Apply(paired, grants, createApproved);
                    return (paired.Text, effects);
                }, !options.NoBackup, options.Now, options.Log);
                if (result.Backup != null) options.Log($"Backed up {Location} to {result.Backup}.");
                return new StoreWriteResult(
                    result.Changed ? new[] { Location } : Array.Empty<string>(),
                    result.Backup != null ? new[] { result.Backup } : Array.Empty<string>());
            }
        }

        /// <summary>
        /// Runs the batch under the store lock and writes paired.json first, then pending.json. That order is what a
        /// crash in between leaves harmless: an approved device whose request is still pending (the request expires
        /// within 5 minutes, and approving it again changes nothing), never a deleted request whose device was not
        /// paired. Each file is written by the same optimistic writer as AddScopes; should a file change under it
        /// (by hand: the gateway is stopped and other runs wait for the lock), the batch is run again on the new bytes.
        /// </summary>
        public StoreWriteResult<PairingEditOutcome> Apply(IReadOnlyList<PairingStoreEdit> edits, StoreWriteOptions options)
        {
            // A running gateway makes these changes itself, and would overwrite pending.json from its own view.
            if (options.RunningGateway != null)
            {
                throw StoreErrors.GatewayMakesChange(Location, options.RunningGateway);
            }
            var release = options.Release ?? Release;
            if (edits.Any(e => e.Kind == PairingEditKind.RenameDevice)) throw ReleaseSupport.NoLabelsInJsonStore(Location, release);
            var context = new PairingEditContext(options.Now, KeepsApprovedScopes(release));
            var changed = new List<string>();
            var backups = new List<string>();
            using (StoreLock.Acquire(Location, options.LockTimeout))
            {
                StoreFileWrites.RemoveStaleTemps(Location);
                StoreFileWrites.RemoveStaleTemps(PendingLocation);
                var pending = File.Exists(PendingLocation) ? JsonStoreFile.Read(PendingLocation, "request id") : null;
                PairingEditBatch batch;
                if (File.Exists(Location))
                {
                    var written = Writer.Write(Location, "device id", file =>
                    {
                        var run = PairingEditBatch.Run(file, pending, PendingLocation, edits, context);
                        return (run.PairedText, run);
                    }, !options.NoBackup, options.Now, options.Log);
                    batch = written.Effects;
                    Record(Location, written.Changed, written.Backup, changed, backups, options);
                }
                else
                {
                    batch = PairingEditBatch.Run(JsonStoreFile.Parse(Location, EmptyObject, "device id"), pending, PendingLocation, edits, context);
                    if (batch.PairedText != "{}") CreatePaired(batch.PairedText, changed);
                }
                if (pending != null)
                {
                    // Replayed from the paired.json this batch edited, so each request is deleted exactly as decided above.
                    var written = Writer.Write(PendingLocation, "request id", file =>
                    {
                        var run = PairingEditBatch.Run(batch.PairedBefore, file, PendingLocation, edits, context);
                        return (run.PendingText!, run);
                    }, !options.NoBackup, options.Now, options.Log);
                    Record(PendingLocation, written.Changed, written.Backup, changed, backups, options);
                }
                return new StoreWriteResult<PairingEditOutcome>(batch.Outcomes, changed, backups);
            }
        }

        private static readonly byte[] EmptyObject = { (byte)'{', (byte)'}' };

        private static void Record(string path, bool changed, string? backup, List<string> changedFiles, List<string> backups, StoreWriteOptions options)
        {
            if (changed) changedFiles.Add(path);
            if (backup == null) return;
            backups.Add(backup);
            options.Log($"Backed up {path} to {backup}.");
        }

        /// <summary>A store with only pending.json gets its paired.json with the first approval, as the gateway would write it (mode 0600).</summary>
        private void CreatePaired(string text, List<string> changed)
        {
            var temp = StoreFileWrites.WriteTemp(Location, Encoding.UTF8.GetBytes(text), UnixFileModes.OwnerReadWrite);
            try
            {
                File.Move(temp, Location);
            }
            finally
            {
                StoreFileWrites.TryDelete(temp);
            }
            changed.Add(Location);
        }

        private static bool KeepsApprovedScopes(GatewayRelease? release) =>
            release?.Version is { } version && ReleaseLandscape.Of(version).StoreKeepsApprovedScopes;
    }
}
