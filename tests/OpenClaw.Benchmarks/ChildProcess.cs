using System.Diagnostics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Benchmarks
{
    /// <summary>Runs this program again in a fresh process in one of <see cref="EngineChild"/>'s modes.</summary>
    public static class ChildProcess
    {
        public static (JObject Result, double ProcessMs) Run(string[] arguments, IDictionary<string, string?>? environment = null)
        {
            var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell how this program was started.");
            var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            // Under `dotnet OpenClaw.Benchmarks.dll` the host is dotnet itself and needs the assembly again.
            if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
            info.ArgumentList.Add("--child");
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            foreach (var pair in environment ?? new Dictionary<string, string?>())
            {
                if (pair.Value == null) info.Environment.Remove(pair.Key);
                else info.Environment[pair.Key] = pair.Value;
            }
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start " + host);
            var error = new StringBuilder();
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (error) error.AppendLine(e.Data); };
            process.BeginErrorReadLine();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The {arguments[0]} child did not finish within 10 minutes.");
            }
            process.WaitForExit();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(EngineChild.ResultPrefix, StringComparison.Ordinal));
            if (process.ExitCode != 0 || line == null)
            {
                throw new InvalidOperationException($"The {arguments[0]} child failed ({process.ExitCode}):\n{output}\n{error}");
            }
            return (JObject.Parse(line.Substring(EngineChild.ResultPrefix.Length)), elapsed);
        }
    }
}
