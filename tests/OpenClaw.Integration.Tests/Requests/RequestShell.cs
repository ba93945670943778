using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Integration.Tests.Requests
{
    /// <summary>
    /// The built module in a runspace of its own, pointed at one gateway like ModuleShell ($c splats -Url, -Token and
    /// -StateDirectory), plus what ModuleShell cannot do: start a script without waiting for it (-Wait), watch its
    /// output arrive, stop it as Ctrl+C does, and answer -Confirm prompts through a callback.
    /// </summary>
    public sealed class RequestShell : IDisposable
    {
        private readonly LocalGateway _gateway;
        private readonly Runspace _runspace;

        public RequestShell(LocalGateway gateway, Func<string, bool>? confirm = null)
        {
            _gateway = gateway;
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { PowerShellHost.ModulePath });
            // Environment variables belong to the process; the gateway collection runs one test at a time.
            Environment.SetEnvironmentVariable("OPENCLAW_POWERSHELL_HOME", Path.Combine(gateway.Root, "powershell-home"));
            foreach (var name in new[] { "OPENCLAW_STATE_DIR", "OPENCLAW_GATEWAY_URL", "OPENCLAW_GATEWAY_TOKEN" }) Environment.SetEnvironmentVariable(name, null);
            Host = new ConfirmingHost(confirm ?? (message => throw new InvalidOperationException("The command asked for confirmation: " + message)));
            _runspace = RunspaceFactory.CreateRunspace(Host, state);
            _runspace.Open();
        }

        public ConfirmingHost Host { get; }

        public PowerShellResult Run(string script)
        {
            using var running = Start(script);
            return running.Finish(TimeSpan.FromMinutes(3));
        }

        public Running Start(string script)
        {
            var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript("param($c) " + script).AddParameter("c", new Hashtable
            {
                ["Url"] = _gateway.Url,
                ["Token"] = _gateway.Token,
                ["StateDirectory"] = _gateway.StateDirectory,
            });
            Host.HostUI.Clear();
            return new Running(shell, Host.HostUI);
        }

        public void Dispose() => _runspace.Dispose();

        /// <summary>A script started with BeginInvoke; its output is readable while it runs.</summary>
        public sealed class Running : IDisposable
        {
            private readonly System.Management.Automation.PowerShell _shell;
            private readonly ConfirmingHostUI _ui;
            private readonly PSDataCollection<PSObject> _output = new PSDataCollection<PSObject>();
            private readonly IAsyncResult _invocation;

            public Running(System.Management.Automation.PowerShell shell, ConfirmingHostUI ui)
            {
                _shell = shell;
                _ui = ui;
                _invocation = shell.BeginInvoke<PSObject, PSObject>(null, _output);
            }

            public bool IsCompleted => _invocation.IsCompleted;

            public IReadOnlyList<PSObject> Output => _output.ToList();

            public IReadOnlyList<string> Verbose => _shell.Streams.Verbose.Select(v => v.Message).ToList();

            /// <summary>Waits until the condition holds or the script ends; false after <paramref name="timeout"/>.</summary>
            public bool WaitUntil(Func<Running, bool> condition, TimeSpan timeout)
            {
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < timeout)
                {
                    if (condition(this)) return true;
                    if (IsCompleted) return condition(this);
                    Thread.Sleep(50);
                }
                return false;
            }

            /// <summary>PowerShell.Stop, which is what the console host does on Ctrl+C; returns how long it took.</summary>
            public TimeSpan Stop()
            {
                var clock = Stopwatch.StartNew();
                _shell.Stop();
                return clock.Elapsed;
            }

            public PowerShellResult Finish(TimeSpan timeout)
            {
                if (!_invocation.AsyncWaitHandle.WaitOne(timeout)) throw new TimeoutException($"The script did not finish within {timeout}.");
                Exception? terminating = null;
                try
                {
                    _shell.EndInvoke(_invocation);
                }
                catch (RuntimeException e)
                {
                    terminating = e;
                }
                return new PowerShellResult(_output.ToList(), _shell.Streams, terminating, _ui.Text);
            }

            public void Dispose() => _shell.Dispose();
        }
    }
}
