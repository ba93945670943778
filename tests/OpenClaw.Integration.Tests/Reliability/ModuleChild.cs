using System.Diagnostics;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// One run of a script in a child process (tests/OpenClaw.ModuleProcess, the built module in the hosted engine),
    /// which the test can SIGKILL at any moment: the engine hosted in the test's own process cannot be killed.
    /// </summary>
    internal sealed class ModuleChild : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Text.StringBuilder _output = new();

        private ModuleChild(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                lock (_output) _output.AppendLine(e.Data);
                if (e.Data == "READY") _ready.TrySetResult();
            };
            _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>tests/OpenClaw.ModuleProcess/bin/&lt;configuration&gt;/net10.0/, the same configuration as this test's build.</summary>
        public static string Assembly
        {
            get
            {
                var tests = Path.Combine(GatewayInstalls.RepositoryRoot, "tests");
                var build = Path.GetRelativePath(Path.Combine(tests, "OpenClaw.Integration.Tests"), AppContext.BaseDirectory);
                var path = Path.Combine(tests, "OpenClaw.ModuleProcess", build, "OpenClaw.ModuleProcess.dll");
                if (!File.Exists(path)) throw new InvalidOperationException($"{path} is not built; build the solution first.");
                return path;
            }
        }

        public static ModuleChild Start(string stateDirectory, string script)
        {
            // dotnet test sets DOTNET_HOST_PATH to the dotnet that runs the tests; the child uses the same one.
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.ArgumentList.Add(Assembly);
            info.ArgumentList.Add(stateDirectory);
            info.ArgumentList.Add(script);
            return new ModuleChild(Process.Start(info) ?? throw new InvalidOperationException("Cannot start " + info.FileName));
        }

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        /// <summary>Waits until the module is imported and the script is about to start.</summary>
        public void WaitReady(TimeSpan timeout)
        {
            if (!_ready.Task.Wait(timeout)) throw new TimeoutException("The module process did not get ready: " + Output);
        }

        /// <summary>SIGKILL (TerminateProcess on Windows): no finally block, no Dispose, no flush runs in the child.</summary>
        public void Kill()
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It has exited already.
            }
            _process.WaitForExit();
        }

        public int WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                Kill();
                throw new TimeoutException($"The module process did not finish within {timeout}: {Output}");
            }
            _process.WaitForExit();
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }
    }
}
