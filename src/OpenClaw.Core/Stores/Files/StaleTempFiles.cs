using System;
using System.Collections.Generic;
using System.IO;

namespace OpenClaw.Core.Stores.Files
{
    /// <summary>
    /// Temp files a killed run left beside a store file. A run killed while writing leaves a half-written new store;
    /// one killed right after the swap (where the swap is an exchange, FileSwap) leaves the displaced old store, every
    /// token value in it, until it would have deleted it a few milliseconds later (measured: KilledMidOfflineWriteTests).
    /// A run that writes removes them under the store lock before its own write. A run that finds nothing to write
    /// calls this, so that a leftover does not wait for the next change: the lock is taken, and its file created,
    /// only when there is a leftover to remove.
    /// </summary>
    public static class StaleTempFiles
    {
        /// <summary>The leftovers of a JSON store (devices/paired.json and devices/pending.json) in a state folder.</summary>
        /// <returns>The temp files removed.</returns>
        public static IReadOnlyList<string> RemoveFromJsonStore(string stateDirectory, TimeSpan lockTimeout)
        {
            var devices = Path.Combine(Path.GetFullPath(stateDirectory), "devices");
            var removed = new List<string>();
            foreach (var storeFile in new[] { Path.Combine(devices, "paired.json"), Path.Combine(devices, "pending.json") })
            {
                if (StoreFileWrites.StaleTemps(storeFile).Length == 0) continue;
                using (StoreLock.Acquire(storeFile, lockTimeout))
                {
                    // Under the lock no other run of the module is writing a temp file of this store.
                    foreach (var temp in StoreFileWrites.StaleTemps(storeFile))
                    {
                        StoreFileWrites.TryDelete(temp);
                        if (!File.Exists(temp)) removed.Add(temp);
                    }
                }
            }
            return removed;
        }
    }
}
