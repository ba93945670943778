using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// A script started with PowerShell.BeginInvoke in a runspace of its own (the built module imported, every stream
    /// captured), so a test can act while it runs: kill the gateway under it, or start a second one beside it. The
    /// script sees <c>$c</c> like <see cref="ModuleShell"/> scripts do, and the module's identity is the same one.
    /// </summary>
    public sealed class BackgroundPipeline : IDisposable
    {
        private readonly Runspace _runspace;
        private readonly System.Management.Automation.PowerShell _shell;
        private readonly CapturingHostUI _ui = new();
        private readonly IAsyncResult _running;

        public BackgroundPipeline(LocalGateway gateway, string script)
        {
            // The same process-wide settings ModuleShell makes, so both act as the same module identity.
            Environment.SetEnvironmentVariable("OPENCLAW_POWERSHELL_HOME", Path.Combine(gateway.Root, "powershell-home"));
            foreach (var name in new[] { "OPENCLAW_STATE_DIR", "OPENCLAW_GATEWAY_URL", "OPENCLAW_GATEWAY_TOKEN" }) Environment.SetEnvironmentVariable(name, null);
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { PowerShellHost.ModulePath });
            _runspace = RunspaceFactory.CreateRunspace(new CapturingHost(_ui), state);
            _runspace.Open();
            _shell = System.Management.Automation.PowerShell.Create();
            _shell.Runspace = _runspace;
            _shell.AddScript("param($c) " + script).AddParameter("c", new Hashtable
            {
                ["Url"] = gateway.Url,
                ["Token"] = gateway.Token,
                ["StateDirectory"] = gateway.StateDirectory,
            });
            _running = _shell.BeginInvoke();
        }

        public bool IsCompleted => _running.IsCompleted;

        /// <summary>Waits for the script to end and returns what every stream carried; a terminating error is returned, not thrown.</summary>
        public PowerShellResult Wait(TimeSpan timeout)
        {
            if (!_running.AsyncWaitHandle.WaitOne(timeout)) throw new TimeoutException($"The pipeline did not finish within {timeout}.");
            Exception? terminating = null;
            var output = new List<PSObject>();
            try
            {
                output.AddRange(_shell.EndInvoke(_running));
            }
            catch (RuntimeException e)
            {
                terminating = e;
            }
            return new PowerShellResult(output, _shell.Streams, terminating, _ui.Text);
        }

        public void Dispose()
        {
            if (!_running.IsCompleted) _shell.Stop();
            _shell.Dispose();
            _runspace.Dispose();
        }
    }
}
