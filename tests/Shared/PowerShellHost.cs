using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace OpenClaw.Tests.Shared
{
    /// <summary>
    /// The real PowerShell engine (System.Management.Automation 7.6.9) hosted in-process, with the BUILT module
    /// (out/OpenClaw.PowerShell) imported the way a user imports it. Every stream is captured, so tests can check
    /// output, errors and their ids, verbose text, warnings, progress and WhatIf messages.
    /// </summary>
    public sealed class PowerShellHost : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellHost(IDictionary<string, string?>? environment = null)
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { ModulePath });
            UI = new CapturingHostUI();
            _runspace = RunspaceFactory.CreateRunspace(new CapturingHost(UI), state);
            _runspace.Open();
            if (environment != null)
            {
                foreach (var pair in environment) SetEnvironment(pair.Key, pair.Value);
            }
        }

        /// <summary>The module folder that `dotnet build` lays out.</summary>
        public static string ModulePath
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OpenClaw.PowerShell.sln"))) dir = dir.Parent;
                if (dir == null) throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
                var module = Path.Combine(dir.FullName, "out", "OpenClaw.PowerShell", "OpenClaw.PowerShell.psd1");
                if (!File.Exists(module)) throw new InvalidOperationException($"The module is not built at {module}; run dotnet build first.");
                return module;
            }
        }

        /// <summary>What the host UI printed: WhatIf and Confirm text land here.</summary>
        public CapturingHostUI UI { get; }

        /// <summary>
        /// Environment variables belong to the process, not the runspace, so tests that set them must not run in
        /// parallel with tests that read them (the test projects keep such tests in one collection).
        /// </summary>
        public void SetEnvironment(string name, string? value) => Environment.SetEnvironmentVariable(name, value);

        public PowerShellResult Invoke(string script, IDictionary<string, object?>? parameters = null)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            if (parameters != null) shell.AddParameters((IDictionary)new Hashtable(parameters.ToDictionary(p => p.Key, p => p.Value)));
            UI.Clear();
            Collection<PSObject> output;
            Exception? terminating = null;
            try
            {
                output = shell.Invoke();
            }
            catch (RuntimeException e)
            {
                output = new Collection<PSObject>();
                terminating = e;
            }
            return new PowerShellResult(output.ToList(), shell.Streams, terminating, UI.Text);
        }

        public void Dispose() => _runspace.Dispose();
    }
}
