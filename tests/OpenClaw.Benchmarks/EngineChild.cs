using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// What runs in a fresh child process, so that every measurement starts cold (nothing loaded or compiled yet)
    /// as it does for a user who opens PowerShell and runs a command: the real engine hosted in-process, the built
    /// module imported by its manifest. Each mode prints one line "RESULT {json}".
    /// </summary>
    public static class EngineChild
    {
        public const string ResultPrefix = "RESULT ";

        public static int Run(string[] args)
        {
            var mode = args[0];
            var result = mode switch
            {
                "import" => Import(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
                "pipeline" => Pipeline(args[1], args[2], args[3], args[4], args[5]),
                "phases" => Phases(args[1], args[2], args[3], args[4]),
                "floor" => DotnetFloor.Run(args[1], args[2], args[3]),
                "offline" => OfflineChild.Run(args[1], args[2], args[3]),
                _ => throw new ArgumentException("unknown child mode " + mode),
            };
            Console.WriteLine(ResultPrefix + result.ToString(Formatting.None));
            return 0;
        }

        /// <summary>
        /// Import-Module of one manifest: first in this process (the assembly loads and compiles), then in
        /// <paramref name="warmRunspaces"/> more fresh runspaces of the same process (the assembly is loaded already).
        /// </summary>
        private static JObject Import(string manifest, int warmRunspaces)
        {
            var result = new JObject();
            var warm = new JArray();
            for (var i = 0; i <= warmRunspaces; i++)
            {
                using var runspace = OpenRunspace(out _);
                var ms = Time(() => Invoke(runspace, "Import-Module -Name $args[0] -ErrorAction Stop", manifest));
                if (i == 0) result["coldMs"] = ms;
                else warm.Add(ms);
            }
            result["warmMs"] = warm;
            return result;
        }

        /// <summary>
        /// The pipeline against a gateway, from its start to its end, with the import timed separately.
        /// Variants: "per-command" (each cmdlet connects with -Url/-Token), "connected" (Connect-OpenClawGateway
        /// first, timed apart, so one socket serves all) and "after-whatif" (the same pipeline with -WhatIf first,
        /// as the README suggests, which changes nothing but leaves the code compiled). Memory is this process's.
        /// </summary>
        private static JObject Pipeline(string manifest, string url, string token, string stateDirectory, string variant)
        {
            var connected = variant == "connected";
            var result = new JObject();
            using var runspace = OpenRunspace(out var openMs);
            result["runspaceOpenMs"] = openMs;
            result["importMs"] = Time(() => Invoke(runspace, "Import-Module -Name $args[0] -ErrorAction Stop", manifest));
            var c = new Hashtable { ["Url"] = url, ["Token"] = token, ["StateDirectory"] = stateDirectory };
            var pipeline = connected
                ? "Get-OpenClawDevice | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope"
                : "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c";
            if (connected) result["connectMs"] = Time(() => Invoke(runspace, "param($c) $null = Connect-OpenClawGateway @c", c));
            if (variant == "after-whatif") result["whatIfMs"] = Time(() => Invoke(runspace, "param($c) " + pipeline + " -WhatIf", c));

            var process = Process.GetCurrentProcess();
            process.Refresh();
            result["workingSetBeforeMB"] = process.WorkingSet64 / 1048576.0;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = process.TotalProcessorTime;
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var gen0 = GC.CollectionCount(0);
            var gen2 = GC.CollectionCount(2);
            IList<ErrorRecord> errors = Array.Empty<ErrorRecord>();
            result["pipelineMs"] = Time(() => errors = Invoke(runspace, "param($c) " + pipeline, c));
            process.Refresh();
            // CPU this process used during the pipeline, on all threads: on a 2-core machine it competes with the gateway.
            result["cpuMs"] = Math.Round((process.TotalProcessorTime - cpu).TotalMilliseconds, 1);
            // Time the JIT spent compiling during the pipeline (all threads), and how many methods it compiled.
            result["jitMs"] = Math.Round((System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds, 1);
            result["jitMethods"] = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods;
            result["allocatedMB"] = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
            result["gen0Collections"] = GC.CollectionCount(0) - gen0;
            result["gen2Collections"] = GC.CollectionCount(2) - gen2;
            process.Refresh();
            result["workingSetAfterMB"] = process.WorkingSet64 / 1048576.0;
            result["peakWorkingSetMB"] = process.PeakWorkingSet64 / 1048576.0;
            result["gcHeapAfterMB"] = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;
            result["errors"] = errors.Count;
            if (errors.Count > 0) result["firstError"] = errors[0].FullyQualifiedErrorId + ": " + errors[0];
            return result;
        }

        /// <summary>The core's phases one by one (bench-phases.ps1), to see where the pipeline's time goes.</summary>
        private static JObject Phases(string manifest, string url, string token, string stateDirectory)
        {
            using var runspace = OpenRunspace(out _);
            Invoke(runspace, "Import-Module -Name $args[0] -ErrorAction Stop", manifest);
            var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench-phases.ps1"));
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script).AddParameter("Url", url).AddParameter("Token", token).AddParameter("StateDirectory", stateDirectory);
            var output = shell.Invoke();
            if (shell.HadErrors) throw new InvalidOperationException("bench-phases.ps1 failed: " + string.Join("; ", shell.Streams.Error));
            var table = (IDictionary)output.Single().BaseObject;
            var result = new JObject();
            foreach (DictionaryEntry entry in table) result[(string)entry.Key] = JToken.FromObject(entry.Value!);
            return result;
        }

        private static Runspace OpenRunspace(out double ms)
        {
            var watch = Stopwatch.StartNew();
            var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            ms = watch.Elapsed.TotalMilliseconds;
            return runspace;
        }

        private static IList<ErrorRecord> Invoke(Runspace runspace, string script, object argument)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            if (argument is Hashtable splat) shell.AddParameter("c", splat);
            else shell.AddArgument(argument);
            shell.Invoke();
            return shell.Streams.Error.ToList();
        }

        private static double Time(Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            return Math.Round(watch.Elapsed.TotalMilliseconds, 2);
        }
    }
}
