using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OpenClaw.Tests.Shared;

namespace OpenClaw.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// Ctrl+C in a test: runs a script asynchronously in its own runspace (PowerShellHost does not expose its
    /// PowerShell instance), waits until the script is busy, then calls PowerShell.Stop from this thread, which is
    /// what the console host does on Ctrl+C.
    /// </summary>
    public static class StoppableInvocation
    {
        public sealed record Stopped(PowerShellResult Result, TimeSpan StopTook, bool CompletedBeforeStop);

        public static Stopped RunThenStop(string script, IDictionary<string, object?> parameters, Func<bool> busy, TimeSpan giveUpAfter)
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { PowerShellHost.ModulePath });
            var ui = new CapturingHostUI();
            using var runspace = RunspaceFactory.CreateRunspace(new CapturingHost(ui), state);
            runspace.Open();
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript("param(" + string.Join(", ", parameters.Keys.Select(k => "$" + k)) + ") " + script);
            shell.AddParameters((IDictionary)new Hashtable(parameters.ToDictionary(p => p.Key, p => p.Value)));

            var running = shell.BeginInvoke();
            var waited = Stopwatch.StartNew();
            while (!busy() && !running.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(20);
            Thread.Sleep(300);
            var completedBeforeStop = running.IsCompleted;

            var clock = Stopwatch.StartNew();
            var stopping = shell.BeginStop(null, null);
            if (!stopping.AsyncWaitHandle.WaitOne(giveUpAfter)) throw new TimeoutException($"PowerShell.Stop did not return within {giveUpAfter}.");
            shell.EndStop(stopping);
            var took = clock.Elapsed;

            Exception? terminating = null;
            var output = new List<PSObject>();
            try
            {
                output.AddRange(shell.EndInvoke(running));
            }
            catch (RuntimeException e)
            {
                terminating = e;
            }
            return new Stopped(new PowerShellResult(output, shell.Streams, terminating, ui.Text), took, completedBeforeStop);
        }
    }
}
