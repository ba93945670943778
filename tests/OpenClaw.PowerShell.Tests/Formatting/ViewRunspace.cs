using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OpenClaw.Tests.Shared;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>
    /// The hosted engine behind a <see cref="WideHost"/>: scripts run here and <c>$objects | Out-Default</c>
    /// (a type's first view) or <c>$objects | Format-List</c> prints through the module's views at 120 columns, as
    /// in a terminal.
    /// </summary>
    public sealed class ViewRunspace : IDisposable
    {
        private readonly Runspace _runspace;

        private ViewRunspace(InitialSessionState state)
        {
            _runspace = RunspaceFactory.CreateRunspace(Host, state);
            _runspace.Open();
            // Plain text, as in a log or a redirected console: the assertions count characters, not escapes.
            Invoke("if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }");
        }

        public WideHost Host { get; } = new WideHost();

        /// <summary>The built module imported as a user imports it: manifest, views and types.</summary>
        public static ViewRunspace WithModule()
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { PowerShellHost.ModulePath });
            return new ViewRunspace(state);
        }

        /// <summary>Runs a script and fails with every error it wrote; returns its output.</summary>
        public Collection<PSObject> Invoke(string script, IDictionary? parameters = null)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            if (parameters != null) shell.AddParameters(parameters);
            var output = shell.Invoke();
            if (shell.Streams.Error.Count > 0)
            {
                throw new InvalidOperationException("The script wrote errors: " +
                    string.Join(" | ", shell.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
            }
            return output;
        }

        /// <summary>What <c>$objects | Out-Default</c> prints, line by line, trailing blank lines removed.</summary>
        public IReadOnlyList<string> Render(IEnumerable<PSObject> objects) => Render(objects, "Out-Default");

        /// <summary>What <c>$objects | Format-List | Out-Default</c> prints: the types' list views.</summary>
        public IReadOnlyList<string> RenderList(IEnumerable<PSObject> objects) => Render(objects, "Format-List | Out-Default");

        private IReadOnlyList<string> Render(IEnumerable<PSObject> objects, string formatter)
        {
            Host.Screen.Clear();
            Invoke("param($objects) $objects | " + formatter, new Hashtable { ["objects"] = objects.ToArray() });
            var lines = Host.Screen.Lines.ToList();
            while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines;
        }

        public void Dispose() => _runspace.Dispose();
    }
}
