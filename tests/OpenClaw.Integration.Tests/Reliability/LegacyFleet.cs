using System.Diagnostics;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// 200 devices paired on a real 2026.2.17 gateway with the legacy scopes, as a fleet looks after the upgrade:
    /// paired once per test run (about 2 s with pair-many.mjs, plus the gateway's start) and kept as a template
    /// state folder. Each test gets its own copy and its own gateway, so tests that change devices never see each
    /// other's changes.
    /// </summary>
    public sealed class LegacyFleet
    {
        public const int Size = 200;
        public const string PairedOn = "2026.2.17";
        public const string Repaired = "2026.2.19";
        public static readonly string[] LegacyScopes = { "operator.admin", "operator.approvals", "operator.pairing" };
        public static readonly string[] FullScopes = { "operator.admin", "operator.approvals", "operator.pairing", "operator.read", "operator.write" };

        /// <summary>Get | Test | non-compliant | Update, as the README runs it; callers add -WhatIf or -PassThru.</summary>
        public const string RepairPipeline =
            "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c";

        private static readonly Lazy<LegacyFleet> Shared = new(Pair, LazyThreadSafetyMode.ExecutionAndPublication);

        private LegacyFleet(string template, IReadOnlyCollection<string> deviceIds, TimeSpan pairingTook)
        {
            Template = template;
            DeviceIds = deviceIds;
            PairingTook = pairingTook;
        }

        /// <summary>The fleet of this test run, paired on first use.</summary>
        public static LegacyFleet Instance => Shared.Value;

        /// <summary>The state folder the fleet was paired in; never started again itself.</summary>
        public string Template { get; }

        public IReadOnlyCollection<string> DeviceIds { get; }

        public TimeSpan PairingTook { get; }

        /// <summary>A gateway of <paramref name="version"/> running on a fresh copy of the fleet's state.</summary>
        public LocalGateway Start(string version)
        {
            var gateway = new LocalGateway();
            try
            {
                Copy(Template, gateway.StateDirectory);
                gateway.Start(version);
                return gateway;
            }
            catch
            {
                gateway.Dispose();
                throw;
            }
        }

        /// <summary>Each device's approved scopes and its operator token's scopes, as paired.json holds them, sorted.</summary>
        public static IReadOnlyDictionary<string, (string[] Scopes, string[] TokenScopes)> ScopesIn(JObject paired) =>
            paired.Properties().ToDictionary(p => p.Name, p => (
                Sorted(p.Value["scopes"]?.ToObject<string[]>()),
                Sorted(p.Value["tokens"]?["operator"]?["scopes"]?.ToObject<string[]>())));

        private static string[] Sorted(string[]? scopes) => (scopes ?? Array.Empty<string>()).OrderBy(s => s, StringComparer.Ordinal).ToArray();

        private static LegacyFleet Pair()
        {
            var clock = Stopwatch.StartNew();
            using var gateway = new LocalGateway();
            gateway.Start(PairedOn);
            var script = Path.Combine(GatewayInstalls.RepositoryRoot, "tests", "OpenClaw.Integration.Tests", "Reliability", "pair-many.mjs");
            var paired = ProcessRunner.Run(GatewayInstalls.Node,
                new[] { script, gateway.Url, gateway.Token, Size.ToString(), string.Join(",", LegacyScopes), "fleet", "8" },
                new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
            if (paired.ExitCode != 0) throw new InvalidOperationException($"pairing the fleet on {PairedOn} failed: {paired.All}\n{gateway.TailLog()}");
            gateway.Stop();

            var scopes = ScopesIn(gateway.PairedJson());
            if (scopes.Count != Size || scopes.Values.Any(s => !s.Scopes.SequenceEqual(LegacyScopes)))
            {
                throw new InvalidOperationException($"{PairedOn} paired {scopes.Count} devices, not {Size} legacy ones.");
            }
            var template = Path.Combine(Path.GetTempPath(), "openclaw-ps-fleet-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Copy(gateway.StateDirectory, template);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(template, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return new LegacyFleet(template, scopes.Keys.ToList(), clock.Elapsed);
        }

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            {
                Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
            }
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
            }
        }
    }
}
