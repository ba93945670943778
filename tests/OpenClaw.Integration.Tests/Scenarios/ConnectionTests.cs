using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using OpenClaw.Integration.Tests.Gateway;
using OpenClaw.Tests.Shared;
using Xunit;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Connect-OpenClawGateway, Get-OpenClawConnection and Disconnect-OpenClawGateway against real gateways: one
    /// socket shared by later commands (counted in the gateway's own log), two gateways side by side, and a socket
    /// the gateway dropped, reopened once.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class ConnectionTests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
        private static readonly Regex Ansi = new Regex(@"\x1b\[[0-9;]*m", RegexOptions.CultureInvariant);

        [GatewayFact("2026.2.19")]
        public void ConnectMakesTheDefaultThatLaterCommandsReuseUntilDisconnected()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            var legacy = gateway.Device("legacy", "gateway-client", "backend", Legacy);
            using var shell = new ModuleShell(gateway);

            var connection = Assert.Single(Succeeded(shell.Run("$a = Connect-OpenClawGateway @c; $a")).Output);
            Assert.Equal("OpenClaw.PowerShell.OpenClawConnection", connection.BaseObject.GetType().FullName);
            Assert.Equal(new Uri(gateway.Url), connection.Properties["Url"].Value);
            Assert.Equal("2026.2.19", connection.Properties["GatewayRelease"].Value);
            Assert.Equal(3, connection.Properties["Protocol"].Value);
            Assert.Equal("Module", connection.Properties["IdentitySource"].Value);
            Assert.Equal(true, connection.Properties["IsOpen"].Value);
            Assert.Equal(true, connection.Properties["IsDefault"].Value);

            // Three commands without connection settings use the connection's socket: the gateway logs no connect.
            var before = ModuleConnects(gateway);
            var devices = Succeeded(shell.Run("Get-OpenClawDevice -Verbose"));
            Assert.Contains(devices.Verbose, v => v.StartsWith("Using connection #1 ", StringComparison.Ordinal));
            var own = Assert.Single(devices.Output, d => (bool)d.Properties["IsCurrentIdentity"].Value);
            Assert.Equal(connection.Properties["DeviceId"].Value, own.Properties["DeviceId"].Value);
            Assert.Contains(devices.Output, d => (string)d.Properties["DeviceId"].Value == legacy.DeviceId);
            Assert.Contains(Succeeded(shell.Run("Test-OpenClawDeviceScope")).Output, r => (string)r.Properties["DeviceId"].Value == legacy.DeviceId);
            Assert.Single(Succeeded(shell.Run($"Get-OpenClawDevice -DeviceId {legacy.DeviceId}")).Output);
            Assert.Equal(before, ModuleConnects(gateway));
            // The control: explicit settings make a connection of their own.
            Succeeded(shell.Run("Get-OpenClawDevice @c"));
            Assert.Equal(before + 1, ModuleConnects(gateway, before + 1));

            var listed = Assert.Single(Succeeded(shell.Run("Get-OpenClawConnection")).Output);
            Assert.Equal(1, listed.Properties["Id"].Value);
            Assert.Same(connection.BaseObject, listed.BaseObject);

            var closes = ModuleCloses(gateway);
            var disconnect = Succeeded(shell.Run("Disconnect-OpenClawGateway"));
            Assert.Empty(disconnect.Output);
            Assert.Equal(closes + 1, ModuleCloses(gateway, closes + 1));
            Assert.Equal(new object[] { false, false }, shell.Run("$a.IsOpen; $a.IsDefault").Output.Select(o => o.BaseObject));
            Assert.Empty(Succeeded(shell.Run("Get-OpenClawConnection")).Output);
            Assert.Equal(new[] { "OpenClaw.ConnectionNotFound" }, shell.Run("Disconnect-OpenClawGateway $a").ErrorIds);
            // A closed connection passed explicitly is refused, not quietly reopened with nobody to close it.
            var stale = Terminating(shell.Run, "Get-OpenClawDevice -Connection $a");
            Assert.Equal("OpenClaw.ConnectionNotFound", Id(stale));
            Assert.Equal(ErrorCategory.ObjectNotFound, stale.CategoryInfo.Category);
            Assert.Equal(before + 1, ModuleConnects(gateway));

            // A connection also closes with its runspace, instead of waiting for the gateway to drop it.
            using (var other = new ModuleShell(gateway)) Succeeded(other.Run("$null = Connect-OpenClawGateway @c"));
            Assert.Equal(closes + 2, ModuleCloses(gateway, closes + 2));

            // With no connection left, commands resolve their settings again, as before Connect-OpenClawGateway.
            using (new EnvironmentScope(new Dictionary<string, string?>
                   {
                       ["OPENCLAW_GATEWAY_URL"] = gateway.Url, ["OPENCLAW_GATEWAY_TOKEN"] = gateway.Token, ["OPENCLAW_STATE_DIR"] = gateway.StateDirectory,
                   }))
            {
                var fromEnvironment = Succeeded(shell.Run("Get-OpenClawDevice -Verbose"));
                Assert.Contains(fromEnvironment.Verbose, v => v.Contains("(from OPENCLAW_GATEWAY_URL)", StringComparison.Ordinal));
                Assert.DoesNotContain(fromEnvironment.Verbose, v => v.StartsWith("Using connection", StringComparison.Ordinal));
                Assert.Contains(fromEnvironment.Output, d => (string)d.Properties["DeviceId"].Value == legacy.DeviceId);
            }

            // When nothing is configured either, that is the openclaw CLI's default gateway, ws://127.0.0.1:18789;
            // with none running there, the command stops at once with GatewayUnreachable naming it.
            var emptyHome = Directory.CreateDirectory(Path.Combine(gateway.Root, "empty-home")).FullName;
            using (new EnvironmentScope(new Dictionary<string, string?>
                   {
                       ["HOME"] = emptyHome, ["OPENCLAW_GATEWAY_PORT"] = null, ["OPENCLAW_GATEWAY_PASSWORD"] = null,
                       ["OPENCLAW_CONFIG_PATH"] = null, ["CLAWDBOT_STATE_DIR"] = null,
                   }))
            {
                var clock = Stopwatch.StartNew();
                var error = Terminating(shell.Run, "Get-OpenClawDevice -Verbose", out var nothing);
                Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
                Assert.Equal("OpenClaw.GatewayUnreachable", Id(error));
                Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
                Assert.Contains("ws://127.0.0.1:18789", error.Exception.Message);
                Assert.Contains(nothing.Verbose, v => v.Contains("(from default)", StringComparison.Ordinal));
            }
        }

        [GatewayFact("2026.2.19", "2026.9.6")]
        public void TwoConnectionsTargetTwoGatewaysSideBySide()
        {
            using var old = new LocalGateway();
            old.Start("2026.2.19");
            using var current = new LocalGateway();
            current.Start("2026.9.6");
            var legacy = old.Device("legacy", "gateway-client", "backend", Legacy);
            var reader = current.Device("reader", "cli", "cli", "operator.read");
            Assert.True(legacy.Ok && reader.Ok, $"{legacy} / {reader}");
            using var host = new PowerShellHost(new Dictionary<string, string?>
            {
                ["OPENCLAW_POWERSHELL_HOME"] = Path.Combine(old.Root, "powershell-home"),
                ["OPENCLAW_STATE_DIR"] = null,
                ["OPENCLAW_GATEWAY_URL"] = null,
                ["OPENCLAW_GATEWAY_TOKEN"] = null,
            });

            var connect = Succeeded(host.Invoke("param($ca, $cb) $a = Connect-OpenClawGateway @ca; $b = Connect-OpenClawGateway @cb; $a; $b",
                new Dictionary<string, object?> { ["ca"] = Splat(old), ["cb"] = Splat(current) }));
            Assert.Equal(2, connect.Output.Count);
            Assert.Equal(new object[] { "2026.2.19", 3, false }, Values(connect.Output[0], "GatewayRelease", "Protocol", "IsDefault"));
            Assert.Equal(new object[] { "2026.9.6", 4, true }, Values(connect.Output[1], "GatewayRelease", "Protocol", "IsDefault"));
            Assert.Equal(2, Succeeded(host.Invoke("Get-OpenClawConnection")).Output.Count);
            Assert.Same(connect.Output[1].BaseObject, Assert.Single(Succeeded(host.Invoke("Get-OpenClawConnection -Default")).Output).BaseObject);

            var onOld = Succeeded(host.Invoke("Get-OpenClawDevice -Connection $a")).Output;
            var onCurrent = Succeeded(host.Invoke("Get-OpenClawDevice -Connection $b")).Output;
            Assert.Contains(onOld, d => (string)d.Properties["DeviceId"].Value == legacy.DeviceId);
            Assert.DoesNotContain(onOld, d => (string)d.Properties["DeviceId"].Value == reader.DeviceId);
            Assert.All(onOld, d => Assert.Equal(new Uri(old.Url), d.Properties["GatewayUrl"].Value));
            Assert.Contains(onCurrent, d => (string)d.Properties["DeviceId"].Value == reader.DeviceId);
            Assert.DoesNotContain(onCurrent, d => (string)d.Properties["DeviceId"].Value == legacy.DeviceId);
            Assert.All(onCurrent, d => Assert.Equal("2026.9.6", d.Properties["GatewayRelease"].Value));

            var conflict = Terminating(script => host.Invoke("param($u) " + script, new Dictionary<string, object?> { ["u"] = current.Url }),
                "Get-OpenClawDevice -Connection $a -Url $u");
            Assert.Equal("OpenClaw.ConflictingConnection", Id(conflict));
            Assert.Equal(ErrorCategory.InvalidArgument, conflict.CategoryInfo.Category);

            // The legacy device lives on the 2.19 gateway only: -Connection $b does not find it, -Connection $a repairs it there.
            var wrong = host.Invoke($"Update-OpenClawDeviceScope -Connection $b -DeviceId {legacy.DeviceId} -PassThru");
            Assert.Equal(new[] { "OpenClaw.DeviceNotFound" }, wrong.ErrorIds);
            Assert.Empty(wrong.Output);
            var repaired = Assert.Single(Succeeded(host.Invoke($"Update-OpenClawDeviceScope -Connection $a -DeviceId {legacy.DeviceId} -PassThru")).Output);
            Assert.Equal(new object[] { "Repaired", true, "Rotate" }, Values(repaired, "Status", "Verified", "Method"));
            var scopes = old.PairedJson()[legacy.DeviceId!]!["scopes"]!.ToObject<string[]>()!;
            Assert.Contains("operator.read", scopes);
            Assert.Contains("operator.write", scopes);
            Assert.Equal(true, Assert.Single(Succeeded(host.Invoke($"Test-OpenClawDeviceScope -Connection $a -DeviceId {legacy.DeviceId}")).Output).Properties["IsCompliant"].Value);

            Succeeded(host.Invoke("Disconnect-OpenClawGateway -All"));
            Assert.Empty(Succeeded(host.Invoke("Get-OpenClawConnection")).Output);
            Assert.Equal(new object[] { false, false }, host.Invoke("$a.IsOpen; $b.IsOpen").Output.Select(o => o.BaseObject));
        }

        [GatewayFact("2026.2.19")]
        public void ADroppedSocketIsReopenedOnceAndAGoneGatewayIsAPromptError()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            using var shell = new ModuleShell(gateway);
            Succeeded(shell.Run("$a = Connect-OpenClawGateway @c"));
            var before = ModuleConnects(gateway);

            gateway.Start("2026.2.19"); // the same port and state: a gateway restart
            WaitUntil(() => !IsOpen(shell));
            var after = Succeeded(shell.Run("Get-OpenClawDevice -Verbose"));
            Assert.Contains(after.Output, d => (bool)d.Properties["IsCurrentIdentity"].Value);
            Assert.Single(after.Verbose, v => v.Contains("reconnecting once", StringComparison.Ordinal));
            Assert.True(IsOpen(shell));
            Succeeded(shell.Run("Get-OpenClawDevice"));
            Assert.Equal(before + 1, ModuleConnects(gateway, before + 1)); // one reconnect, then that socket is shared again

            gateway.Stop();
            WaitUntil(() => !IsOpen(shell));
            var clock = Stopwatch.StartNew();
            var gone = Terminating(shell.Run, "Get-OpenClawDevice");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
            Assert.Equal("OpenClaw.GatewayUnreachable", Id(gone));
            Assert.Equal(ErrorCategory.ConnectionError, gone.CategoryInfo.Category);
            Assert.Contains($"127.0.0.1:{gateway.Port}", gone.Exception.Message);
            // The connection stays, so once the gateway is back the next command works again.
            Assert.Single(Succeeded(shell.Run("Get-OpenClawConnection")).Output);
            gateway.Start("2026.2.19");
            Assert.NotEmpty(Succeeded(shell.Run("Get-OpenClawDevice")).Output);
        }

        internal static PowerShellResult Succeeded(PowerShellResult result)
        {
            result.ThrowIfFailed();
            return result;
        }

        /// <summary>Runs a command inside try/catch: only a terminating error is caught, a non-terminating one is not.</summary>
        internal static ErrorRecord Terminating(Func<string, PowerShellResult> run, string command) => Terminating(run, command, out _);

        internal static ErrorRecord Terminating(Func<string, PowerShellResult> run, string command, out PowerShellResult result)
        {
            result = run("try { " + command + "; '(not terminated)' } catch { $_ }");
            var record = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().SingleOrDefault();
            Assert.True(record != null, $"Expected a terminating error; got output [{string.Join(", ", result.Output)}] and errors [{string.Join(" | ", result.ErrorIds)}].");
            return record!;
        }

        internal static string Id(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

        internal static void WaitUntil(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow + Prompt;
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, $"The condition did not become true within {Prompt.TotalSeconds} s.");
                Thread.Sleep(100);
            }
        }

        private static bool IsOpen(ModuleShell shell) => (bool)shell.Run("$a.IsOpen").Output.Single().BaseObject;

        /// <summary>
        /// The module's connects in the gateway's verbose log ("[ws] ← connect … version=&lt;module&gt;"), leaving out
        /// the readiness probes (version=test). Waits for <paramref name="expected"/>, or for the log to settle.
        /// </summary>
        internal static int ModuleConnects(LocalGateway gateway, int? expected = null) =>
            LogLines(gateway, l => l.Contains("[ws] ← connect ", StringComparison.Ordinal) && !l.Contains(" version=test ", StringComparison.Ordinal), expected);

        /// <summary>Sockets the module closed politely (GatewayConnection closes with 1000 "done").</summary>
        internal static int ModuleCloses(LocalGateway gateway, int? expected = null) =>
            LogLines(gateway, l => l.Contains("[ws] → close code=1000 reason=done ", StringComparison.Ordinal), expected);

        private static int LogLines(LocalGateway gateway, Func<string, bool> match, int? expected)
        {
            int Count()
            {
                using var stream = new FileStream(gateway.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                var count = 0;
                for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
                {
                    if (match(Ansi.Replace(line, ""))) count++;
                }
                return count;
            }

            var deadline = DateTime.UtcNow + Prompt;
            var last = Count();
            while (DateTime.UtcNow < deadline && last != expected)
            {
                Thread.Sleep(500);
                var now = Count();
                if (expected == null && now == last) break;
                last = now;
            }
            return last;
        }

        private static Hashtable Splat(LocalGateway gateway) => new Hashtable
        {
            ["Url"] = gateway.Url,
            ["Token"] = gateway.Token,
            ["StateDirectory"] = gateway.StateDirectory,
        };

        private static object[] Values(PSObject item, params string[] names) => names.Select(n => item.Properties[n].Value).ToArray();

        /// <summary>Sets process environment variables for a block and restores them (gateway tests run one at a time).</summary>
        private sealed class EnvironmentScope : IDisposable
        {
            private readonly Dictionary<string, string?> _saved = new Dictionary<string, string?>();

            public EnvironmentScope(IDictionary<string, string?> values)
            {
                foreach (var pair in values)
                {
                    _saved[pair.Key] = Environment.GetEnvironmentVariable(pair.Key);
                    Environment.SetEnvironmentVariable(pair.Key, pair.Value);
                }
            }

            public void Dispose()
            {
                foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }
    }
}
