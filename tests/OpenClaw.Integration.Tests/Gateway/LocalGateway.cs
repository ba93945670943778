using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Integration.Tests.Gateway
{
    /// <summary>
    /// A real OpenClaw gateway on loopback with a state folder of its own, which survives restarts so one test can
    /// pair devices on one release and then run the next release on the same state, as an upgrade does.
    /// Ports: the gateway listens below Linux's ephemeral range (32768 and up), so no outgoing socket of a parallel
    /// test can take its port between the pick and the bind; should another listener take it all the same, the
    /// gateway starts again on a new port. Readiness is an answer to a connect carrying this gateway's own token,
    /// so another test's gateway on a reused port is never taken for this one (tests/gateway/TestGateway.psm1 is
    /// the same harness for the PowerShell side).
    /// </summary>
    public sealed class LocalGateway : IDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
        private Process? _process;

        public LocalGateway()
        {
            Root = Path.Combine(Path.GetTempPath(), "openclaw-ps-it-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Path.Combine(Root, "home"));
            Directory.CreateDirectory(StateDirectory);
            Port = FreePort();
            Token = "it-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        }

        public string Root { get; }

        public string StateDirectory => Path.Combine(Root, "state");

        /// <summary>The port of the running gateway; a start that finds it taken moves to another one.</summary>
        public int Port { get; private set; }

        /// <summary>The gateway's shared token (never a real secret; the tests search output for it).</summary>
        public string Token { get; }

        public string Url => $"ws://127.0.0.1:{Port}";

        public string? Version { get; private set; }

        public string LogFile => Path.Combine(Root, "gateway-" + Version + ".log");

        public void Start(string version)
        {
            if (!GatewayInstalls.IsInstalled(version))
            {
                throw new InvalidOperationException($"OpenClaw {version} is not installed in {GatewayInstalls.CacheDirectory}; run tests/gateway/provision.sh.");
            }
            Stop();
            Version = version;
            for (var attempt = 1; ; attempt++)
            {
                if (TryStart(version)) return;
                if (attempt == 3 || !TailLog().Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"OpenClaw {version} exited while starting:\n{TailLog()}");
                }
                Port = FreePort();   // another listener bound the port first
            }
        }

        /// <summary>Starts the process and waits until it is ready; false if it exited first.</summary>
        private bool TryStart(string version)
        {
            var info = new ProcessStartInfo(GatewayInstalls.Node)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { GatewayInstalls.OpenClawEntry(version) }.Concat(RunCommand(version)).Concat(new[] { "--allow-unconfigured", "--auth", "token",
                         "--token", Token, "--port", Port.ToString(), "--bind", "loopback", "--verbose" }))
            {
                info.ArgumentList.Add(a);
            }
            foreach (var pair in Environment()) info.Environment[pair.Key] = pair.Value;
            var log = new GatewayLog(LogFile);
            _process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start the gateway.");
            _process.OutputDataReceived += (_, e) => log.Append(e.Data);
            _process.ErrorDataReceived += (_, e) => log.Append(e.Data);
            _process.Exited += (_, _) => log.Dispose();
            _process.EnableRaisingEvents = true;
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            return WaitUntilReady();
        }

        /// <summary>
        /// Up to 2026.2.12 the parent `gateway` command takes the options written after `run`, so `gateway run` sees
        /// none and stops with "Missing config"; `gateway` alone runs the gateway there (docs/release-matrix.md §7).
        /// </summary>
        private static string[] RunCommand(string version) =>
            System.Version.Parse(version.Split('-')[0]) <= new System.Version(2026, 2, 12) ? new[] { "gateway" } : new[] { "gateway", "run" };

        /// <summary>
        /// Ready means a connect with this gateway's token is answered with something other than "gateway
        /// starting" (2026.9.x opens its port seconds before it accepts connects) or a token mismatch (another
        /// gateway on this port). The probe presents no device, so the gateway stores nothing. False if the
        /// process exited first.
        /// </summary>
        private bool WaitUntilReady()
        {
            var deadline = DateTime.UtcNow + StartTimeout;
            while (DateTime.UtcNow < deadline)
            {
                if (_process!.HasExited) return false;
                if (PortOpen())
                {
                    var probe = RunDevice("-", "cli", "cli", Array.Empty<string>(), null);
                    var starting = probe.Code is "UNAVAILABLE" or "SOCKET" or "CLOSED" or "TIMEOUT";
                    var someoneElse = probe.Message?.Contains("token mismatch", StringComparison.Ordinal) == true;
                    if (probe.Ok || (!starting && !someoneElse)) return true;
                }
                Thread.Sleep(500);
            }
            throw new TimeoutException($"OpenClaw {Version} did not become ready within {StartTimeout.TotalMinutes} min:\n{TailLog()}");
        }

        /// <summary>
        /// The gateway's output, appended to its log file. Exited can be raised before the last lines are read, and a
        /// line written to the closed file threw on a pool thread and crashed the test host (CI, 2026-12-07): a line
        /// that comes after the close is dropped.
        /// </summary>
        private sealed class GatewayLog : IDisposable
        {
            private readonly StreamWriter _writer;
            private bool _closed;

            public GatewayLog(string path) => _writer = new StreamWriter(path, append: true) { AutoFlush = true };

            public void Append(string? line)
            {
                if (line == null) return;
                lock (_writer)
                {
                    if (!_closed) _writer.WriteLine(line);
                }
            }

            public void Dispose()
            {
                lock (_writer)
                {
                    _closed = true;
                    _writer.Dispose();
                }
            }
        }

        public void Stop()
        {
            if (_process == null) return;
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10000);
            }
            _process.Dispose();
            _process = null;
        }

        /// <summary>Runs the openclaw CLI of a release against this state (e.g. "devices", "list", "--json").</summary>
        public ProcessResult Cli(string version, params string[] arguments) =>
            ProcessRunner.Run(GatewayInstalls.Node, new[] { GatewayInstalls.OpenClawEntry(version) }.Concat(arguments),
                Environment(), TimeSpan.FromMinutes(2));

        /// <summary>An agent-style tool call through the release's own client code, as the local CLI device.</summary>
        public ProcessResult ToolCall(string method, params string[] scopes)
        {
            var environment = Environment();
            environment["OC_DIR"] = GatewayInstalls.ReleaseDirectory(Version!);
            environment["GW_URL"] = Url;
            environment["GW_TOKEN"] = Token;
            return ProcessRunner.Run(GatewayInstalls.Node,
                new[] { Path.Combine(GatewayInstalls.ScriptsDirectory, "toolcall.mjs"), method }.Concat(scopes),
                environment, TimeSpan.FromMinutes(1));
        }

        /// <summary>Connects a named test device (its identity kept under the test's folder) asking for scopes.</summary>
        public DeviceConnect Device(string name, string clientId, string clientMode, params string[] scopes) =>
            RunDevice(Path.Combine(Root, "devices", name + ".json"), clientId, clientMode, scopes, name);

        /// <summary>Connects with the local OpenClaw CLI's own identity (state/identity/device.json).</summary>
        public DeviceConnect AsCliDevice(params string[] scopes) =>
            RunDevice(Path.Combine(StateDirectory, "identity", "device.json"), "cli", "cli", scopes, null);

        private DeviceConnect RunDevice(string identityFile, string clientId, string clientMode, string[] scopes, string? displayName)
        {
            var arguments = new List<string> { Path.Combine(GatewayInstalls.ScriptsDirectory, "device-client.mjs"), identityFile, Url, Token, clientId, clientMode, string.Join(",", scopes) };
            if (displayName != null) arguments.Add(displayName);
            var result = ProcessRunner.Run(GatewayInstalls.Node, arguments, Environment(), TimeSpan.FromSeconds(40));
            var line = result.Output.Split('\n').LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal));
            if (line == null) throw new InvalidOperationException("device-client printed no result: " + result.All);
            return new DeviceConnect(JObject.Parse(line));
        }

        /// <summary>The exact bytes of the gateway's state files, to prove that -WhatIf changed nothing.</summary>
        public IReadOnlyDictionary<string, byte[]> StateFiles() =>
            new[] { "devices", "identity" }
                .Select(d => Path.Combine(StateDirectory, d))
                .Where(Directory.Exists)
                .SelectMany(Directory.GetFiles)
                .ToDictionary(f => Path.GetRelativePath(StateDirectory, f), File.ReadAllBytes);

        public JObject PairedJson() => JObject.Parse(File.ReadAllText(Path.Combine(StateDirectory, "devices", "paired.json")));

        public JObject PendingJson() => JObject.Parse(File.ReadAllText(Path.Combine(StateDirectory, "devices", "pending.json")));

        public string TailLog() => File.Exists(LogFile) ? string.Join("\n", File.ReadLines(LogFile).TakeLast(40)) : "(no log)";

        private Dictionary<string, string> Environment() => new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(Root, "home"),
            ["OPENCLAW_STATE_DIR"] = StateDirectory,
            ["OPENCLAW_GATEWAY_PORT"] = Port.ToString(),
            ["OPENCLAW_GATEWAY_TOKEN"] = Token,
            // Keep the gateway to what the tests need: no channels, browser, canvas, cron, mDNS or providers.
            ["OPENCLAW_DISABLE_BONJOUR"] = "1",
            ["OPENCLAW_SKIP_CHANNELS"] = "1",
            ["OPENCLAW_SKIP_BROWSER_CONTROL_SERVER"] = "1",
            ["OPENCLAW_SKIP_CANVAS_HOST"] = "1",
            ["OPENCLAW_SKIP_GMAIL_WATCHER"] = "1",
            ["OPENCLAW_SKIP_CRON"] = "1",
            ["OPENCLAW_SKIP_PROVIDERS"] = "1",
        };

        private bool PortOpen()
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        /// <summary>A port below the ephemeral range that no listener holds now.</summary>
        private static int FreePort()
        {
            while (true)
            {
                var port = Random.Shared.Next(20000, 32000);
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // taken: try another
                }
                finally
                {
                    listener.Stop();
                }
            }
        }

        public void Dispose()
        {
            Stop();
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>What one device-client connect got: ok, or the gateway's error code, message and request id.</summary>
    public sealed class DeviceConnect
    {
        public DeviceConnect(JObject result)
        {
            DeviceId = (string?)result["deviceId"];
            Ok = (bool?)result["ok"] ?? false;
            Code = (string?)result["code"];
            Message = (string?)result["message"];
            RequestId = (string?)result["requestId"];
        }

        public string? DeviceId { get; }
        public bool Ok { get; }
        public string? Code { get; }
        public string? Message { get; }
        public string? RequestId { get; }

        public override string ToString() => Ok ? "ok" : $"{Code}: {Message} (request {RequestId})";
    }
}
