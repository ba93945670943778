using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// OpenClaw's shared state database, <c>$OPENCLAW_STATE_DIR/state/openclaw.sqlite</c> (2026.8.1+, facts §6.1):
    /// opening it the way the gateway expects (its WAL journal mode is never changed, no connection pooling so no
    /// handle outlives a call), its schema_meta, and SQLite errors as the module's error ids.
    /// </summary>
    public static class SqliteStateDatabase
    {
        /// <summary>
        /// The <c>schema_meta</c> primary schema_version values whose device tables the module reads and edits: every
        /// schema a published release writes with devices in it (15 from 2026.8.1, 16 from 2026.9.3, 17 from 2026.9.4,
        /// 18 from 2026.9.6; the device-table DDL is identical in all four, release-matrix Part 1 §5, and each was
        /// read and repaired offline and restarted on its release in the matrix). Other versions (the betas' 2-14, a
        /// future 19) are refused: an unknown schema may have moved the columns a token-preserving edit relies on.
        /// </summary>
        public static readonly IReadOnlyCollection<int> VerifiedSchemaVersions = ReleaseLandscape.DeviceSchemas.Select(s => s.Schema).ToArray();

        public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

        public static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, "state", "openclaw.sqlite");

        /// <summary>Opens an existing database (never creates one). Read-only connections take no write lock.</summary>
        public static SqliteConnection Open(string path, bool writable, TimeSpan busyTimeout)
        {
            if (!File.Exists(path)) throw Invalid(path, "it does not exist.");
            SqliteNativeLoader.EnsureInitialized();
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = writable || HasJournal(path) ? path : ImmutableUri(path),
                Mode = writable ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly,
                Cache = SqliteCacheMode.Private,
                Pooling = false,
                // Microsoft.Data.Sqlite retries a busy statement until this many seconds passed (0 would mean forever).
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
            };
            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                Execute(connection, "PRAGMA busy_timeout = " + ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
                return connection;
            }
            catch (SqliteException e)
            {
                connection.Dispose();
                throw Map(path, e, "open it");
            }
        }

        /// <summary>
        /// A read-only connection to a WAL database creates its -shm and -wal when they are missing and, being
        /// read-only, cannot remove them when it closes: a read of a cleanly stopped gateway's store would leave two
        /// new files (owned by whoever runs PowerShell) and break -WhatIf's promise of zero bytes written. With no
        /// -wal or -journal beside it, nothing but the file itself holds the data, so it is opened immutable (no
        /// lock, no -shm, no -wal): nothing is created. A running gateway keeps its -wal, so its store is read the
        /// normal way, through the gateway's WAL.
        /// </summary>
        private static bool HasJournal(string path) => File.Exists(path + "-wal") || File.Exists(path + "-journal");

        private static string ImmutableUri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";

        /// <summary>The primary schema_meta row: the schema version and the release that wrote the database.</summary>
        public static SqliteSchema ReadSchema(SqliteConnection connection, string path)
        {
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT schema_version, app_version FROM schema_meta WHERE meta_key = 'primary'";
                using var reader = command.ExecuteReader();
                if (!reader.Read()) throw Invalid(path, "its schema_meta table has no 'primary' row, so its schema version is unknown.");
                if (reader.GetFieldType(0) != typeof(long)) throw Invalid(path, "its schema_meta schema_version is not an integer.");
                var version = reader.GetInt64(0);
                var appVersion = reader.IsDBNull(1) ? null : reader.GetValue(1) as string;
                return new SqliteSchema(version, appVersion);
            }
            catch (SqliteException e)
            {
                throw Map(path, e, "read its schema_meta");
            }
        }

        /// <summary>
        /// Schema version 1 is what 2026.6.1-2026.7.35 create: their device tables exist but stay empty, and the
        /// devices are in the JSON store beside the database (release-matrix Part 1 §5).
        /// </summary>
        public const long SchemaWithoutDevices = 1;

        /// <summary>Reads the schema and refuses one whose device tables the module has not verified.</summary>
        public static SqliteSchema RequireVerifiedSchema(SqliteConnection connection, string path) => RequireVerified(ReadSchema(connection, path), path);

        /// <summary>Refuses a schema whose device tables the module has not verified.</summary>
        public static SqliteSchema RequireVerified(SqliteSchema schema, string path)
        {
            if (!VerifiedSchemaVersions.Contains((int)Math.Min(int.MaxValue, schema.Version)))
            {
                throw new OpenClawException(ErrorIds.StateFileInvalid, OpenClawErrorKind.InvalidData,
                    $"The OpenClaw state database '{path}' has schema version {schema.Version} (written by {schema.AppVersion ?? "an unknown release"}); "
                    + $"this module knows schema versions {KnownSchemas()} only, and does not read or change other versions.",
                    "Use the openclaw CLI of that release (openclaw devices list / approve / rotate), or update the module.", path);
            }
            return schema;
        }

        private static string KnownSchemas() =>
            string.Join(", ", ReleaseLandscape.DeviceSchemas.Select(s => $"{s.Schema} (from {s.From})"));

        internal static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            return command.ExecuteNonQuery();
        }

        /// <summary>The journal mode as the database reports it (reading it changes nothing).</summary>
        internal static string JournalMode(SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        }

        /// <summary>
        /// SQLITE_BUSY / SQLITE_LOCKED after the busy timeout: another connection holds the write lock.
        /// Anything else that SQLite reports about the file makes it unusable for the module.
        /// </summary>
        public static OpenClawException Map(string path, SqliteException e, string doing)
        {
            var primary = e.SqliteErrorCode & 0xFF;
            if (primary == 5 || primary == 6)
            {
                return new OpenClawException(ErrorIds.StateLocked, OpenClawErrorKind.ResourceBusy,
                    $"The OpenClaw state database '{path}' is locked by another process, so the module could not {doing}; nothing was written.",
                    "Stop the process that holds the database (a gateway, openclaw doctor, another OpenClaw.PowerShell run), then retry.",
                    path, e);
            }
            return Invalid(path, $"SQLite could not {doing}: {e.Message}", e);
        }

        public static OpenClawException Invalid(string path, string problem, Exception? inner = null) =>
            new OpenClawException(ErrorIds.StateFileInvalid, OpenClawErrorKind.InvalidData,
                $"The OpenClaw state database '{path}' cannot be used: {problem}",
                "Check the file with 'openclaw doctor'; restore it from a backup (openclaw.sqlite.openclaw-powershell-*.bak beside it) if it is damaged.",
                path, inner);
    }

    /// <summary>What <c>schema_meta</c> says about a database.</summary>
    public sealed class SqliteSchema
    {
        public SqliteSchema(long version, string? appVersion)
        {
            Version = version;
            AppVersion = appVersion;
        }

        public long Version { get; }

        /// <summary>The release that last set the schema, e.g. "2026.9.6".</summary>
        public string? AppVersion { get; }

        public GatewayRelease? Release =>
            ReleaseVersion.TryParse(AppVersion, out var version)
                ? GatewayRelease.FromVersion(version, $"schema_meta app_version {AppVersion} (schema {Version})")
                : null;
    }
}
