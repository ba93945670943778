using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OpenClaw.PowerShell.Tests.TestSupport;
using OpenClaw.Tests.Shared;

namespace OpenClaw.PowerShell.Tests.Pester
{
    /// <summary>One It as the shim reported it.</summary>
    public sealed record ShimResult(string Path, string Result, string Message)
    {
        public override string ToString() => $"{Result,-7} {Path}{(Message.Length > 0 ? "\n        " + Message : "")}";
    }

    /// <summary>
    /// Runs Pester files through PesterShim.ps1 in a fresh hosted engine (only the engine's core cmdlets, the
    /// module NOT pre-imported: Common.ps1 imports the built module itself) behind a host that fails any prompt.
    /// </summary>
    public static class PesterShimRunner
    {
        private static readonly string[] TestVariables = { "OPENCLAW_PS_TEST_URL", "OPENCLAW_PS_TEST_TOKEN", "OPENCLAW_PS_TEST_STATE_DIR" };

        public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(PowerShellHost.ModulePath)!, "..", ".."));

        public static string SuiteFolder => Path.Combine(RepositoryRoot, "tests", "pester");

        public static IReadOnlyList<string> SuiteFiles => Directory.GetFiles(SuiteFolder, "*.Tests.ps1").OrderBy(f => f, StringComparer.Ordinal).ToList();

        public static string ShimPath => Path.Combine(RepositoryRoot, "tests", "OpenClaw.PowerShell.Tests", "Pester", "PesterShim.ps1");

        public static string SelfCheckPath => Path.Combine(RepositoryRoot, "tests", "OpenClaw.PowerShell.Tests", "Pester", "ShimSelfCheck.Tests.ps1");

        /// <summary>What the host printed during the last run (warnings, WhatIf lines).</summary>
        public static string LastHostText { get; private set; } = "";

        /// <summary>Runs <paramref name="file"/> with the OPENCLAW_PS_TEST_* variables pointing at <paramref name="shell"/>'s fake gateway.</summary>
        public static IReadOnlyList<ShimResult> Run(string file, FakeGatewayShell shell)
        {
            var saved = TestVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
            Environment.SetEnvironmentVariable("OPENCLAW_PS_TEST_URL", shell.Gateway.Url.ToString());
            Environment.SetEnvironmentVariable("OPENCLAW_PS_TEST_TOKEN", shell.Gateway.SharedToken);
            Environment.SetEnvironmentVariable("OPENCLAW_PS_TEST_STATE_DIR", shell.StateDirectory);
            try
            {
                return Run(file);
            }
            finally
            {
                foreach (var pair in saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }

        private static IReadOnlyList<ShimResult> Run(string file) =>
            Invoke("param($shim, $files) . $shim; Invoke-PesterShim -Path $files", new Hashtable { ["shim"] = ShimPath, ["files"] = new[] { file } })
                .Where(o => o.Properties["Result"] != null).Select(ToResult).ToList();

        /// <summary>Runs a script in a fresh engine like the suite's; fails when it writes errors and returns nothing.</summary>
        public static IReadOnlyList<PSObject> Invoke(string script, Hashtable parameters)
        {
            var state = InitialSessionState.CreateDefault2();
            // Windows applies its execution policy to the .ps1 files (the suite is the repository's own code);
            // elsewhere there is none, and setting one throws.
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            var ui = new CapturingHostUI();
            using var runspace = RunspaceFactory.CreateRunspace(new CapturingHost(ui), state);
            runspace.Open();
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script).AddParameters(parameters);
            var output = shell.Invoke();
            LastHostText = ui.Text;
            if (shell.Streams.Error.Count > 0 && output.Count == 0)
            {
                throw new InvalidOperationException("The script failed: " + string.Join(" | ", shell.Streams.Error));
            }
            return output;
        }

        public static ShimResult ToResult(PSObject o) =>
            new((string)o.Properties["Path"].Value, (string)o.Properties["Result"].Value, o.Properties["Message"].Value as string ?? "");
    }
}
