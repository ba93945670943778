using System;
using System.IO;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// Finds the pairing store in a gateway's state folder. 2026.8.1+ keeps it in state/openclaw.sqlite and renames
    /// the JSON files to *.json.migrated (facts §6.2); when both exist (a 2026.9 gateway that has not yet run
    /// doctor --fix), the database is what that gateway reads, and its rows win over the legacy files. Otherwise
    /// devices/paired.json and devices/pending.json (2026.2.x-2026.7.x) are the store.
    /// </summary>
    public static class PairingStoreLocator
    {
        public static string SqlitePath(string stateDirectory) => Path.Combine(stateDirectory, "state", "openclaw.sqlite");

        public static IPairingStore Open(string stateDirectory)
        {
            var dir = Path.GetFullPath(stateDirectory);
            if (!Directory.Exists(dir)) throw StoreErrors.NotFound(dir, "the folder does not exist");
            if (File.Exists(SqlitePath(dir))) return OpenSqlite(dir);
            var devices = Path.Combine(dir, "devices");
            if (File.Exists(Path.Combine(devices, "paired.json")) || File.Exists(Path.Combine(devices, "pending.json")))
            {
                return new JsonPairingStore(dir);
            }
            if (File.Exists(Path.Combine(devices, "paired.json.migrated")))
            {
                throw StoreErrors.NotFound(dir, $"devices/paired.json was migrated to SQLite (paired.json.migrated), but {SqlitePath(dir)} is missing");
            }
            throw StoreErrors.NotFound(dir, "it has neither devices/paired.json (OpenClaw 2026.2-2026.7) nor state/openclaw.sqlite (2026.8.1 and later)");
        }

        /// <summary>The SQLite store (2026.8.1+): refuses schema versions it has not verified (StateFileInvalid).</summary>
        private static IPairingStore OpenSqlite(string dir) => SqlitePairingStore.Open(dir);
    }
}
