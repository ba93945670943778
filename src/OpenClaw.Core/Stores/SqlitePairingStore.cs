using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The SQLite pairing store of 2026.8.1+ (<c>state/openclaw.sqlite</c>, tables device_pairing_paired and
    /// device_pairing_pending), read and repaired with no gateway running. Only schema versions the module has
    /// verified are read (<see cref="SqliteStateDatabase.VerifiedSchemaVersions"/>).
    /// </summary>
    public sealed class SqlitePairingStore : IPairingStore
    {
        private readonly TimeSpan _busyTimeout;

        private SqlitePairingStore(string stateDirectory, string location, SqliteSchema schema, TimeSpan busyTimeout)
        {
            StateDirectory = stateDirectory;
            Location = location;
            Schema = schema;
            _busyTimeout = busyTimeout;
        }

        public string Kind => "sqlite";

        public string Location { get; }

        public string StateDirectory { get; }

        public SqliteSchema Schema { get; }

        public GatewayRelease? Release => Schema.Release;

        /// <summary>Opens the store of a state directory and checks its schema; the file is not kept open.</summary>
        public static SqlitePairingStore Open(string stateDirectory, TimeSpan? busyTimeout = null) => Open(stateDirectory, busyTimeout, schemaOneIsNoStore: false)!;

        /// <summary>
        /// <see cref="Open"/>, or null when the database is at schema version 1 (<see cref="SqliteStateDatabase.SchemaWithoutDevices"/>):
        /// 2026.6.1-2026.7.35 create it with empty device tables and keep the devices in the JSON store beside it.
        /// A database whose schema cannot be read is the store, so that opening it says what is wrong with it.
        /// </summary>
        public static SqlitePairingStore? OpenIfItHoldsDevices(string stateDirectory) => Open(stateDirectory, null, schemaOneIsNoStore: true);

        private static SqlitePairingStore? Open(string stateDirectory, TimeSpan? busyTimeout, bool schemaOneIsNoStore)
        {
            var location = SqliteStateDatabase.PathIn(stateDirectory);
            var timeout = busyTimeout ?? SqliteStateDatabase.DefaultBusyTimeout;
            using var connection = SqliteStateDatabase.Open(location, writable: false, timeout);
            var schema = SqliteStateDatabase.ReadSchema(connection, location);
            if (schemaOneIsNoStore && schema.Version == SqliteStateDatabase.SchemaWithoutDevices) return null;
            return new SqlitePairingStore(stateDirectory, location, SqliteStateDatabase.RequireVerified(schema, location), timeout);
        }

        /// <summary>
        /// One read transaction, so paired and pending come from the same snapshot. Works while a gateway runs (WAL
        /// readers never block it), but then shows what the gateway last persisted.
        /// </summary>
        public DevicePairingSnapshot Read()
        {
            using var stream = Stream();
            return new DevicePairingSnapshot(stream.Paired.ToList(), stream.Pending);
        }

        /// <summary>
        /// <see cref="Read"/>, with the paired rows turned into devices as they are enumerated. The rows' values
        /// are fetched in one read transaction and the database is closed before the first device is built: SQLite
        /// does that part natively and fast, and a stream that kept the file open would be reading it while the
        /// next command of the pipeline (Update-OpenClawDeviceScope -Offline) writes it, which an immutable read of
        /// a stopped gateway's store must never see. Parsing each row's JSON columns, most of the cost, is what
        /// waits. A row is checked when it is built, as checking every row first would parse those columns twice;
        /// so a bad row stops the enumeration with a StateFileInvalid naming it, after the rows before it (which
        /// passed the same checks) were yielded.
        /// </summary>
        public PairedDeviceStream Stream()
        {
            using var connection = SqliteStateDatabase.Open(Location, writable: false, _busyTimeout);
            FetchedRows? paired = null;
            try
            {
                List<PendingDeviceRequest> requests;
                using (var transaction = connection.BeginTransaction(deferred: true))
                {
                    SqliteStateDatabase.RequireVerifiedSchema(connection, Location);
                    var count = Query(connection, transaction, "SELECT count(*) FROM device_pairing_paired", reader => reader.Read() ? reader.GetInt32(0) : 0);
                    paired = FetchedRows.Fetch(connection, $"SELECT {SqlitePairingRows.PairedColumns} FROM device_pairing_paired ORDER BY approved_at_ms DESC, device_id", count);
                    using var pending = FetchedRows.Fetch(connection, $"SELECT {SqlitePairingRows.PendingColumns} FROM device_pairing_pending ORDER BY ts");
                    var now = DateTimeOffset.UtcNow;
                    requests = Enumerable.Range(0, pending.Count)
                        .Where(row => !SqlitePairingRows.IsPruned(pending, row, now))
                        .Select(row => SqlitePairingRows.Pending(pending, row, Location)).ToList();
                }
                return new PairedDeviceStream(Devices(paired), requests, paired);
            }
            catch (Exception e)
            {
                paired?.Dispose();
                if (e is SqliteException sqlite) throw SqliteStateDatabase.Map(Location, sqlite, "read its device tables");
                throw;
            }
        }

        /// <summary>
        /// Adds scopes in one BEGIN IMMEDIATE transaction (<see cref="Write"/>): every grant or none. Per device
        /// it merges into scopes_json, into approved_scopes_json when that is set, and into tokens_json[role].scopes;
        /// approved_scopes_json NULL (a row migrated from 2026.2.19) stays NULL, because the 2026.9.6 connect check
        /// reads approved_scopes_json ?? scopes_json, so the widened scopes_json is what it checks. No token value,
        /// other column, other JSON field or entry order changes; columns with nothing to add are not rewritten.
        /// </summary>
        public StoreWriteResult AddScopes(IReadOnlyList<OfflineScopeGrant> grants, StoreWriteOptions options)
        {
            var backups = Write(options, "add the scopes", (connection, transaction) =>
            {
                // Every grant is merged before anything is written, so a bad one fails the batch with no backup
                // left behind; grants for two roles of one device compose on the same parsed row.
                var rows = new Dictionary<string, RowChange>(StringComparer.Ordinal);
                foreach (var grant in grants) Merge(connection, transaction, grant, rows);
                var changes = rows.Values.Where(r => r.Dirty.Count > 0).ToList();
                if (changes.Count == 0) return null;
                return () =>
                {
                    foreach (var change in changes) Update(connection, transaction, change);
                    options.Log($"Added scopes to {changes.Count} device(s) in {Location} in one IMMEDIATE transaction; no token value changed.");
                };
            });
            return backups == null
                ? new StoreWriteResult(Array.Empty<string>(), Array.Empty<string>())
                : new StoreWriteResult(new[] { Location }, backups);
        }

        /// <summary>
        /// Applies lifecycle edits in one BEGIN IMMEDIATE transaction, as <see cref="SqlitePairingEdits"/> describes:
        /// each edit sees the rows as the edits before it left them, an edit whose request, device or token is
        /// missing gets its error in its outcome, and a row that cannot be read fails the whole batch unwritten.
        /// Always refused while the owning gateway runs, -Force or not.
        /// </summary>
        public StoreWriteResult<PairingEditOutcome> Apply(IReadOnlyList<PairingStoreEdit> edits, StoreWriteOptions options)
        {
            var outcomes = new List<PairingEditOutcome>();
            var backups = Write(options, "apply the device changes", (connection, transaction) =>
            {
                var rows = new SqlitePairingWorkingSet(connection, transaction, Location);
                var editor = new SqlitePairingEdits(rows, Location, options.Now);
                outcomes.AddRange(edits.Select(editor.Apply));
                if (!rows.Changed) return null;
                return () =>
                {
                    rows.Write();
                    options.Log($"Applied {outcomes.Count(o => o.Applied)} device change(s) to {Location} in one IMMEDIATE transaction.");
                };
            });
            return backups == null
                ? new StoreWriteResult<PairingEditOutcome>(outcomes, Array.Empty<string>(), Array.Empty<string>())
                : new StoreWriteResult<PairingEditOutcome>(outcomes, new[] { Location }, backups);
        }

        /// <summary>
        /// The one way this store writes. Refused while the owning gateway runs (also with -Force: a 2026.8.1+ gateway
        /// holds the store in memory and would write its copy back). The caller's detection (lock files, processes,
        /// port) is backed by the gateway's own SQLite coordinators, held from here to the commit so that a gateway
        /// started meanwhile waits. Inside one BEGIN IMMEDIATE transaction on a verified schema, <paramref name="plan"/>
        /// reads and decides everything and returns the writes, or null when nothing changes; only then is the one
        /// backup taken (so a plan that fails leaves no backup behind), the writes run and the transaction commits.
        /// Returns the backups made, or null when nothing was written.
        /// </summary>
        private IReadOnlyList<string>? Write(StoreWriteOptions options, string doing, Func<SqliteConnection, SqliteTransaction, Action?> plan)
        {
            if (options.RunningGateway != null) throw StoreErrors.GatewayRunning(Location, options.RunningGateway, forceAllowed: false);
            using var gatewayLock = SqliteGatewayLock.Acquire(StateDirectory);
            using var connection = SqliteStateDatabase.Open(Location, writable: true, options.LockTimeout);
            var journalMode = SqliteStateDatabase.JournalMode(connection);
            SqliteTransaction transaction;
            try
            {
                transaction = connection.BeginTransaction(deferred: false);
            }
            catch (SqliteException e)
            {
                throw SqliteStateDatabase.Map(Location, e, "begin a write transaction");
            }
            using (transaction)
            {
                try
                {
                    SqliteStateDatabase.RequireVerifiedSchema(connection, Location);
                    var writes = plan(connection, transaction);
                    if (writes == null) return null;
                    var backups = options.NoBackup ? Array.Empty<string>() : new[] { SqliteBackup.Create(Location, options.Now, _busyTimeout) };
                    if (backups.Length > 0) options.Log($"Backed up {Location} to {backups[0]} (SQLite online backup, taken under the write lock).");
                    writes();
                    transaction.Commit();
                    if (!string.Equals(SqliteStateDatabase.JournalMode(connection), journalMode, StringComparison.OrdinalIgnoreCase))
                    {
                        throw SqliteStateDatabase.Invalid(Location, $"its journal mode changed from {journalMode} during the write.");
                    }
                    return backups;
                }
                catch (SqliteException e)
                {
                    throw SqliteStateDatabase.Map(Location, e, doing);
                }
            }
        }

        private void Merge(SqliteConnection connection, SqliteTransaction transaction, OfflineScopeGrant grant, Dictionary<string, RowChange> rows)
        {
            var id = grant.DeviceId;
            if (!rows.TryGetValue(id, out var change))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT device_id, scopes_json, approved_scopes_json, tokens_json FROM device_pairing_paired WHERE device_id = $id";
                command.Parameters.AddWithValue("$id", id);
                using var row = command.ExecuteReader();
                if (!row.Read())
                {
                    throw new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                        $"No device '{id}' is paired in '{Location}'; nothing was written.", null, id);
                }
                change = new RowChange(id,
                    SqlitePairingRows.Json<JArray>(row, "scopes_json", Location, id),
                    SqlitePairingRows.Json<JArray>(row, "approved_scopes_json", Location, id),
                    SqlitePairingRows.Json<JObject>(row, "tokens_json", Location, id));
                rows[id] = change;
            }

            if (change.Tokens?[grant.Role] is not JObject token)
            {
                throw new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"Device '{id}' in '{Location}' has no {grant.Role} token to widen; nothing was written.", null, id);
            }
            var tokenScopes = SqlitePairingRows.TokenScopes(token);
            change.Scopes ??= new JArray();
            if (SqlitePairingRows.AddMissing(change.Scopes, grant.Scopes)) change.Dirty.Add("scopes_json");
            if (change.Approved != null && SqlitePairingRows.AddMissing(change.Approved, grant.Scopes)) change.Dirty.Add("approved_scopes_json");
            if (SqlitePairingRows.AddMissing(tokenScopes, grant.Scopes)) change.Dirty.Add("tokens_json");
        }

        private static void Update(SqliteConnection connection, SqliteTransaction transaction, RowChange change)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var columns = change.Dirty.OrderBy(c => c, StringComparer.Ordinal).ToList();
            command.CommandText = $"UPDATE device_pairing_paired SET {string.Join(", ", columns.Select((c, i) => $"{c} = $v{i}"))} WHERE device_id = $id";
            for (var i = 0; i < columns.Count; i++) command.Parameters.AddWithValue("$v" + i, SqlitePairingRows.Serialize(change.Column(columns[i])));
            command.Parameters.AddWithValue("$id", change.DeviceId);
            if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Updating device '{change.DeviceId}' changed no row.");
        }

        /// <summary>The devices of the paired rows, built as they are enumerated; each enumeration has its own column reader.</summary>
        private IEnumerable<PairedDevice> Devices(FetchedRows rows)
        {
            var json = new SqliteJsonColumns(Location);
            for (var row = 0; row < rows.Count; row++) yield return SqlitePairingRows.Paired(rows, row, json);
        }

        /// <summary>Runs a query in the read's transaction; <paramref name="copyRows"/> copies what it needs before the reader closes.</summary>
        private static T Query<T>(SqliteConnection connection, SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> copyRows)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            return copyRows(reader);
        }

        /// <summary>One paired row's three scope-bearing JSON columns, parsed once, and which of them changed.</summary>
        private sealed class RowChange
        {
            public RowChange(string deviceId, JArray? scopes, JArray? approved, JObject? tokens)
            {
                DeviceId = deviceId;
                Scopes = scopes;
                Approved = approved;
                Tokens = tokens;
            }

            public string DeviceId { get; }
            public JArray? Scopes { get; set; }
            public JArray? Approved { get; }
            public JObject? Tokens { get; }

            /// <summary>Names of the changed columns (three fixed names, never user input).</summary>
            public HashSet<string> Dirty { get; } = new HashSet<string>(StringComparer.Ordinal);

            public JToken Column(string name) => name switch
            {
                "scopes_json" => Scopes!,
                "approved_scopes_json" => Approved!,
                _ => Tokens!,
            };
        }
    }
}
