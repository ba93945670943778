using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace OpenClaw.Integration.Tests.Gateway
{
    public sealed record ProcessResult(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    /// <summary>Runs a short-lived process to completion with a hard time limit.</summary>
    public static class ProcessRunner
    {
        public static ProcessResult Run(string file, IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout,
            string? workingDirectory = null)
        {
            var info = new ProcessStartInfo(file)
            {
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
            using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start " + file);
            var output = new StringBuilder();
            var error = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (error) error.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(" ", arguments)} did not finish within {timeout.TotalSeconds} s.\n{output}\n{error}");
            }
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
        }
    }
}
