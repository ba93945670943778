using System.Collections;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>
    /// What the module's Types.ps1xml gives users: every output type names its key, so Sort-Object -Unique,
    /// Group-Object and Compare-Object without -Property treat two records of one thing as one. Those cmdlets are not
    /// in the hosted engine, so this checks what they read (PSStandardMembers.DefaultKeyPropertySet) on objects the
    /// cmdlets produced, in a runspace that imported the built module by its manifest.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class KeyPropertySetTests
    {
        /// <summary>
        /// The key of each output type: a device, a device's role, a request, a connection; with the gateway (or
        /// offline folder) it was read from, so one device paired to two gateways stays two objects.
        /// </summary>
        private static readonly IReadOnlyDictionary<string, string[]> Keys = new Dictionary<string, string[]>
        {
            ["OpenClaw.PowerShell.OpenClawDevice"] = new[] { "DeviceId", "GatewayUrl" },
            ["OpenClaw.PowerShell.DeviceScopeReport"] = new[] { "DeviceId", "Role", "GatewayUrl" },
            ["OpenClaw.PowerShell.DeviceScopeChange"] = new[] { "DeviceId", "Role", "GatewayUrl" },
            ["OpenClaw.PowerShell.OpenClawDeviceRequest"] = new[] { "RequestId", "GatewayUrl" },
            ["OpenClaw.PowerShell.ScopeUpgradeEvent"] = new[] { "DeviceId", "Role" },
            ["OpenClaw.PowerShell.DeviceRemoval"] = new[] { "DeviceId", "GatewayUrl" },
            ["OpenClaw.PowerShell.DeviceTokenRevocation"] = new[] { "DeviceId", "Role", "GatewayUrl" },
            ["OpenClaw.PowerShell.OpenClawConnection"] = new[] { "Id" },
        };

        public static TheoryData<string> ViewedTypes() => TableViewTests.ViewedTypes();

        [Theory]
        [MemberData(nameof(ViewedTypes))]
        public void EveryOutputObjectNamesItsKeyAndTheKeyHasAValue(string typeName)
        {
            Assert.True(Keys.TryGetValue(typeName, out var key), $"{typeName} has a view but no key here: give it a DefaultKeyPropertySet in Types.ps1xml and add it to Keys.");
            var sample = ViewSample.For(typeName) ?? throw new InvalidOperationException($"No ViewSample for {typeName}.");
            using var shell = new FakeGatewayShell();
            using var view = ViewRunspace.WithModule();
            var objects = sample.Produce(shell, view);

            foreach (var o in objects)
            {
                var named = view.Invoke("param($o) $o.PSStandardMembers.DefaultKeyPropertySet.ReferencedPropertyNames", new Hashtable { ["o"] = o });
                Assert.Equal(key, named.Select(n => n?.ToString()));
                Assert.All(key, p => Assert.False(string.IsNullOrEmpty(o.Properties[p]?.Value?.ToString()), $"{typeName}.{p} is empty, so it cannot tell records apart."));
            }
        }
    }
}
