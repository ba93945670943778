using System.Globalization;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// Get-OpenClawDevice -Offline on a 10,000-device JSON store and a SQLite store, against reading the same store
    /// with the same library and nothing else: Newtonsoft (JObject.Load, and a bare token scan) for paired.json,
    /// Microsoft.Data.Sqlite (the same rows and columns, and those plus their JSON columns parsed) for
    /// openclaw.sqlite; and, to tell the module's own work from what any cmdlet pays, the engine's pipeline emitting
    /// the same 10,000 output objects prebuilt. Every measurement is a fresh process; the modes take turns round by round.
    /// </summary>
    public static class OfflineBenchmark
    {
        public static readonly (string Name, string Mode, string Store)[] Modes =
        {
            ("offline.json.get", "offline-get", "json"),
            ("offline.json.newtonsoft-jobject", "newtonsoft-jobject", "json"),
            ("offline.json.newtonsoft-reader", "newtonsoft-reader", "json"),
            ("offline.sqlite.get", "offline-get", "sqlite"),
            ("offline.sqlite.rows", "sqlite-rows", "sqlite"),
            ("offline.sqlite.rows-json", "sqlite-rows-json", "sqlite"),
            ("offline.sqlite.emit-prebuilt", "emit-prebuilt", "sqlite"),
        };

        public static void Run(BenchmarkOptions options, Results results, string scratch)
        {
            var jsonFolder = Path.Combine(scratch, "json-state");
            var sqliteFolder = Path.Combine(scratch, "sqlite-state");
            var paired = OfflineStores.CreateJson(jsonFolder, options.OfflineDevices);
            var database = OfflineStores.CreateSqlite(sqliteFolder, options.OfflineDevices);
            results.Add("offline.json.fileMB", new FileInfo(paired).Length / 1048576.0, "MB");
            results.Add("offline.sqlite.fileMB", new FileInfo(database).Length / 1048576.0, "MB");
            for (var run = 1; run <= options.OfflineRuns; run++)
            {
                foreach (var (name, mode, store) in Modes)
                {
                    // The cmdlet (and the prebuilt output, built from the folder) gets the state folder; the bare reads get the file itself.
                    var target = mode is "offline-get" or "emit-prebuilt" ? (store == "json" ? jsonFolder : sqliteFolder) : (store == "json" ? paired : database);
                    var (result, processMs) = ChildProcess.Run(new[] { "offline", mode, target, options.ModuleManifest });
                    if ((int)result["count"]! != options.OfflineDevices) throw new InvalidOperationException($"{name} read {result["count"]} devices, not {options.OfflineDevices}.");
                    results.AddAll(name, result);
                    foreach (var series in new[] { "steadyMs", "steadyFirstMs", "settledMs", "settledFirstMs" })
                    {
                        foreach (var value in result[series]!) results.Add(name + "." + series, (double)value);
                    }
                    results.Add(name + ".processMs", processMs);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   offline run {run}: JSON get {results.Median("offline.json.get.coldMs"):0} / JObject {results.Median("offline.json.newtonsoft-jobject.coldMs"):0} ms cold, "
                    + $"SQLite get {results.Median("offline.sqlite.get.coldMs"):0} / rows {results.Median("offline.sqlite.rows.coldMs"):0} ms cold (medians so far)"));
            }
        }
    }
}
