using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// The offline benchmark's child modes, each in a fresh process: Get-OpenClawDevice -Offline in the hosted
    /// engine, the bare reads it is compared with (Newtonsoft on paired.json, Microsoft.Data.Sqlite on the rows),
    /// and the engine's own cost of emitting the same output objects (<see cref="OfflinePipelineFloor"/>). Each reads the store <see cref="Repeats"/> times in the same process: the first is cold (JIT and
    /// library loads included, what a user's first command pays), the second is the next command of the same
    /// session, reads 6-10 are "steady" (as every run before 2026-12-07 measured it) and the last five are
    /// "settled". Why both: the JIT's tiered recompilation of hot code was still compiling 100-300 of the module's
    /// methods a read at reads 6-12 (JitInfo, 2026-12-07), so reads 6-10 are not yet a steady state for a module
    /// whose path is longer than a bare read's; by reads 16-20 it has settled for every mode. Memory: allocations
    /// and the peak managed heap (sampled every 2 ms) of the cold read, and the process's peak working set.
    /// </summary>
    public static class OfflineChild
    {
        private const int Repeats = 20;
        private const int Steady = 5;
        private const int FirstSteady = 5;

        public static JObject Run(string mode, string store, string manifest)
        {
            Func<(int Count, double FirstMs)> read;
            Runspace? runspace = null;
            var result = new JObject();
            switch (mode)
            {
                case "offline-get":
                    runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
                    runspace.Open();
                    result["importMs"] = Import(runspace, manifest);
                    read = () => GetOpenClawDevice(runspace, store);
                    break;
                case "emit-prebuilt":
                    runspace = OfflinePipelineFloor.OpenRunspace();
                    result["importMs"] = Import(runspace, manifest);
                    var prebuilt = OfflinePipelineFloor.BuildOutput(store);
                    var emitting = runspace;
                    read = () =>
                    {
                        var sink = new CountingSink();
                        OfflinePipelineFloor.Emit(emitting, prebuilt, sink);
                        return (sink.Received, sink.FirstMs);
                    };
                    break;
                case "newtonsoft-jobject": read = () => JObjectLoad(store); break;
                case "newtonsoft-reader": read = () => TokenScan(store); break;
                case "sqlite-rows": read = () => SqliteRows(store, parseJson: false); break;
                case "sqlite-rows-json": read = () => SqliteRows(store, parseJson: true); break;
                default: throw new ArgumentException("unknown offline mode " + mode);
            }
            try
            {
                var process = Process.GetCurrentProcess();
                process.Refresh();
                result["workingSetBeforeMB"] = process.WorkingSet64 / 1048576.0;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var (count, first, ms, peakHeap) = Measure(read);
                result["allocatedMB"] = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
                result["peakGcHeapMB"] = peakHeap / 1048576.0;
                result["coldMs"] = ms;
                result["coldFirstMs"] = first;
                result["count"] = count;
                var steady = new JArray();
                var steadyFirst = new JArray();
                var settled = new JArray();
                var settledFirst = new JArray();
                for (var i = 1; i < Repeats; i++)
                {
                    var (_, f, m, _) = Measure(read);
                    if (i == 1)
                    {
                        result["secondMs"] = m;
                        result["secondFirstMs"] = f;
                    }
                    if (i >= FirstSteady && i < FirstSteady + Steady)
                    {
                        steady.Add(m);
                        steadyFirst.Add(f);
                    }
                    if (i >= Repeats - Steady)
                    {
                        settled.Add(m);
                        settledFirst.Add(f);
                    }
                }
                result["steadyMs"] = steady;
                result["steadyFirstMs"] = steadyFirst;
                result["settledMs"] = settled;
                result["settledFirstMs"] = settledFirst;
                process.Refresh();
                result["peakWorkingSetMB"] = process.PeakWorkingSet64 / 1048576.0;
                return result;
            }
            finally
            {
                runspace?.Dispose();
            }
        }

        /// <summary>Imports the module into the runspace; returns how long that took (ms), timed apart from the reads.</summary>
        private static double Import(Runspace runspace, string manifest)
        {
            var import = Stopwatch.StartNew();
            using (var shell = PowerShell.Create())
            {
                shell.Runspace = runspace;
                shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop").Invoke();
            }
            return Math.Round(import.Elapsed.TotalMilliseconds, 1);
        }

        private static (int Count, double FirstMs, double Ms, long PeakHeap) Measure(Func<(int Count, double FirstMs)> read)
        {
            long peak = GC.GetTotalMemory(false);
            using var sampler = new Timer(_ => { var now = GC.GetTotalMemory(false); if (now > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, now); }, null, 0, 2);
            var clock = Stopwatch.StartNew();
            var (count, first) = read();
            var ms = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            return (count, Math.Round(first, 1), ms, Interlocked.Read(ref peak));
        }

        /// <summary>The cmdlet alone, its output counted and dropped as it arrives, as a pipeline's next command would take it.</summary>
        private static (int, double) GetOpenClawDevice(Runspace runspace, string stateDirectory)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddCommand("Get-OpenClawDevice").AddParameter("Offline").AddParameter("StateDirectory", stateDirectory);
            var sink = new CountingSink();
            shell.Invoke<PSObject>(null, sink);
            if (shell.HadErrors) throw new InvalidOperationException("Get-OpenClawDevice -Offline failed: " + string.Join("; ", shell.Streams.Error));
            return (sink.Received, sink.FirstMs);
        }

        /// <summary>The whole file into a JObject, as any Newtonsoft user would parse it (what the issue compares with).</summary>
        private static (int, double) JObjectLoad(string path)
        {
            var clock = Stopwatch.StartNew();
            using var reader = new JsonTextReader(new StreamReader(path)) { DateParseHandling = DateParseHandling.None };
            var doc = JObject.Load(reader);
            return (doc.Count, clock.Elapsed.TotalMilliseconds);
        }

        /// <summary>Newtonsoft's reader over every token, building nothing: the floor of parsing the file at all.</summary>
        private static (int, double) TokenScan(string path)
        {
            using var reader = new JsonTextReader(new StreamReader(path)) { DateParseHandling = DateParseHandling.None };
            var records = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonToken.StartObject && reader.Depth == 1) records++;
            }
            return (records, double.NaN);
        }

        /// <summary>The rows the module reads, every column fetched; optionally the JSON columns parsed too.</summary>
        private static (int, double) SqliteRows(string path, bool parseJson)
        {
            var clock = Stopwatch.StartNew();
            double first = double.NaN;
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT device_id, public_key, display_name, operator_label, platform, client_id, client_mode, role, roles_json, scopes_json, "
                                  + "approved_scopes_json, remote_ip, tokens_json, created_at_ms, approved_at_ms, last_seen_at_ms FROM device_pairing_paired ORDER BY approved_at_ms DESC, device_id";
            using var reader = command.ExecuteReader();
            var rows = 0;
            var values = new object[reader.FieldCount];
            while (reader.Read())
            {
                reader.GetValues(values);
                if (parseJson)
                {
                    foreach (var column in new[] { 8, 9, 10, 12 })
                    {
                        if (values[column] is string text) JToken.Parse(text);
                    }
                }
                if (rows++ == 0) first = clock.Elapsed.TotalMilliseconds;
            }
            return (rows, first);
        }

        /// <summary>
        /// Counts output objects and keeps none, noting when the first one arrived. It says it holds nothing
        /// (Count 0), so the engine's wrapper around it never tries to read an object back.
        /// </summary>
        private sealed class CountingSink : IList<PSObject>
        {
            private readonly Stopwatch _clock = Stopwatch.StartNew();

            public int Received { get; private set; }
            public int Count => 0;
            public double FirstMs { get; private set; } = double.NaN;
            public bool IsReadOnly => false;

            public PSObject this[int index]
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public void Add(PSObject item)
            {
                if (Received++ == 0) FirstMs = _clock.Elapsed.TotalMilliseconds;
            }

            public void Clear() => Received = 0;
            public bool Contains(PSObject item) => false;
            public void CopyTo(PSObject[] array, int arrayIndex) { }
            public IEnumerator<PSObject> GetEnumerator() => Enumerable.Empty<PSObject>().GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            public int IndexOf(PSObject item) => -1;
            public void Insert(int index, PSObject item) => Add(item);
            public bool Remove(PSObject item) => false;
            public void RemoveAt(int index) => throw new NotSupportedException();
        }
    }
}
