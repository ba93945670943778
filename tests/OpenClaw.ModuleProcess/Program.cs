using OpenClaw.Tests.Shared;

// Usage: OpenClaw.ModuleProcess <state directory> <script>
// Runs "param($s) <script>" with $s set to the state directory, in the real engine with the built module imported.
// Prints "READY" once the module is imported (the script starts right after), then one line per error record
// ("ERROR <id>: <message>"), and exits 0 when the script wrote no error, 1 otherwise.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: OpenClaw.ModuleProcess <state directory> <script>");
    return 2;
}

using var host = new PowerShellHost();
Console.WriteLine("READY");
var result = host.Invoke("param($s) " + args[1], new Dictionary<string, object?> { ["s"] = args[0] });
foreach (var id in result.ErrorIds) Console.WriteLine("ERROR " + id);
if (result.Terminating != null) Console.WriteLine("TERMINATING " + result.Terminating.Message);
return result.ErrorIds.Any() ? 1 : 0;
