using System.Diagnostics;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// The three ways to repair the same legacy devices on a real 2026.2.19 gateway, each from the same state:
    /// the module's pipeline, the upstream workaround (one openclaw CLI process per device) and the wire floor
    /// (the same RPCs over one socket, tests/gateway/bench-floor.mjs). Methods take turns round by round, so a
    /// slow patch of the machine does not land on one method only.
    /// </summary>
    public sealed class RepairBenchmark
    {
        private readonly RepairScenario _scenario;
        private readonly Results _results;
        private readonly BenchmarkOptions _options;

        public RepairBenchmark(RepairScenario scenario, Results results, BenchmarkOptions options)
        {
            _scenario = scenario;
            _results = results;
            _options = options;
        }

        private LocalGateway Gateway => _scenario.Gateway;

        public void RunRounds()
        {
            for (var round = 1; round <= _options.Runs; round++)
            {
                Console.WriteLine($"-- round {round} of {_options.Runs}");
                // Other work on the machine moves every number here: keep the 1-minute load with the results.
                if (LoadAverage() is { } load) _results.Add("loadAverage1m", load, "");
                Floor(pipelined: false);
                DotnetFloorRun();
                // A candidate runs next to the module it is compared with, first in every other round, so that
                // neither side always gets the quieter moment.
                var candidateFirst = _options.CompareManifest != null && round % 2 == 0;
                if (candidateFirst) Module("per-command", _options.CompareManifest);
                Module("per-command");
                if (_options.CompareManifest != null && !candidateFirst) Module("per-command", _options.CompareManifest);
                ModuleInPwsh();
                Module("connected");
                Module("after-whatif");
                if (round > _options.ExtraRuns) continue;
                if (candidateFirst) Phases(_options.CompareManifest);
                Phases();
                if (_options.CompareManifest != null && !candidateFirst) Phases(_options.CompareManifest);
                Floor(pipelined: true);
            }
        }

        private void Floor(bool pipelined)
        {
            _scenario.Reset();
            var mark = WireProfile.Mark(Gateway.LogFile);
            var watch = Stopwatch.StartNew();
            var arguments = new List<string> { Path.Combine(GatewayInstalls.ScriptsDirectory, "bench-floor.mjs"), Gateway.Url, Gateway.Token, _scenario.CliIdentityFile };
            if (pipelined) arguments.Add("--pipelined");
            var result = RepairScenario.Node(arguments.ToArray());
            var process = watch.Elapsed.TotalMilliseconds;
            if ((bool?)result["ok"] != true) throw new InvalidOperationException("bench-floor.mjs failed: " + result);
            var name = pipelined ? "floor-pipelined" : "floor";
            _results.AddAll(name, result);
            _results.Add(name + ".processMs", process);
            // Pipelined rotates overlap, so only the sequential run splits them into gateway and client time.
            WireProfile.Add(_results, name, Gateway.LogFile, mark, splitRotates: !pipelined);
            Check(name, (int)result["count"]!);
            Console.WriteLine($"   {name}: {result["totalMs"]} ms for {result["count"]} rotates (process {process:0} ms)");
        }

        private void DotnetFloorRun()
        {
            _scenario.Reset();
            var mark = WireProfile.Mark(Gateway.LogFile);
            var (result, process) = RunChild("floor", Gateway.Url, Gateway.Token, _scenario.CliIdentityFile);
            _results.AddAll("floor-dotnet", result);
            _results.Add("floor-dotnet.processMs", process);
            WireProfile.Add(_results, "floor-dotnet", Gateway.LogFile, mark);
            Check("floor-dotnet", (int)result["count"]!);
            Console.WriteLine($"   floor-dotnet: {result["totalMs"]} ms for {result["count"]} rotates (process {process:0} ms)");
        }

        private void Module(string variant, string? candidate = null)
        {
            _scenario.Reset();
            var mark = WireProfile.Mark(Gateway.LogFile);
            var name = candidate != null ? "candidate" : variant == "per-command" ? "module" : "module-" + variant;
            var (result, process) = RunChild("pipeline", candidate ?? _options.ModuleManifest, Gateway.Url, Gateway.Token, Gateway.StateDirectory, variant);
            _results.AddAll(name, result);
            _results.Add(name + ".processMs", process);
            // The -WhatIf run opens two connections of its own before the timed pipeline.
            WireProfile.Add(_results, name, Gateway.LogFile, mark, variant == "after-whatif" ? 2 : 0);
            // What the pipeline spent before its first socket opened and after the gateway's last answer (with
            // Connect-OpenClawGateway, the socket opened before the pipeline started, so there is no such time).
            var span = _results.Get(name + ".wire.spanMs", "ms").Values;
            if (span.Count > 0 && variant != "connected") _results.Add(name + ".outsideWireMs", (double)result["pipelineMs"]! - span[^1]);
            if ((int)result["errors"]! > 0) _results.Note($"{name}: {result["errors"]} error records, the first: {result["firstError"]}");
            Check(name, _scenario.DeviceIds.Count);
            Console.WriteLine($"   {name}: pipeline {result["pipelineMs"]} ms, import {result["importMs"]} ms, peak working set {result["peakWorkingSetMB"]:0} MB");
        }

        /// <summary>
        /// The pipeline in a new pwsh process, as users run it: pwsh's start, the import and the pipeline apart, and
        /// a bare `pwsh -c exit` beside it, the floor of any pwsh process on this machine.
        /// </summary>
        private void ModuleInPwsh()
        {
            _results.Add("pwsh-bare.processMs", PwshChild.Bare());
            _scenario.Reset();
            var mark = WireProfile.Mark(Gateway.LogFile);
            var (result, process) = PwshChild.Pipeline(_options.ModuleManifest, Gateway.Url, Gateway.Token, Gateway.StateDirectory,
                Path.Combine(Gateway.Root, "powershell-home"));
            _results.AddAll("module-pwsh", result);
            _results.Add("module-pwsh.processMs", process);
            WireProfile.Add(_results, "module-pwsh", Gateway.LogFile, mark);
            if ((int)result["errors"]! > 0) _results.Note($"module-pwsh: {result["errors"]} error records, the first: {result["firstError"]}");
            Check("module-pwsh", _scenario.DeviceIds.Count);
            Console.WriteLine($"   module-pwsh: start {result["startMs"]} ms, import {result["importMs"]} ms, pipeline {result["pipelineMs"]} ms (process {process:0} ms)");
        }

        private void Phases(string? candidate = null)
        {
            _scenario.Reset();
            var mark = WireProfile.Mark(Gateway.LogFile);
            var name = candidate != null ? "candidate-phases" : "phases";
            var (result, _) = RunChild("phases", candidate ?? _options.ModuleManifest, Gateway.Url, Gateway.Token, Gateway.StateDirectory);
            _results.AddAll(name, result);
            WireProfile.Add(_results, name, Gateway.LogFile, mark);
            Check(name, (int)result["rotated"]!);
            Console.WriteLine($"   {name}: connect {result["connect1Ms"]} / {result["connect2Ms"]} ms, rotates {result["rotatesMs"]} ms, verify {result["verifyMs"]} ms");
        }

        /// <summary>
        /// The upstream workaround, one `openclaw devices rotate` per device. All devices when the whole benchmark
        /// stays within its time budget; otherwise as many as fit (at least --cli-min), and the total is extrapolated.
        /// </summary>
        public void RunCli(DateTime deadline)
        {
            _scenario.Reset();
            var ids = _scenario.DeviceIds;
            var limit = _options.CliCount ?? ids.Count;
            // What every CLI process pays before it does anything: starting Node and loading the CLI.
            for (var i = 0; i < 3; i++)
            {
                var start = Stopwatch.StartNew();
                Gateway.Cli(RepairScenario.After, "--version");
                _results.Add("cli.versionOnlyMs", start.Elapsed.TotalMilliseconds);
            }
            var mark = WireProfile.Mark(Gateway.LogFile);
            var each = _results["cli.perDeviceMs"];
            var watch = Stopwatch.StartNew();
            foreach (var id in ids.Take(limit))
            {
                var enoughForSample = each.Count >= _options.CliMinimum && _options.CliCount == null;
                if (enoughForSample && DateTime.UtcNow + TimeSpan.FromMilliseconds(each.Median) > deadline) break;
                var arguments = new List<string> { "devices", "rotate", "--device", id, "--role", "operator" };
                foreach (var scope in RepairScenario.Repaired) arguments.AddRange(new[] { "--scope", scope });
                arguments.AddRange(new[] { "--token", Gateway.Token, "--json" });
                var one = Stopwatch.StartNew();
                var result = Gateway.Cli(RepairScenario.After, arguments.ToArray());
                each.Values.Add(one.Elapsed.TotalMilliseconds);
                if (result.ExitCode != 0) throw new InvalidOperationException($"openclaw devices rotate failed ({result.ExitCode}): {result.All}");
                if (each.Count % 20 == 0) Console.WriteLine($"   cli: {each.Count} devices, median {each.Median:0} ms each");
            }
            var measured = watch.Elapsed.TotalMilliseconds;
            _results.Add("cli.devicesRun", each.Count, "");
            WireProfile.Add(_results, "cli", Gateway.LogFile, mark);
            if (each.Count == ids.Count)
            {
                _results.Add("cli.totalMs", measured);
            }
            else
            {
                _results.Add("cli.totalMs (extrapolated)", measured / each.Count * ids.Count);
                var why = _options.CliCount != null ? "as --cli asked" : "to stay within the time budget";
                _results.Note($"The CLI loop ran {each.Count} of {ids.Count} devices ({why}); its total is extrapolated from their mean ({measured / each.Count:0} ms per device).");
            }
            Check("cli", each.Count);
        }

        private static double? LoadAverage() => File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            : null;

        /// <summary>Every method must really have repaired the devices it claims, or its time means nothing.</summary>
        private void Check(string name, int expected)
        {
            var repaired = _scenario.CountRepaired();
            if (repaired != expected || expected == 0)
            {
                _results.Note($"{name}: paired.json shows {repaired} devices repaired where {expected} were expected.");
            }
        }

        private (JObject Result, double ProcessMs) RunChild(params string[] arguments)
        {
            var environment = new Dictionary<string, string?>
            {
                ["OPENCLAW_POWERSHELL_HOME"] = Path.Combine(Gateway.Root, "powershell-home"),
                ["OPENCLAW_STATE_DIR"] = null,
                ["OPENCLAW_GATEWAY_URL"] = null,
                ["OPENCLAW_GATEWAY_TOKEN"] = null,
                ["OPENCLAW_GATEWAY_PORT"] = null,
            };
            return ChildProcess.Run(arguments, environment);
        }
    }
}
