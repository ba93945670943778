using System.Diagnostics;
using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;
using OpenClaw.Benchmarks;
using OpenClaw.Integration.Tests.Gateway;

// Issue 7's benchmarks (online repair, import, offline reads); docs/benchmarks.md has the results and how to read them.
if (args.Length > 0 && args[0] == "--child") return EngineChild.Run(args.Skip(1).ToArray());
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var started = DateTime.UtcNow;
var deadline = started + options.Budget;
var results = new Results();
var machine = Machine();
Console.WriteLine(machine.ToString());

if (!options.SkipRepair)
{
    foreach (var version in new[] { RepairScenario.Before, RepairScenario.After })
    {
        if (GatewayInstalls.IsInstalled(version)) continue;
        Console.Error.WriteLine($"OpenClaw {version} is not installed; run: bash tests/gateway/provision.sh {RepairScenario.Before} {RepairScenario.After}");
        return 2;
    }
    using var scenario = new RepairScenario(options.Settle, options.Keep);
    Console.WriteLine($"== Pairing {options.Devices} legacy devices on {RepairScenario.Before}, upgrading to {RepairScenario.After} ({scenario.Gateway.Root})");
    scenario.Prepare(options.Devices, results);
    var repair = new RepairBenchmark(scenario, results, options);
    Console.WriteLine("== Repair: module pipeline, module after Connect-OpenClawGateway, wire floor");
    repair.RunRounds();
    if (!options.SkipImport) RunImport();
    if (!options.SkipCli)
    {
        Console.WriteLine("== Repair: the openclaw CLI, one process per device");
        repair.RunCli(deadline);
    }
}
else if (!options.SkipImport)
{
    RunImport();
}
if (!options.SkipOffline) RunOffline();

machine["loadAverageEnd"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
machine["elapsedMinutes"] = Math.Round((DateTime.UtcNow - started).TotalMinutes, 1);
Console.WriteLine($"\n== Results ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {machine["elapsedMinutes"]} min)\n");
results.Print(Console.Out);
Console.WriteLine("\n== Ratios\n");
Ratio("CLI loop / module pipeline", Cli() / results.Median("module.pipelineMs"), ">= 50", r => r >= 50);
Ratio("CLI loop / module pipeline after Connect", Cli() / results.Median("module-connected.pipelineMs"), ">= 50", r => r >= 50);
Ratio("module pipeline / floor", results.Median("module.pipelineMs") / results.Median("floor.totalMs"), "<= 1.5", r => r <= 1.5);
Ratio("module pipeline in a new pwsh process / floor", results.Median("module-pwsh.pipelineMs") / results.Median("floor.totalMs"), "<= 1.3", r => r <= 1.3);
Ratio("whole pwsh process (start, import, pipeline) / whole Node floor process", results.Median("module-pwsh.processMs") / results.Median("floor.processMs"), "(none)", _ => true);
Ratio("module pipeline after Connect / floor", results.Median("module-connected.pipelineMs") / results.Median("floor.totalMs"), "<= 1.5", r => r <= 1.5);
Ratio("module pipeline after -WhatIf / floor", results.Median("module-after-whatif.pipelineMs") / results.Median("floor.totalMs"), "(none)", _ => true);
Ratio("C# floor / Node floor", results.Median("floor-dotnet.totalMs") / results.Median("floor.totalMs"), "(none)", _ => true);
Ratio("import: module / empty, cold", results.Median("import.module.coldMs") / results.Median("import.empty.coldMs"), "< 2", r => r < 2);
Ratio("import: module / empty, warm", results.Median("import.module.warmMs") / results.Median("import.empty.warmMs"), "< 2", r => r < 2);
foreach (var temperature in new[] { "cold", "second", "steady", "settled" })
{
    Ratio($"offline JSON, {temperature}: Get-OpenClawDevice / Newtonsoft JObject.Load", results.Median($"offline.json.get.{temperature}Ms") / results.Median($"offline.json.newtonsoft-jobject.{temperature}Ms"), "<= 1.5", r => r <= 1.5);
    Ratio($"offline JSON, {temperature}: Get-OpenClawDevice / Newtonsoft token scan", results.Median($"offline.json.get.{temperature}Ms") / results.Median($"offline.json.newtonsoft-reader.{temperature}Ms"), "(none)", _ => true);
    Ratio($"offline SQLite, {temperature}: Get-OpenClawDevice / Microsoft.Data.Sqlite rows", results.Median($"offline.sqlite.get.{temperature}Ms") / results.Median($"offline.sqlite.rows.{temperature}Ms"), "<= 1.5", r => r <= 1.5);
    Ratio($"offline SQLite, {temperature}: Get-OpenClawDevice / rows with JSON columns parsed", results.Median($"offline.sqlite.get.{temperature}Ms") / results.Median($"offline.sqlite.rows-json.{temperature}Ms"), "<= 1.3", r => r <= 1.3);
    Ratio($"offline SQLite, {temperature}: (Get-OpenClawDevice - pipeline emitting its output) / rows", (results.Median($"offline.sqlite.get.{temperature}Ms") - results.Median($"offline.sqlite.emit-prebuilt.{temperature}Ms")) / results.Median($"offline.sqlite.rows.{temperature}Ms"), "(none)", _ => true);
}
results.Save(options.Output, machine);
Console.WriteLine($"\nEvery number, with each run: {options.Output}");
return 0;

double Cli() => double.IsNaN(results.Median("cli.totalMs")) ? results.Median("cli.totalMs (extrapolated)") : results.Median("cli.totalMs");

void RunImport()
{
    Console.WriteLine("== Import-Module: OpenClaw.PowerShell and an empty binary module, fresh processes taking turns");
    var scratch = Path.Combine(Path.GetTempPath(), "openclaw-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
    try
    {
        ImportBenchmark.Run(options, results, scratch);
    }
    finally
    {
        Directory.Delete(scratch, recursive: true);
    }
}

void RunOffline()
{
    Console.WriteLine($"== Offline: Get-OpenClawDevice -Offline on {options.OfflineDevices} devices (JSON, SQLite) against the bare reads, fresh processes taking turns");
    var scratch = Path.Combine(Path.GetTempPath(), "openclaw-bench-offline-" + Guid.NewGuid().ToString("N").Substring(0, 8));
    try
    {
        OfflineBenchmark.Run(options, results, scratch);
    }
    finally
    {
        Directory.Delete(scratch, recursive: true);
    }
}

void Ratio(string name, double value, string target, Func<double, bool> met)
{
    if (double.IsNaN(value)) return;
    var status = target == "(none)" ? "for comparison" : met(value) ? "met" : "MISSED";
    Console.WriteLine($"| {name} | {value:0.00}x | target {target} | {status} |");
    results.Add("ratio: " + name, Math.Round(value, 3), "x");
}

static JObject Machine()
{
    string? Read(string file, string prefix) => File.Exists(file)
        ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(new[] { ':', '=' }, 2)[1].Trim().Trim('"')
        : null;
    var node = Process.Start(new ProcessStartInfo(GatewayInstalls.Node, "--version") { RedirectStandardOutput = true });
    var nodeVersion = node?.StandardOutput.ReadToEnd().Trim();
    node?.WaitForExit();
    return new JObject
    {
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        ["processors"] = Environment.ProcessorCount,
        ["cpu"] = Read("/proc/cpuinfo", "model name"),
        ["memory"] = Read("/proc/meminfo", "MemTotal"),
        ["os"] = Read("/etc/os-release", "PRETTY_NAME") ?? RuntimeInformation.OSDescription,
        ["kernel"] = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["powershell"] = typeof(System.Management.Automation.PowerShell).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+', ' ')[0],
        ["node"] = nodeVersion,
        ["loadAverageStart"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
    };
}
