using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;

namespace OpenClaw.Core.Identity
{
    /// <summary>
    /// The OpenClaw CLI's identity in the state database of 2026.8.1+: the <c>device_identities</c> row
    /// 'primary' (PR #110392) and its cached tokens in <c>device_auth_tokens</c> (PR #112663), which replace
    /// identity/device.json and device-auth.json; migration deletes those files (facts §6.2). Reading does not
    /// check the schema version: these two tables are what the CLI itself reads, and a missing column fails
    /// loudly. A token write is one upsert in an IMMEDIATE transaction, the way OpenClaw's own device-auth
    /// store writes it, so it is safe while the gateway runs.
    /// </summary>
    public sealed class SqliteIdentityStore : IIdentityStore
    {
        public const string PrimaryIdentityKey = "primary";
        private readonly TimeSpan _busyTimeout;

        public SqliteIdentityStore(string databasePath, TimeSpan? busyTimeout = null)
        {
            Path = databasePath;
            _busyTimeout = busyTimeout ?? SqliteStateDatabase.DefaultBusyTimeout;
        }

        public string Path { get; }

        public string DeviceFile => Path;

        public string DeviceAuthFile => Path;

        public override string ToString() => $"{Path} (device_identities '{PrimaryIdentityKey}')";

        /// <summary>The primary key pair; null when the database has no such row (or no such table).</summary>
        public DeviceIdentity? TryLoad()
        {
            using var connection = SqliteStateDatabase.Open(Path, writable: false, _busyTimeout);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT device_id, public_key_pem, private_key_pem, created_at_ms FROM device_identities WHERE identity_key = $key";
            command.Parameters.AddWithValue("$key", PrimaryIdentityKey);
            try
            {
                using var row = command.ExecuteReader();
                if (!row.Read()) return null;
                var storedId = row.IsDBNull(0) ? null : row.GetValue(0) as string;
                var publicPem = row.IsDBNull(1) ? null : row.GetValue(1) as string;
                var privatePem = row.IsDBNull(2) ? null : row.GetValue(2) as string;
                var createdAt = !row.IsDBNull(3) && row.GetValue(3) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
                if (string.IsNullOrWhiteSpace(privatePem)) throw Invalid("it has no private_key_pem.");
                DeviceIdentity identity;
                try
                {
                    identity = DeviceIdentity.FromPrivateKeyPem(privatePem!, createdAt);
                    if (!string.IsNullOrWhiteSpace(publicPem) && !DeviceIdentity.PublicKeyFromPem(publicPem!).SequenceEqual(identity.PublicKeyRaw))
                    {
                        throw Invalid("its public_key_pem does not belong to its private_key_pem.");
                    }
                }
                catch (FormatException e)
                {
                    throw Invalid(e.Message, e);
                }
                if (storedId != null && !string.Equals(storedId, identity.DeviceId, StringComparison.Ordinal))
                {
                    throw Invalid($"its device_id {storedId} is not the id of its key ({identity.DeviceId}).");
                }
                return identity;
            }
            catch (SqliteException e) when (e.Message.IndexOf("no such table", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return null;
            }
            catch (SqliteException e)
            {
                throw SqliteStateDatabase.Map(Path, e, "read its device_identities table");
            }
        }

        /// <summary>
        /// The CLI's device id (the 'primary' row's device_id) without reading the private key, for offline views
        /// that mark the local device; null when there is no database, table or row.
        /// </summary>
        public static string? PrimaryDeviceId(string databasePath)
        {
            if (!System.IO.File.Exists(databasePath)) return null;
            using var connection = SqliteStateDatabase.Open(databasePath, writable: false, SqliteStateDatabase.DefaultBusyTimeout);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT device_id FROM device_identities WHERE identity_key = $key";
            command.Parameters.AddWithValue("$key", PrimaryIdentityKey);
            try
            {
                return command.ExecuteScalar() as string;
            }
            catch (SqliteException e) when (e.Message.IndexOf("no such table", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return null;
            }
            catch (SqliteException e)
            {
                throw SqliteStateDatabase.Map(databasePath, e, "read its device_identities table");
            }
        }

        /// <summary>True when the database caches a token for the device: the CLI (or migration) paired it.</summary>
        public bool HasTokens(string deviceId)
        {
            using var connection = SqliteStateDatabase.Open(Path, writable: false, _busyTimeout);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM device_auth_tokens WHERE device_id = $id AND token <> ''";
            command.Parameters.AddWithValue("$id", deviceId);
            try
            {
                return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
            }
            catch (SqliteException e) when (e.Message.IndexOf("no such table", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return false;
            }
            catch (SqliteException e)
            {
                throw SqliteStateDatabase.Map(Path, e, "read its device_auth_tokens table");
            }
        }

        public CachedDeviceToken? ReadToken(string deviceId, string role)
        {
            using var connection = SqliteStateDatabase.Open(Path, writable: false, _busyTimeout);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT token, scopes_json FROM device_auth_tokens WHERE device_id = $id AND role = $role";
            command.Parameters.AddWithValue("$id", deviceId);
            command.Parameters.AddWithValue("$role", role);
            try
            {
                using var row = command.ExecuteReader();
                if (!row.Read()) return null;
                var token = row.IsDBNull(0) ? null : row.GetValue(0) as string;
                if (string.IsNullOrEmpty(token)) return null;
                var scopesText = row.IsDBNull(1) ? null : row.GetValue(1) as string;
                return new CachedDeviceToken(role, token!, ParseScopes(scopesText));
            }
            catch (SqliteException e)
            {
                throw SqliteStateDatabase.Map(Path, e, "read its device_auth_tokens table");
            }
        }

        /// <summary>Upserts the row the CLI reads, with scopes sorted the way OpenClaw stores them.</summary>
        public void WriteToken(string deviceId, string role, string token, IEnumerable<string> scopes, DateTimeOffset now)
        {
            var scopesJson = new JArray(scopes.Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).Cast<object>().ToArray()).ToString(Formatting.None);
            using var connection = SqliteStateDatabase.Open(Path, writable: true, _busyTimeout);
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO device_auth_tokens (device_id, role, token, scopes_json, updated_at_ms) VALUES ($id, $role, $token, $scopes, $now) "
                                      + "ON CONFLICT (device_id, role) DO UPDATE SET token = excluded.token, scopes_json = excluded.scopes_json, updated_at_ms = excluded.updated_at_ms";
                command.Parameters.AddWithValue("$id", deviceId);
                command.Parameters.AddWithValue("$role", role);
                command.Parameters.AddWithValue("$token", token);
                command.Parameters.AddWithValue("$scopes", scopesJson);
                command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                throw SqliteStateDatabase.Map(Path, e, "store the new device token in device_auth_tokens");
            }
        }

        private IReadOnlyList<string> ParseScopes(string? text)
        {
            if (text == null) return Array.Empty<string>();
            try
            {
                return JToken.Parse(text) is JArray list
                    ? list.Where(t => t.Type == JTokenType.String).Select(t => (string)t!).ToList()
                    : throw Invalid("a device_auth_tokens scopes_json is not an array.");
            }
            catch (JsonException e)
            {
                throw Invalid("a device_auth_tokens scopes_json is not valid JSON (" + e.Message + ").", e);
            }
        }

        private OpenClawException Invalid(string problem, Exception? inner = null) =>
            new OpenClawException(ErrorIds.IdentityInvalid, OpenClawErrorKind.InvalidData,
                $"The OpenClaw CLI identity in '{Path}' (device_identities '{PrimaryIdentityKey}') cannot be used: {problem}",
                "Check it with 'openclaw doctor'. It is never replaced automatically, because a new key is a new device that must be paired again.",
                Path, inner);
    }
}
