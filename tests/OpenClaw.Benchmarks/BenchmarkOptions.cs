using System.Globalization;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Benchmarks
{
    /// <summary>Command-line options; every one has a default, so a bare `dotnet run` runs the whole benchmark.</summary>
    public sealed class BenchmarkOptions
    {
        public const string Usage = @"usage: dotnet run --project tests/OpenClaw.Benchmarks -c Release -- [options]
  --devices N        legacy devices to pair and repair (200)
  --runs N           rounds of the floor and the three module variants, each run on a fresh gateway (5)
  --extra-runs N     of those rounds, how many also run the phase profile and the pipelined floor (3)
  --import-runs N    fresh processes per module for the import benchmark (5)
  --cli N            CLI processes to run; default: all devices if the budget allows, else as many as fit (>= 20)
  --budget-minutes M total time the benchmark aims to stay within (15)
  --settle-ms MS     pause after each gateway start, so its start-up work does not land on a measurement (2000)
  --module PSD1      the module manifest to import (out/OpenClaw.PowerShell/OpenClaw.PowerShell.psd1)
  --out FILE         where to save every number as JSON (a temp file)
  --compare PSD1     also run a candidate build of the module (per-command pipeline, and the phase profile in the
                     extra rounds) next to the module in every round, first in every other round, for A/B
  --keep             keep the gateway's folder (state, snapshot, gateway logs) for a look afterwards
  --offline-devices N  devices in the offline benchmark's JSON and SQLite stores (10000)
  --offline-runs N   fresh processes per offline mode (5)
  --skip-repair, --skip-cli, --skip-import, --skip-offline   leave a part out";

        public int Devices { get; private set; } = 200;
        public int Runs { get; private set; } = 5;
        public int ExtraRuns { get; private set; } = 3;
        public int ImportRuns { get; private set; } = 5;
        public int OfflineDevices { get; private set; } = 10_000;
        public int OfflineRuns { get; private set; } = 5;
        public int? CliCount { get; private set; }
        public int CliMinimum => 20;
        public TimeSpan Budget { get; private set; } = TimeSpan.FromMinutes(15);
        public TimeSpan Settle { get; private set; } = TimeSpan.FromMilliseconds(2000);
        public string ModuleManifest { get; private set; } =
            Path.Combine(GatewayInstalls.RepositoryRoot, "out", "OpenClaw.PowerShell", "OpenClaw.PowerShell.psd1");
        public string Output { get; private set; } =
            Path.Combine(Path.GetTempPath(), $"openclaw-benchmarks-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        public bool SkipRepair { get; private set; }
        public bool SkipCli { get; private set; }
        public bool SkipImport { get; private set; }
        public bool SkipOffline { get; private set; }
        public bool Keep { get; private set; }
        public string? CompareManifest { get; private set; }

        public static BenchmarkOptions Parse(string[] args)
        {
            var options = new BenchmarkOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
                int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "--devices": options.Devices = NextInt(); break;
                    case "--runs": options.Runs = NextInt(); break;
                    case "--extra-runs": options.ExtraRuns = NextInt(); break;
                    case "--import-runs": options.ImportRuns = NextInt(); break;
                    case "--cli": options.CliCount = NextInt(); break;
                    case "--budget-minutes": options.Budget = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--settle-ms": options.Settle = TimeSpan.FromMilliseconds(NextInt()); break;
                    case "--module": options.ModuleManifest = Path.GetFullPath(Next()); break;
                    case "--out": options.Output = Path.GetFullPath(Next()); break;
                    case "--skip-repair": options.SkipRepair = true; break;
                    case "--skip-cli": options.SkipCli = true; break;
                    case "--skip-import": options.SkipImport = true; break;
                    case "--skip-offline": options.SkipOffline = true; break;
                    case "--offline-devices": options.OfflineDevices = NextInt(); break;
                    case "--offline-runs": options.OfflineRuns = NextInt(); break;
                    case "--keep": options.Keep = true; break;
                    case "--compare": options.CompareManifest = Path.GetFullPath(Next()); break;
                    default: throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
                }
            }
            if (!File.Exists(options.ModuleManifest)) throw new ArgumentException($"The module is not built at {options.ModuleManifest}; run dotnet build -c Release first.");
            return options;
        }
    }
}
