using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Offline
{
    /// <summary>
    /// A gateway's state folder opened for offline work: its pairing store, one snapshot of it, the release the
    /// verdicts are for, and the local CLI identity it holds. The release is -Release when given, else what the
    /// store records (openclaw.json meta for JSON stores, schema_meta for SQLite), else the strictest rule of the
    /// store's generation (2026.2.19's literal membership for JSON stores), so no under-scoped device is missed.
    /// </summary>
    public sealed class OfflineState
    {
        private DevicePairingSnapshot? _snapshot;

        private OfflineState(string stateDirectory, IPairingStore store, GatewayRelease release, string? localDeviceId)
        {
            StateDirectory = stateDirectory;
            Store = store;
            Release = release;
            LocalDeviceId = localDeviceId;
        }

        public string StateDirectory { get; }


        public IPairingStore Store { get; }

        public GatewayRelease Release { get; }

        /// <summary>The whole store, read by <see cref="Open"/> (or on first use after <see cref="OpenUnread"/>).</summary>
        public DevicePairingSnapshot Snapshot => _snapshot ??= Store.Read();

        /// <summary>
        /// A gateway's state folder where nothing has paired yet: it has no store file, so it holds no devices
        /// (PairingStoreLocator opens it as an empty JSON store).
        /// </summary>
        public bool NothingPairedYet => Store is JsonPairingStore json && !File.Exists(json.Location) && !File.Exists(json.PendingLocation);

        /// <summary>
        /// devices/paired.json and devices/pending.json found beside a SQLite store: a JSON store an older release
        /// wrote that was never imported (an import renames them to *.json.migrated), so the gateway does not use
        /// the devices in them. Empty for a JSON store, or when nothing was left behind.
        /// </summary>
        public IReadOnlyList<string> UnimportedLegacyFiles =>
            Store.Kind != "sqlite" ? Array.Empty<string>() : LegacyJsonFiles.Select(f => Path.Combine(StateDirectory, "devices", f)).Where(File.Exists).ToArray();

        private static readonly string[] LegacyJsonFiles = { "paired.json", "pending.json" };

        /// <summary>
        /// Whether the gateway imports <see cref="UnimportedLegacyFiles"/> when it next starts (2026.8.1-2026.9.4),
        /// or only `openclaw doctor --fix` does (2026.9.5 and later); null when the store does not record its release.
        /// </summary>
        public bool? LegacyFilesImportedAtStart => Release.Version is { } version ? ReleaseLandscape.Of(version).ImportsLegacyPairingAtStart : (bool?)null;

        /// <summary>The first release whose gateway leaves a legacy JSON store to `openclaw doctor --fix`.</summary>
        public static ReleaseVersion FirstDoctorOnlyImport { get; } =
            ReleaseLandscape.First(e => e.Store == PairingStoreLayout.Sqlite && !e.ImportsLegacyPairingAtStart).From;

        /// <summary>The device id of the local OpenClaw CLI identity in this folder (identity/device.json, or the database), if any.</summary>
        public string? LocalDeviceId { get; }

        public static OfflineState Open(string stateDirectory, GatewayRelease? release)
        {
            var state = OpenUnread(stateDirectory, release);
            state.Reread();
            return state;
        }

        /// <summary>
        /// The folder, its store and release, with the devices not yet read: for a listing that takes them from
        /// <see cref="IPairingStore.Stream"/> as they are built. <see cref="Snapshot"/> still reads the whole store when asked.
        /// </summary>
        public static OfflineState OpenUnread(string stateDirectory, GatewayRelease? release)
        {
            var dir = Path.GetFullPath(stateDirectory);
            var store = PairingStoreLocator.Open(dir);
            return new OfflineState(dir, store, release ?? store.Release ?? Strictest(store), LocalIdentity(dir, store));
        }

        public DevicePairingSnapshot Reread() => _snapshot = Store.Read();

        private static readonly ReleaseVersion FirstSqliteStore = ReleaseLandscape.First(e => e.Store == PairingStoreLayout.Sqlite).From;

        private static GatewayRelease Strictest(IPairingStore store) => store.Kind == "json"
            ? GatewayRelease.Unrecorded("2026.2-2026.7 (not recorded)", new ReleaseVersion(2026, 2, 19),
                $"{store.Location} does not record which release wrote it (no meta.lastTouchedVersion in openclaw.json), so the strictest rule of the JSON-store releases applies: 2026.2.19's literal scope check")
            : GatewayRelease.Unrecorded($"{FirstSqliteStore} or later (not recorded)", FirstSqliteStore,
                $"{store.Location} does not record which release wrote it; every SQLite-store release lets operator.admin imply every operator scope");

        /// <summary>
        /// Only the id is read: the private key is never needed offline. 2026.8.1+ moves the identity into the
        /// database (device_identities 'primary') and deletes identity/device.json.
        /// </summary>
        private static string? LocalIdentity(string dir, IPairingStore store)
        {
            if (store.Kind == "sqlite")
            {
                try
                {
                    return Identity.SqliteIdentityStore.PrimaryDeviceId(store.Location);
                }
                catch (Errors.OpenClawException)
                {
                    return null; // marking the local device is a nicety; the store itself was readable
                }
            }
            var path = Path.Combine(dir, "identity", "device.json");
            try
            {
                return File.Exists(path) ? (string?)JObject.Parse(File.ReadAllText(path))["deviceId"] : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is Newtonsoft.Json.JsonException || e is ArgumentException)
            {
                return null;
            }
        }
    }
}
