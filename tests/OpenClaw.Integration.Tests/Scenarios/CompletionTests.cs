using OpenClaw.Integration.Tests.Gateway;
using Xunit;

namespace OpenClaw.Integration.Tests.Scenarios
{
    /// <summary>
    /// Tab completion as a user meets it: TabExpansion2 in the hosted engine, fed only by what an earlier command
    /// read from a real gateway. Completion never connects, so it must keep working once the gateway is gone.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class CompletionTests
    {
        private static readonly string[] DeviceIdCommands =
        {
            "Get-OpenClawDevice", "Test-OpenClawDeviceScope", "Update-OpenClawDeviceScope",
            "Revoke-OpenClawDeviceToken", "Remove-OpenClawDevice", "Rename-OpenClawDevice",
        };

        [GatewayFact("2026.2.19")]
        public void DeviceIdsNamesAndScopesCompleteFromTheLastListingWithoutTheGateway()
        {
            using var gateway = new LocalGateway();
            gateway.Start("2026.2.19");
            var desk = gateway.Device("front desk", "cli", "cli", "operator.read");
            var spare = gateway.Device("spare", "cli", "cli", "operator.read");
            Assert.True(desk.Ok && spare.Ok, $"{desk} / {spare}");
            using var shell = new ModuleShell(gateway);

            // Nothing listed yet in this session: nothing to offer, and no connection is made to find out.
            Assert.Empty(Complete(shell, $"Get-OpenClawDevice -DeviceId {desk.DeviceId![..6]}"));

            shell.Run("Get-OpenClawDevice @c").ThrowIfFailed();
            foreach (var command in DeviceIdCommands)
            {
                Assert.Equal(new[] { desk.DeviceId }, Complete(shell, $"{command} -DeviceId {desk.DeviceId[..6]}"));
            }
            Assert.Equal(new[] { "'front desk'" }, Complete(shell, "Get-OpenClawDevice -Name fro"));
            // 2026.2.19 knows five operator scopes; 2026.9's operator.sessions.* and operator.questions are not offered.
            Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing", "operator.read", "operator.write" },
                Complete(shell, "Update-OpenClawDeviceScope -DeviceId x -Scope operator."));

            // A removed device stops being offered.
            shell.Run($"Remove-OpenClawDevice @c -DeviceId {spare.DeviceId} -Confirm:$false").ThrowIfFailed();
            Assert.Empty(Complete(shell, $"Remove-OpenClawDevice -DeviceId {spare.DeviceId![..6]}"));

            gateway.Stop();
            var stopped = shell.Run("Get-OpenClawDevice @c -TimeoutSec 2");
            Assert.Contains("OpenClaw.GatewayUnreachable", stopped.ErrorIds);
            Assert.Equal(new[] { desk.DeviceId }, Complete(shell, $"Revoke-OpenClawDeviceToken -DeviceId {desk.DeviceId[..6]}"));
            Assert.Equal(new[] { "'front desk'" }, Complete(shell, "Get-OpenClawDevice -Name 'front"));
            Assert.Contains("operator.write", Complete(shell, "Update-OpenClawDeviceScope -DeviceId x -Scope operator.w"));
        }

        /// <summary>What TabExpansion2 offers with the cursor at the end of <paramref name="input"/>.</summary>
        internal static string[] Complete(ModuleShell shell, string input)
        {
            var literal = "'" + input.Replace("'", "''") + "'";
            var result = shell.Run($"$i = {literal}; (TabExpansion2 -inputScript $i -cursorColumn $i.Length).CompletionMatches | ForEach-Object CompletionText");
            result.ThrowIfFailed();
            return result.Output.Select(o => o.BaseObject.ToString()!).ToArray();
        }
    }
}
