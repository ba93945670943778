using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Upstream 23006 repaired offline on a store real gateways made: devices paired on 2026.2.17, the bug reproduced
    /// on 2026.2.19, the gateway stopped (killed: its lock file stays behind and must not count), the store repaired
    /// in place, and 2026.2.19 started again: the least-privilege calls now succeed, and the devices' old tokens
    /// still work, because no token was re-issued.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class OfflineRepairOn2219Tests
    {
        private static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };
        private const string Pipeline = "Get-OpenClawDevice -Offline -StateDirectory $s | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Offline -StateDirectory $s";
        private readonly ITestOutputHelper _log;

        public OfflineRepairOn2219Tests(ITestOutputHelper log)
        {
            _log = log;
        }

        [GatewayFact("2026.2.17", "2026.2.19")]
        public void TheStoreIsRepairedOfflineAndTheOldTokensStillWork()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.17");
            Assert.Equal(0, gateway.Cli("2026.2.17", "devices", "list", "--json").ExitCode); // the local CLI pairs itself
            var backend = gateway.Device("backend", "gateway-client", "backend", Legacy);
            var reader = gateway.Device("reader", "gateway-client", "backend", "operator.read");
            Assert.True(backend.Ok && reader.Ok, $"{backend} / {reader}");

            gateway.Start("2026.2.19");
            Assert.Contains("pairing required", gateway.ToolCall("sessions.list", "operator.read").All);
            Assert.Equal("NOT_PAIRED", gateway.Device("backend", "gateway-client", "backend", "operator.read").Code);
            var cliId = OfflineGateway.CliDeviceId(gateway);
            var tokens = OfflineFolder.TokenValues(gateway.PairedJson());
            var cliToken = tokens[cliId + "/operator"];
            var backendToken = tokens[backend.DeviceId + "/operator"];

            using var shell = new ModuleShell(gateway);
            OfflineGateway.StopAndWait(gateway);
            var before = OfflineGateway.Files(gateway);
            var whatIf = OfflineGateway.Run(shell, gateway, Pipeline + " -WhatIf -Verbose");
            whatIf.ThrowIfFailed();
            _log.WriteLine(whatIf.HostText + string.Join("\n", whatIf.Verbose));
            Assert.Equal(2, whatIf.HostText.Split('\n').Count(l => l.StartsWith("What if:", StringComparison.Ordinal)));
            Assert.Contains(whatIf.Verbose, v => v.Contains("stale gateway lock", StringComparison.Ordinal)); // the killed gateway's lock
            OfflineFolder.AssertSame(before, OfflineGateway.Files(gateway));

            var repair = OfflineGateway.Run(shell, gateway, Pipeline + " -PassThru");
            repair.ThrowIfFailed();
            Assert.Equal(2, repair.Output.Count);
            Assert.All(repair.Output, change =>
            {
                Assert.Equal("Repaired", change.Properties["Status"].Value);
                Assert.Equal("OfflineEdit", change.Properties["Method"].Value);
                Assert.Equal(false, change.Properties["TokenReissued"].Value);
                Assert.Equal(new[] { "operator.read", "operator.write" }, (string[])change.Properties["AddedScopes"].Value);
            });
            Assert.DoesNotContain(cliToken, repair.AllText);
            var paired = gateway.PairedJson();
            Assert.Equal(tokens, OfflineFolder.TokenValues(paired));
            Assert.Equal(new[] { "operator.read" }, paired[reader.DeviceId!]!["scopes"]!.ToObject<string[]>()); // never escalated
            OfflineGateway.AssertGatewayFormat(gateway);
            var backup = Assert.Single((string[])repair.Output[0].Properties["Backups"].Value);
            Assert.Equal(before[Path.Combine("devices", "paired.json")], File.ReadAllBytes(backup));
            OfflineGateway.AssertOwnerOnly(backup);

            gateway.Start("2026.2.19");
            var read = gateway.ToolCall("sessions.list", "operator.read");
            _log.WriteLine("after: " + read.All);
            Assert.StartsWith("OK", read.Output);
            Assert.StartsWith("OK", gateway.ToolCall("agent.identity.get", "operator.read").Output);
            // The devices sign in with the tokens they had before the repair: nothing was re-issued.
            Assert.True(OfflineGateway.WithDeviceToken(gateway, "backend", backendToken, "gateway-client", "backend", "operator.read").Ok);
            Assert.True(OfflineGateway.WithDeviceToken(gateway, "backend", backendToken, "gateway-client", "backend", "operator.write").Ok);
            Assert.True(OfflineGateway.WithCliToken(gateway, cliToken, "operator.read", "operator.write").Ok);
            Assert.Equal(tokens, OfflineFolder.TokenValues(gateway.PairedJson()));
        }
    }

    /// <summary>What the offline gateway scenarios share: the module on the gateway's folder, device-token connects, format checks.</summary>
    internal static class OfflineGateway
    {
        public static OpenClaw.Tests.Shared.PowerShellResult Run(ModuleShell shell, LocalGateway gateway, string script) =>
            shell.Run($"$s = '{gateway.StateDirectory}'; " + script);

        /// <summary>Every file under the folders a repair could touch, by path, with its bytes.</summary>
        public static IReadOnlyDictionary<string, byte[]> Files(LocalGateway gateway) =>
            new[] { "devices", "identity" }.Select(d => Path.Combine(gateway.StateDirectory, d)).Where(Directory.Exists)
                .SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories))
                .ToDictionary(f => Path.GetRelativePath(gateway.StateDirectory, f), File.ReadAllBytes);

        /// <summary>
        /// Stops the gateway and waits until its processes are really gone. LocalGateway.Stop kills the process tree
        /// but waits for the launcher only; the 2026.2.x gateway child ("openclaw-gateway") can take a moment more
        /// to exit, and until it has, the offline commands rightly see it running.
        /// </summary>
        public static void StopAndWait(LocalGateway gateway)
        {
            // Found before the kill: an exiting process no longer shows its environment, but still exists.
            var pids = LiveProcessesOf(gateway.StateDirectory).ToList();
            gateway.Stop();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline && pids.Any(IsRunning)) Thread.Sleep(100);
        }

        private static bool IsRunning(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat.Substring(stat.LastIndexOf(')') + 2, 1) is not ("Z" or "X");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static IEnumerable<int> LiveProcessesOf(string stateDirectory)
        {
            if (!OperatingSystem.IsLinux()) yield break;
            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                string environ, stat;
                try
                {
                    environ = File.ReadAllText(Path.Combine(dir, "environ"));
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue;
                }
                var state = stat.Substring(stat.LastIndexOf(')') + 2, 1);
                if (state != "Z" && environ.Split('\0').Contains("OPENCLAW_STATE_DIR=" + stateDirectory)) yield return pid;
            }
        }

        public static string CliDeviceId(LocalGateway gateway) =>
            (string)JObject.Parse(File.ReadAllText(Path.Combine(gateway.StateDirectory, "identity", "device.json")))["deviceId"]!;

        /// <summary>paired.json is byte for byte what Node's JSON.stringify(x, null, 2) makes of it, without a trailing newline, mode 0600.</summary>
        public static void AssertGatewayFormat(LocalGateway gateway)
        {
            var path = Path.Combine(gateway.StateDirectory, "devices", "paired.json");
            var check = ProcessRunner.Run(GatewayInstalls.Node,
                new[] { "-e", "const fs=require('fs');const t=fs.readFileSync(process.argv[1],'utf8');process.stdout.write(String(JSON.stringify(JSON.parse(t),null,2)===t))", path },
                new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
            Assert.Equal("true", check.Output.Trim());
            Assert.False(File.ReadAllText(path).EndsWith("\n", StringComparison.Ordinal));
            AssertOwnerOnly(path);
        }

        /// <summary>Mode 0600: the gateway's own mode for files that hold plaintext tokens (gateways run on Unix here).</summary>
        public static void AssertOwnerOnly(string path)
        {
            if (OperatingSystem.IsWindows()) return;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        /// <summary>A test device signing in with a device token (as auth.token, which 2026.2.x accepts) instead of the shared token.</summary>
        public static DeviceConnect WithDeviceToken(LocalGateway gateway, string name, string deviceToken, string clientId, string clientMode, params string[] scopes) =>
            Connect(gateway, Path.Combine(gateway.Root, "devices", name + ".json"), deviceToken, clientId, clientMode, scopes, name);

        /// <summary>The local CLI device (state/identity/device.json) signing in with a device token.</summary>
        public static DeviceConnect WithCliToken(LocalGateway gateway, string deviceToken, params string[] scopes) =>
            Connect(gateway, Path.Combine(gateway.StateDirectory, "identity", "device.json"), deviceToken, "cli", "cli", scopes, null);

        private static DeviceConnect Connect(LocalGateway gateway, string identity, string token, string clientId, string clientMode, string[] scopes, string? name)
        {
            var arguments = new List<string> { Path.Combine(GatewayInstalls.ScriptsDirectory, "device-client.mjs"), identity, gateway.Url, token, clientId, clientMode, string.Join(",", scopes) };
            if (name != null) arguments.Add(name);
            var result = ProcessRunner.Run(GatewayInstalls.Node, arguments, new Dictionary<string, string>(), TimeSpan.FromSeconds(40));
            var line = result.Output.Split('\n').LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException("device-client printed no result: " + result.All);
            return new DeviceConnect(JObject.Parse(line));
        }
    }
}
