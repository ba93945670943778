using System.Diagnostics;
using Newtonsoft.Json.Linq;
using OpenClaw.Integration.Tests.Gateway;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// The starting state every repair method gets: devices paired with the legacy set on 2026.2.17, the same state
    /// then run by 2026.2.19 (the upgrade), and a copy of that state folder. Before each method the gateway is
    /// stopped, its state replaced by the copy and 2026.2.19 started again, so every method starts identical,
    /// from the same files and a freshly started gateway.
    /// </summary>
    public sealed class RepairScenario : IDisposable
    {
        public const string Before = "2026.2.17";
        public const string After = "2026.2.19";
        public static readonly string[] Legacy = { "operator.admin", "operator.approvals", "operator.pairing" };

        /// <summary>The union the module grants a legacy device on 2026.2.19, sent by all three methods.</summary>
        public static readonly string[] Repaired = { "operator.admin", "operator.approvals", "operator.pairing", "operator.read", "operator.write" };

        private readonly TimeSpan _settle;
        private readonly bool _keep;

        public RepairScenario(TimeSpan settle, bool keep)
        {
            _settle = settle;
            _keep = keep;
        }

        public LocalGateway Gateway { get; } = new LocalGateway();

        public IReadOnlyList<string> DeviceIds { get; private set; } = Array.Empty<string>();

        private string Snapshot => Path.Combine(Gateway.Root, "snapshot");

        public string CliIdentityFile => Path.Combine(Gateway.StateDirectory, "identity", "device.json");

        /// <summary>
        /// Pairs <paramref name="count"/> legacy devices and the CLI's own device. The CLI device gets all five
        /// scopes, so it is compliant on 2026.2.19 and every method repairs exactly the same devices; the module, the
        /// floor clients and the openclaw CLI all sign as that device.
        /// </summary>
        public void Prepare(int count, Results results)
        {
            results.Add("setup.start " + Before, Time(() => Gateway.Start(Before)));
            var pairing = Node(Path.Combine(GatewayInstalls.ScriptsDirectory, "bench-pair.mjs"), Gateway.Url, Gateway.Token,
                count.ToString(System.Globalization.CultureInfo.InvariantCulture), CliIdentityFile, string.Join(",", Legacy), string.Join(",", Repaired));
            if ((bool?)pairing["ok"] != true) throw new InvalidOperationException("bench-pair.mjs failed: " + pairing);
            results.Add($"setup.pair {count} devices on {Before}", (double)pairing["ms"]!);
            Gateway.Stop();
            results.Add("setup.start " + After + " (upgrade)", Time(() => Gateway.Start(After)));
            Gateway.Stop();

            DeviceIds = Gateway.PairedJson().Properties()
                .Where(p => ((string?)p.Value["displayName"])?.StartsWith("bench-", StringComparison.Ordinal) == true)
                .Select(p => p.Name).ToList();
            var legacy = DeviceIds.Count(id => Scopes(Gateway.PairedJson(), id).OrderBy(s => s).SequenceEqual(Legacy));
            if (DeviceIds.Count != count || legacy != count)
            {
                throw new InvalidOperationException($"Expected {count} legacy devices after the upgrade; found {DeviceIds.Count} benchmark devices, {legacy} with the legacy set.");
            }
            CopyDirectory(Gateway.StateDirectory, Snapshot);
        }

        /// <summary>Puts the snapshot back and starts 2026.2.19 on it; waits a moment so its start-up work is done.</summary>
        public void Reset()
        {
            Gateway.Stop();
            if (Directory.Exists(Gateway.StateDirectory)) Directory.Delete(Gateway.StateDirectory, recursive: true);
            CopyDirectory(Snapshot, Gateway.StateDirectory);
            var powershellHome = Path.Combine(Gateway.Root, "powershell-home");
            if (Directory.Exists(powershellHome)) Directory.Delete(powershellHome, recursive: true);
            Gateway.Start(After);
            Thread.Sleep(_settle);
        }

        /// <summary>How many benchmark devices hold read and write now (read from paired.json).</summary>
        public int CountRepaired()
        {
            var paired = Gateway.PairedJson();
            return DeviceIds.Count(id => Repaired.All(Scopes(paired, id).Contains));
        }

        /// <summary>Runs a helper from tests/gateway with Node 24 and returns its last JSON line.</summary>
        public static JObject Node(params string[] arguments)
        {
            var result = ProcessRunner.Run(GatewayInstalls.Node, arguments, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
            var line = result.Output.Split('\n').LastOrDefault(l => l.StartsWith("{", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException($"{Path.GetFileName(arguments[0])} printed no result: {result.All}");
            return JObject.Parse(line);
        }

        private static string[] Scopes(JObject paired, string id) => paired[id]?["scopes"]?.ToObject<string[]>() ?? Array.Empty<string>();

        private static double Time(Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalMilliseconds;
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }

        public void Dispose()
        {
            if (!_keep)
            {
                Gateway.Dispose();
                return;
            }
            Gateway.Stop();
            Console.WriteLine("Kept the gateway's folder: " + Gateway.Root);
        }
    }
}
