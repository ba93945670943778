using System;
using System.IO;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// Finds the pairing store in a gateway's state folder (docs/release-matrix.md, Part 1 §5):
    /// <list type="bullet">
    /// <item>2026.8.1+ keeps it in state/openclaw.sqlite and renames the JSON files to *.json.migrated (facts §6.2).
    /// 2026.8.1-2026.9.4 import them at gateway startup; from 2026.9.5 only `openclaw doctor --fix` does, and the
    /// gateway starts without them (Part 2, 2026-12-07). When both exist, the database is what that gateway reads,
    /// and its rows win over the legacy files.</item>
    /// <item>2026.6.1-2026.7.35 create state/openclaw.sqlite at schema version 1 with empty device tables and keep
    /// the devices in devices/paired.json and devices/pending.json, as 2026.2.x-2026.5.x do: the JSON files are the
    /// store whenever the database is at schema 1.</item>
    /// <item>A folder that is recognisably a gateway's state (openclaw.json, identity/ or state/) but where nothing
    /// has paired yet has no store file (a fresh 2026.2.22+ gateway makes none until a device pairs): it holds no
    /// devices, and reads as an empty JSON store. Any other folder is refused, so a mistyped path never passes an
    /// audit as "no devices".</item>
    /// </list>
    /// </summary>
    public static class PairingStoreLocator
    {
        public static string SqlitePath(string stateDirectory) => Path.Combine(stateDirectory, "state", "openclaw.sqlite");

        public static IPairingStore Open(string stateDirectory)
        {
            var dir = Path.GetFullPath(stateDirectory);
            if (!Directory.Exists(dir)) throw StoreErrors.NotFound(dir, "the folder does not exist");
            if (File.Exists(SqlitePath(dir)) && SqlitePairingStore.OpenIfItHoldsDevices(dir) is { } sqlite) return sqlite;
            var devices = Path.Combine(dir, "devices");
            if (File.Exists(Path.Combine(devices, "paired.json")) || File.Exists(Path.Combine(devices, "pending.json")))
            {
                return new JsonPairingStore(dir);
            }
            if (File.Exists(Path.Combine(devices, "paired.json.migrated")))
            {
                throw StoreErrors.NotFound(dir, $"devices/paired.json was migrated to SQLite (paired.json.migrated), but {SqlitePath(dir)} is missing");
            }
            if (IsGatewayState(dir)) return new JsonPairingStore(dir);
            throw StoreErrors.NotFound(dir, "it has neither devices/paired.json (OpenClaw 2026.2-2026.7) nor state/openclaw.sqlite (2026.8.1 and later)");
        }

        /// <summary>What every gateway writes at its first start, before anything pairs.</summary>
        private static bool IsGatewayState(string dir) =>
            File.Exists(Path.Combine(dir, "openclaw.json")) || Directory.Exists(Path.Combine(dir, "identity")) || Directory.Exists(Path.Combine(dir, "state"));
    }
}
