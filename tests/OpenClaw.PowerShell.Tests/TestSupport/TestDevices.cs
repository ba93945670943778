using System.Management.Automation;
using OpenClaw.PowerShell.Tests.FakeGateway;

namespace OpenClaw.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// The devices most tests start from: what a gateway upgraded from 2026.2.17 to 2026.2.19 holds (facts §1, §3).
    /// </summary>
    public sealed class TestDevices
    {
        /// <summary>The recorded CLI device of paired-2026.2.19-legacy.json.</summary>
        public const string CliId = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";

        /// <summary>Its stale repair request for [operator.read] (pending-2026.2.19-scope-upgrade.json).</summary>
        public const string CliRequestId = "df507dc1-f568-4b1e-beaa-9c6be5f1b2cf";

        private TestDevices(FakeDevice cli, FakeDevice backend, FakeDevice reader, FakeDevice full, FakeDevice node)
        {
            Cli = cli;
            Backend = backend;
            Reader = reader;
            Full = full;
            Node = node;
        }

        /// <summary>Legacy [admin, approvals, pairing], client cli/cli, no display name: under-scoped on 2.19.</summary>
        public FakeDevice Cli { get; }

        /// <summary>Legacy scopes, gateway-client/backend, named "build-agent": under-scoped on 2.19.</summary>
        public FakeDevice Backend { get; }

        /// <summary>[operator.read] only, named "dashboard": compliant, and must never be escalated.</summary>
        public FakeDevice Reader { get; }

        /// <summary>The five-scope set, named "laptop": compliant.</summary>
        public FakeDevice Full { get; }

        /// <summary>A node-role device (node-host/node) with no operator token.</summary>
        public FakeDevice Node { get; }

        public IEnumerable<FakeDevice> All => new[] { Cli, Backend, Reader, Full, Node };

        public static TestDevices SeedInto(FakePairingStore store)
        {
            store.LoadStateFiles("paired-2026.2.19-legacy.json", "pending-2026.2.19-scope-upgrade.json");
            var cli = store.Device(CliId) ?? throw new InvalidOperationException("The legacy fixture has no CLI device.");
            var backend = store.Add(FakeDevice.Create("backend", Scopes.Legacy, "gateway-client", "backend", "build-agent", 1795555385623));
            var reader = store.Add(FakeDevice.Create("reader", new[] { Scopes.Read }, "gateway-client", "backend", "dashboard", 1795555385735));
            var full = store.Add(FakeDevice.Create("full", Scopes.Full, "cli", "cli", "laptop", 1795555400000));
            var node = FakeDevice.Create("node", Array.Empty<string>(), "node-host", "node", "garage-pi", 1795555500000);
            node.Role = "node";
            node.Roles = new List<string> { "node" };
            var token = node.Tokens["operator"];
            node.Tokens.Clear();
            token.Role = "node";
            node.Tokens["node"] = token;
            store.Add(node);
            return new TestDevices(cli, backend, reader, full, node);
        }
    }

    public static class PSObjectExtensions
    {
        /// <summary>A property of an output object, typed.</summary>
        public static T Get<T>(this PSObject value, string property) => (T)value.Properties[property].Value;

        public static string Id(this PSObject value) => value.Get<string>("DeviceId");

        public static string ErrorId(this ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];
    }
}
