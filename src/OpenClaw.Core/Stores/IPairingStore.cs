using System;
using System.Collections.Generic;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// A gateway's own pairing store, read and changed with no gateway running: the JSON files of 2026.2.x-2026.7.x
    /// (devices/paired.json, devices/pending.json) or the SQLite database of 2026.8.1+ (state/openclaw.sqlite).
    /// Both give the same snapshot the online list gives, so the same pipeline works offline.
    /// </summary>
    public interface IPairingStore
    {
        /// <summary>"json" or "sqlite".</summary>
        string Kind { get; }

        /// <summary>The file that holds paired devices (paired.json or openclaw.sqlite).</summary>
        string Location { get; }

        /// <summary>The release the store says wrote it (SQLite schema_meta, openclaw.json meta), when it says.</summary>
        GatewayRelease? Release { get; }

        /// <summary>Paired devices (with token summaries, never values) and unexpired pending requests.</summary>
        DevicePairingSnapshot Read();

        /// <summary>
        /// What <see cref="Read"/> gives, with the paired devices handed out as they are enumerated: for a listing
        /// that writes each device as soon as it exists (a SQLite row is built when it is reached; a JSON store,
        /// which must be read whole first, may have built them already). Problems found before the first device throw here.
        /// </summary>
        PairedDeviceStream Stream();

        /// <summary>
        /// Adds scopes in place, preserving every token value: to the device's scope list (and approvedScopes where
        /// the store has it) and to the role token's scopes. Everything the module does not know is kept as it was.
        /// Holds a cross-process lock for the whole write, so two runs of the module never interleave (JSON:
        /// Files.StoreLock beside paired.json; SQLite: one IMMEDIATE transaction). A grant for a device the store
        /// no longer holds is skipped (the caller's verification reports it). Refuses when
        /// <see cref="StoreWriteOptions.RunningGateway"/> is set, unless Force is set and the gateway re-reads the
        /// store live (JSON). Throws OpenClawException (OpenClaw.StateFileInvalid, OpenClaw.StateLocked,
        /// OpenClaw.GatewayRunning); nothing is written when it throws before the swap.
        /// </summary>
        StoreWriteResult AddScopes(IReadOnlyList<OfflineScopeGrant> grants, StoreWriteOptions options);

        /// <summary>
        /// Applies lifecycle edits (approve, reject, revoke, remove, rename) in order, as one batch: every changed
        /// file is written once, under the same lock, backup and atomic-replace rules as <see cref="AddScopes"/>.
        /// Always refused while <see cref="StoreWriteOptions.RunningGateway"/> is set, -Force or not (a running
        /// gateway makes these changes itself, online). An edit whose request, device or token is not in the store
        /// gets its own error in its outcome and the rest go on; a store that cannot be read or written throws
        /// (OpenClaw.StateFileInvalid, OpenClaw.StateLocked, OpenClaw.GatewayRunning), as does a rename on a store
        /// whose release has no device labels (OpenClaw.NotSupportedByRelease), before anything is written.
        /// </summary>
        StoreWriteResult<PairingEditOutcome> Apply(IReadOnlyList<PairingStoreEdit> edits, StoreWriteOptions options);
    }

    /// <summary>Scopes to add to one device and role.</summary>
    public sealed class OfflineScopeGrant
    {
        public OfflineScopeGrant(string deviceId, string role, IReadOnlyList<string> scopes)
        {
            DeviceId = deviceId;
            Role = role;
            Scopes = scopes;
        }

        public string DeviceId { get; }
        public string Role { get; }
        public IReadOnlyList<string> Scopes { get; }
    }

    public sealed class StoreWriteOptions
    {
        /// <summary>Write even though the owning gateway seems to be running (JSON only; never for SQLite).</summary>
        public bool Force { get; set; }

        /// <summary>Skip the timestamped backup of each file before its first change.</summary>
        public bool NoBackup { get; set; }

        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        /// <summary>
        /// How the caller found the owning gateway running (Offline.GatewayPresence), or null when it found none.
        /// The store refuses to write while it is set, unless <see cref="Force"/> is set and the store is JSON.
        /// </summary>
        public string? RunningGateway { get; set; }

        /// <summary>The release the change is judged for; JSON records gain approvedScopes from 2026.2.21 on.</summary>
        public GatewayRelease? Release { get; set; }

        /// <summary>How long to wait for another run of the module that holds the store's lock.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Progress notes (retries after a concurrent write, backups made), for -Verbose.</summary>
        public Action<string> Log { get; set; } = _ => { };
    }

    public class StoreWriteResult
    {
        public StoreWriteResult(IReadOnlyList<string> changedFiles, IReadOnlyList<string> backups)
        {
            ChangedFiles = changedFiles;
            Backups = backups;
        }

        public IReadOnlyList<string> ChangedFiles { get; }

        /// <summary>The backup made of each changed file, beside it, with the same mode.</summary>
        public IReadOnlyList<string> Backups { get; }
    }

    /// <summary>A batch written in one go: besides the files, what became of each item, one outcome per item in the order given.</summary>
    public sealed class StoreWriteResult<TOutcome> : StoreWriteResult
    {
        public StoreWriteResult(IReadOnlyList<TOutcome> outcomes, IReadOnlyList<string> changedFiles, IReadOnlyList<string> backups)
            : base(changedFiles, backups)
        {
            Outcomes = outcomes;
        }

        public IReadOnlyList<TOutcome> Outcomes { get; }
    }
}
