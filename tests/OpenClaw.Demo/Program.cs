using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OpenClaw.Demo;
using OpenClaw.Integration.Tests.Gateway;

// Reproduces upstream issue 23006 on real releases and repairs it through the module's pipeline.
const string before = "2026.2.17", after = "2026.2.19";
foreach (var version in new[] { before, after })
{
    if (!GatewayInstalls.IsInstalled(version))
    {
        Console.Error.WriteLine($"OpenClaw {version} is not installed; run: bash tests/gateway/provision.sh");
        return 2;
    }
}

using var gateway = new LocalGateway();
Step($"Starting OpenClaw {before} in {gateway.Root} and pairing the CLI and two backend devices");
gateway.Start(before);
gateway.Cli(before, "devices", "list", "--json");
gateway.Device("agent-backend", "gateway-client", "backend", "operator.admin", "operator.approvals", "operator.pairing");
gateway.Device("status-probe", "gateway-client", "backend", "operator.read");

Step($"Upgrading the same state to OpenClaw {after}; an agent tool call asks for operator.read");
gateway.Start(after);
Console.WriteLine("  tool call: " + gateway.ToolCall("sessions.list", "operator.read").Output.Trim());

Step("Repairing through the module (real PowerShell engine, module imported from out/OpenClaw.PowerShell)");
var state = InitialSessionState.CreateDefault2();
state.ImportPSModule(new[] { Path.Combine(GatewayInstalls.RepositoryRoot, "out", "OpenClaw.PowerShell", "OpenClaw.PowerShell.psd1") });
Environment.SetEnvironmentVariable("OPENCLAW_POWERSHELL_HOME", Path.Combine(gateway.Root, "powershell-home"));
using (var runspace = RunspaceFactory.CreateRunspace(new ConsoleHost(), state))
{
    runspace.Open();
    using var shell = PowerShell.Create();
    shell.Runspace = runspace;
    // Plain text when the output goes to a file or CI log; colours in a terminal.
    if (Console.IsOutputRedirected) shell.AddScript("$PSStyle.OutputRendering = 'PlainText'").Invoke();
    shell.Commands.Clear();
    shell.AddScript(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "demo.ps1")))
        .AddParameter("c", new Hashtable { ["Url"] = gateway.Url, ["Token"] = gateway.Token, ["StateDirectory"] = gateway.StateDirectory });
    shell.Invoke();
    foreach (var error in shell.Streams.Error) Console.WriteLine($"  error {error.FullyQualifiedErrorId}: {error}");
}

Step("The same agent tool call after the repair");
var result = gateway.ToolCall("sessions.list", "operator.read").Output.Trim();
Console.WriteLine("  tool call: " + result);
return result.StartsWith("OK", StringComparison.Ordinal) ? 0 : 1;

static void Step(string text) => Console.WriteLine($"\n>> {text}");
