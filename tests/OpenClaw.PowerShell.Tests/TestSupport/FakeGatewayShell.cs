using System.Collections;
using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.Tests.Shared;
using Xunit;

namespace OpenClaw.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// One test's world: a fake gateway, the built module in the hosted engine, an empty state folder (so no CLI
    /// identity is found) and a private OPENCLAW_POWERSHELL_HOME where the module creates its own identity. Scripts
    /// get <c>$c</c>, a splat of -Url, -Token and -StateDirectory, so they read like what a user types. Every
    /// OPENCLAW_* variable that could redirect the module is cleared and restored afterwards.
    /// </summary>
    public sealed class FakeGatewayShell : IDisposable
    {
        private static readonly string[] ClearedVariables =
        {
            "OPENCLAW_STATE_DIR", "CLAWDBOT_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_GATEWAY_URL", "OPENCLAW_GATEWAY_PORT",
            "OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_PASSWORD",
        };

        private readonly Dictionary<string, string?> _saved = new();
        private readonly TempDirectory _temp = new("shell");
        private PowerShellHost? _host;

        public FakeGatewayShell()
        {
            Gateway = new FakeGatewayServer();
            ModuleHome = _temp.Combine("powershell-home");
            StateDirectory = _temp.Combine("openclaw-state");
            Directory.CreateDirectory(StateDirectory);
            SetVariable("OPENCLAW_POWERSHELL_HOME", ModuleHome);
            foreach (var name in ClearedVariables) SetVariable(name, null);
        }

        public FakeGatewayServer Gateway { get; }

        public FakePairingStore Store => Gateway.Store;

        public string ModuleHome { get; }

        public string StateDirectory { get; }

        /// <summary>Where the module keeps its own identity (created on first connect).</summary>
        public string IdentityFile => Path.Combine(ModuleHome, "identity", "device.json");

        /// <summary>The engine is opened lazily so a test can prepare files (a corrupt identity) first.</summary>
        public PowerShellHost Host => _host ??= new PowerShellHost();

        public Hashtable Connection => new()
        {
            ["Url"] = Gateway.Url.ToString(),
            ["Token"] = Gateway.SharedToken,
            ["StateDirectory"] = StateDirectory,
        };

        /// <summary>Runs a script with <c>$c</c> bound to <see cref="Connection"/> and each argument bound by name.</summary>
        public PowerShellResult Run(string script, params (string Name, object? Value)[] arguments)
        {
            var parameters = new Dictionary<string, object?> { ["c"] = Connection };
            foreach (var (name, value) in arguments) parameters[name] = value;
            var header = "param(" + string.Join(", ", parameters.Keys.Select(k => "$" + k)) + ") ";
            return Host.Invoke(header + script, parameters);
        }

        /// <summary>Runs and fails the test with every error's id and message if anything went wrong.</summary>
        public PowerShellResult RunOk(string script, params (string Name, object? Value)[] arguments)
        {
            var result = Run(script, arguments);
            result.ThrowIfFailed();
            return result;
        }

        /// <summary>
        /// Runs <paramref name="command"/> inside try/catch and returns the terminating error it threw, or null. A
        /// cmdlet's ThrowTerminatingError ends its statement, not the hosted script, so PowerShell.Invoke does not
        /// throw; try/catch is how a script (and this helper) tells terminating from non-terminating errors.
        /// </summary>
        public (ErrorRecord? Caught, PowerShellResult Result) RunCatching(string command, params (string Name, object? Value)[] arguments)
        {
            var result = Run("try { " + command + "; '(not terminated)' } catch { $_ }", arguments);
            return (result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().SingleOrDefault(), result);
        }

        /// <summary>No secret the fake knows (shared token, hello and rotated tokens) appears in any stream.</summary>
        public void AssertNoSecretIn(PowerShellResult result)
        {
            var text = result.AllText + "\n" + Describe(result.Terminating);
            foreach (var secret in Gateway.Secrets) Assert.DoesNotContain(secret, text);
        }

        private static string Describe(Exception? e) =>
            e == null ? "" : e.ToString() + (e is IContainsErrorRecord r ? r.ErrorRecord.ErrorDetails?.RecommendedAction + r.ErrorRecord.ErrorDetails?.Message : "");

        private void SetVariable(string name, string? value)
        {
            if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose()
        {
            _host?.Dispose();
            Gateway.Dispose();
            foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            _temp.Dispose();
        }
    }
}
