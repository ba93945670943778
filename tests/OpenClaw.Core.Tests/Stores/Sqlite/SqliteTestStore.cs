using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Core.Tests.Stores.Sqlite;

/// <summary>
/// A state folder with a 2026.9.6-shaped state/openclaw.sqlite: the device tables of the real schema dump
/// (Fixtures/sqlite-schema-2026.9.6-devices.sql), a schema_meta 'primary' row, WAL journal and mode 0600, as the
/// gateway leaves it. Rows come from the migrated fixture or are generated.
/// </summary>
public sealed class SqliteTestStore : IDisposable
{
    public const string MigratedDeviceId = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";
    private readonly TempDirectory _temp = new TempDirectory();

    public SqliteTestStore(long schemaVersion = 18, string appVersion = "2026.9.6")
    {
        SqliteNativeLoader.EnsureInitialized();
        StateDirectory = _temp.Combine("state");
        Directory.CreateDirectory(Path.Combine(StateDirectory, "state"));
        using var connection = Connect();
        Exec(connection, "PRAGMA journal_mode = WAL");
        Exec(connection, File.ReadAllText(FixturePath("sqlite-schema-2026.9.6-devices.sql")));
        Exec(connection, "INSERT INTO schema_meta (meta_key, role, schema_version, agent_id, app_version, created_at, updated_at) "
                         + "VALUES ('primary', 'global', $v, NULL, $a, 1795560614378, 1795560614378)", ("$v", schemaVersion), ("$a", appVersion));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(DatabasePath, UnixMode.OwnerReadWrite);
    }

    public string StateDirectory { get; }

    public string DatabasePath => SqliteStateDatabase.PathIn(StateDirectory);

    public string Root => _temp.Path;

    public static string FixturePath(string name)
    {
        return Path.Combine(TestInstalls.RepositoryRoot, "tests", "OpenClaw.Core.Tests", "Stores", "Sqlite", "Fixtures", name);
    }

    public static JObject MigratedRows() => JObject.Parse(File.ReadAllText(FixturePath("sqlite-rows-2026.9.6-migrated.json")));

    /// <summary>Inserts the rows of the migrated fixture (2026.2.19 CLI device, its cached token and identity).</summary>
    public SqliteTestStore WithMigratedRows()
    {
        var rows = MigratedRows();
        foreach (var table in new[] { "device_pairing_paired", "device_pairing_pending", "device_auth_tokens", "device_identities" })
        {
            foreach (var row in rows[table]!.OfType<JObject>()) Insert(table, row);
        }
        return this;
    }

    public void Insert(string table, JObject row)
    {
        using var connection = Connect();
        var names = row.Properties().Select(p => p.Name).ToList();
        var values = names.Select((n, i) => ("$p" + i, (object?)ValueOf(row[n]!))).ToArray();
        Exec(connection, $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values.Select(v => v.Item1))})", values);
    }

    /// <summary>A paired row in the shape a 2026.9.6 gateway writes for a new cli/cli device.</summary>
    public static JObject PairedRow(string deviceId, string scopesJson, string? approvedJson, string tokensJson, long approvedAt = 1795560641626) => new()
    {
        ["device_id"] = deviceId,
        ["public_key"] = "pk-" + deviceId.Substring(0, 8),
        ["platform"] = "linux",
        ["client_id"] = "cli",
        ["client_mode"] = "cli",
        ["role"] = "operator",
        ["roles_json"] = "[\"operator\"]",
        ["scopes_json"] = scopesJson,
        ["approved_scopes_json"] = approvedJson,
        ["tokens_json"] = tokensJson,
        ["approved_via"] = "silent",
        ["created_at_ms"] = approvedAt,
        ["approved_at_ms"] = approvedAt,
        ["last_seen_at_ms"] = approvedAt + 5,
        ["last_seen_reason"] = "connect",
    };

    /// <summary>Every column of one row, as SQLite returns them.</summary>
    public Dictionary<string, object?> Row(string table, string where)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE {where}";
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException($"No row in {table} where {where}.");
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    public object? Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Connect();
        Exec(connection, sql, parameters);
    }

    /// <summary>A connection of the test's own (read-write, not pooled), e.g. to hold a lock.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Exec(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static object? ValueOf(JToken token) => token.Type switch
    {
        JTokenType.Null => null,
        JTokenType.Integer => (long)token,
        _ => (string?)token,
    };

    public void Dispose() => _temp.Dispose();
}
