using System.Diagnostics;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// The module as users run it: a new process of the pinned pwsh (dotnet-tools.json), started as `dotnet
    /// pwsh.dll` so the dotnet tool muxer's own lookup is not counted, running bench-pwsh.ps1.
    /// </summary>
    public static class PwshChild
    {
        private static readonly Lazy<string> PwshDll = new(FindPwsh);

        /// <summary>bench-pwsh.ps1's RESULT, and the whole process's wall time.</summary>
        public static (JObject Result, double ProcessMs) Pipeline(string manifest, string url, string token, string stateDirectory, string moduleHome)
        {
            var environment = new Dictionary<string, string?>
            {
                ["OPENCLAW_BENCH_TOKEN"] = token,
                ["OPENCLAW_POWERSHELL_HOME"] = moduleHome,
            };
            var script = Path.Combine(AppContext.BaseDirectory, "bench-pwsh.ps1");
            var (output, ms) = Run(new[] { "-NoProfile", "-NonInteractive", "-File", script, manifest, url, stateDirectory }, environment);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(EngineChild.ResultPrefix, StringComparison.Ordinal))
                ?? throw new InvalidOperationException("bench-pwsh.ps1 printed no result:\n" + output);
            return (JObject.Parse(line.Substring(EngineChild.ResultPrefix.Length)), ms);
        }

        /// <summary>What a bare `pwsh -NoProfile -c exit` costs: the floor of any pwsh process.</summary>
        public static double Bare() => Run(new[] { "-NoProfile", "-NonInteractive", "-Command", "exit 0" }, new Dictionary<string, string?>()).Ms;

        private static (string Output, double Ms) Run(IEnumerable<string> arguments, IDictionary<string, string?> environment)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(PwshDll.Value);
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start pwsh.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (process.ExitCode != 0) throw new InvalidOperationException($"pwsh failed ({process.ExitCode}):\n{output}\n{error.Result}");
            return (output, ms);
        }

        /// <summary>pwsh.dll of the tool that `dotnet tool restore` installed for the repository.</summary>
        private static string FindPwsh()
        {
            var result = ProcessRunner.Run("dotnet", new[] { "pwsh", "-NoProfile", "-Command", "Join-Path $PSHOME pwsh.dll" },
                new Dictionary<string, string>(), TimeSpan.FromMinutes(2), GatewayInstalls.RepositoryRoot);
            var path = result.Output.Trim();
            if (result.ExitCode != 0 || !File.Exists(path))
            {
                throw new InvalidOperationException("The pinned pwsh is not installed; run `dotnet tool restore` in the repository: " + result.All);
            }
            return path;
        }
    }
}
