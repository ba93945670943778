using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The paired and pending rows a batch of edits touches, read once inside the caller's write transaction and
    /// changed in memory, so that each edit sees what the edits before it did and nothing is written until the
    /// whole batch was decided (and backed up). <see cref="Write"/> then turns the difference into the fewest
    /// statements: a DELETE per removed row, an INSERT per new one, and an UPDATE of only the columns whose value
    /// changed. Rows are column → value maps as SQLite returns them (string, long or null); column names come from
    /// the table itself or from the module's code, never from input.
    /// </summary>
    internal sealed class SqlitePairingWorkingSet
    {
        private const string PairedTable = "device_pairing_paired";
        private const string PendingTable = "device_pairing_pending";

        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly Dictionary<string, TrackedRow> _paired = new Dictionary<string, TrackedRow>(StringComparer.Ordinal);
        private readonly Dictionary<string, TrackedRow> _pending = new Dictionary<string, TrackedRow>(StringComparer.Ordinal);

        public SqlitePairingWorkingSet(SqliteConnection connection, SqliteTransaction transaction, string path)
        {
            _connection = connection;
            _transaction = transaction;
            Path = path;
        }

        public string Path { get; }

        /// <summary>Whether any row differs from the database.</summary>
        public bool Changed => _paired.Values.Concat(_pending.Values).Any(r => r.Changes().Any() || (r.Original == null) != (r.Current == null));

        /// <summary>The paired row of a device as the batch has left it (changes to the map are kept), or null.</summary>
        public Dictionary<string, object?>? Paired(string deviceId) => Track(_paired, PairedTable, "device_id", deviceId).Current;

        /// <summary>A pending request as the batch has left it, or null.</summary>
        public Dictionary<string, object?>? Pending(string requestId) => Track(_pending, PendingTable, "request_id", requestId).Current;

        /// <summary>The ids of every request of a device still in the batch's view, expired ones included.</summary>
        public IReadOnlyList<string> PendingIdsOf(string deviceId)
        {
            using var command = Command($"SELECT request_id FROM {PendingTable} WHERE device_id = $id ORDER BY ts, request_id");
            command.Parameters.AddWithValue("$id", deviceId);
            var ids = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) ids.Add(reader.GetString(0));
            }
            return ids.Where(id => Pending(id) != null).ToList();
        }

        public void AddPaired(string deviceId, Dictionary<string, object?> row)
        {
            var tracked = Track(_paired, PairedTable, "device_id", deviceId);
            if (tracked.Current != null) throw new InvalidOperationException($"Device '{deviceId}' is already paired in this batch.");
            row["device_id"] = deviceId;
            tracked.Current = row;
        }

        public void DeletePaired(string deviceId) => Track(_paired, PairedTable, "device_id", deviceId).Current = null;

        public void DeletePending(string requestId) => Track(_pending, PendingTable, "request_id", requestId).Current = null;

        /// <summary>Writes the difference inside the caller's transaction: deletes, then updates, then inserts.</summary>
        public void Write()
        {
            foreach (var row in _pending.Values.Concat(_paired.Values).Where(r => r.Original != null && r.Current == null)) Delete(row);
            foreach (var row in _paired.Values.Concat(_pending.Values).Where(r => r.Original != null && r.Current != null)) Update(row);
            foreach (var row in _paired.Values.Where(r => r.Original == null && r.Current != null)) Insert(row);
        }

        private TrackedRow Track(Dictionary<string, TrackedRow> rows, string table, string keyColumn, string key)
        {
            if (rows.TryGetValue(key, out var tracked)) return tracked;
            using var command = Command($"SELECT * FROM {table} WHERE {keyColumn} = $key");
            command.Parameters.AddWithValue("$key", key);
            Dictionary<string, object?>? original = null;
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    original = Enumerable.Range(0, reader.FieldCount)
                        .ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i), StringComparer.Ordinal);
                }
            }
            tracked = new TrackedRow(table, keyColumn, key, original);
            rows[key] = tracked;
            return tracked;
        }

        private void Delete(TrackedRow row)
        {
            using var command = Command($"DELETE FROM {row.Table} WHERE {row.KeyColumn} = $key");
            command.Parameters.AddWithValue("$key", row.Key);
            Expect(command, row, "delete");
        }

        private void Update(TrackedRow row)
        {
            var columns = row.Changes().ToList();
            if (columns.Count == 0) return;
            using var command = Command($"UPDATE {row.Table} SET {string.Join(", ", columns.Select((c, i) => $"{c} = $v{i}"))} WHERE {row.KeyColumn} = $key");
            for (var i = 0; i < columns.Count; i++) command.Parameters.AddWithValue("$v" + i, Value(row.Current!, columns[i]));
            command.Parameters.AddWithValue("$key", row.Key);
            Expect(command, row, "update");
        }

        private void Insert(TrackedRow row)
        {
            var values = row.Current!.Where(c => c.Value != null).ToList();
            using var command = Command($"INSERT INTO {row.Table} ({string.Join(", ", values.Select(c => c.Key))}) VALUES ({string.Join(", ", values.Select((_, i) => "$v" + i))})");
            for (var i = 0; i < values.Count; i++) command.Parameters.AddWithValue("$v" + i, values[i].Value);
            Expect(command, row, "insert");
        }

        private static object Value(Dictionary<string, object?> row, string column) =>
            row.TryGetValue(column, out var value) && value != null ? value : DBNull.Value;

        private static void Expect(SqliteCommand command, TrackedRow row, string doing)
        {
            if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Could not {doing} '{row.Key}' in {row.Table}: no row changed.");
        }

        private SqliteCommand Command(string sql)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            return command;
        }

        /// <summary>A row as the database holds it and as the batch has left it (null: absent or deleted).</summary>
        private sealed class TrackedRow
        {
            public TrackedRow(string table, string keyColumn, string key, Dictionary<string, object?>? original)
            {
                Table = table;
                KeyColumn = keyColumn;
                Key = key;
                Original = original;
                Current = original == null ? null : new Dictionary<string, object?>(original, StringComparer.Ordinal);
            }

            public string Table { get; }
            public string KeyColumn { get; }
            public string Key { get; }
            public Dictionary<string, object?>? Original { get; }
            public Dictionary<string, object?>? Current { get; set; }

            /// <summary>The columns whose value differs between the database and the batch, when the row is in both.</summary>
            public IEnumerable<string> Changes()
            {
                if (Original == null || Current == null) return Enumerable.Empty<string>();
                return Original.Keys.Union(Current.Keys, StringComparer.Ordinal)
                    .Where(c => !Equals(Original.TryGetValue(c, out var was) ? was : null, Current.TryGetValue(c, out var now) ? now : null));
            }
        }
    }
}
