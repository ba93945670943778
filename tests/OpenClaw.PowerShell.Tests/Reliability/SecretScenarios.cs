using System.Text.Json.Nodes;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>
    /// One way of running an exported cmdlet for the secret scan. The script puts <c>@s</c> on the cmdlet under test:
    /// -Verbose and -Debug, plus -WhatIf or -Confirm:$false for a cmdlet that changes the gateway. It also sees
    /// <c>$c</c> (-Url, -Token, -StateDirectory), <c>$id</c> (a legacy device), <c>$request</c> (a pending request),
    /// <c>$log</c> (a gateway log file) and <c>$pw</c> (the gateway password, when the scenario sets one). -Debug makes a
    /// warning ask "Continue?" in PowerShell, so a scenario that warns says -WarningAction Continue.
    /// </summary>
    public sealed record SecretScenario(string Cmdlet, string Name, string Script)
    {
        /// <summary>For a cmdlet that changes the gateway: the RPC its real run must send (and its -WhatIf run must not).</summary>
        public string? ChangingMethod { get; init; }

        public Action<FakeGatewayShell>? Arrange { get; init; }

        /// <summary>
        /// An -Offline run that changes the store in $c.StateDirectory: its -WhatIf run must leave every file as it
        /// was, its real run must change the store, and neither may send the gateway anything.
        /// </summary>
        public bool ChangesStore { get; init; }

        public override string ToString() => Name;
    }

    /// <summary>Every exported cmdlet, run the ways that produce the most text: lists, repairs, decisions, logs, warnings.</summary>
    public static class SecretScenarios
    {
        public static readonly IReadOnlyList<SecretScenario> All = new[]
        {
            new SecretScenario("Connect-OpenClawGateway", "Connect", "Connect-OpenClawGateway @c @s"),
            new SecretScenario("Connect-OpenClawGateway", "ConnectWithPassword",
                "Connect-OpenClawGateway -Url $c.Url -StateDirectory $c.StateDirectory -Password $pw @s") { Arrange = WithPassword },
            new SecretScenario("Get-OpenClawConnection", "GetConnection", "$null = Connect-OpenClawGateway @c; Get-OpenClawConnection @s"),
            new SecretScenario("Disconnect-OpenClawGateway", "Disconnect",
                "$conn = Connect-OpenClawGateway @c; Disconnect-OpenClawGateway $conn @s; Disconnect-OpenClawGateway $conn -ErrorAction SilentlyContinue @s"),
            new SecretScenario("Get-OpenClawDevice", "GetDevices", "Get-OpenClawDevice @c @s"),
            new SecretScenario("Get-OpenClawDevice", "GetDevicesWithPassword",
                "Get-OpenClawDevice -Url $c.Url -StateDirectory $c.StateDirectory -Password $pw @s") { Arrange = WithPassword },
            new SecretScenario("Get-OpenClawDevice", "GetDevicesInactiveWarning", "Get-OpenClawDevice @c -InactiveFor 1d -WarningAction Continue @s"),
            new SecretScenario("Get-OpenClawDevice", "GetDevicesFromAListThatCarriesTokenValues", "Get-OpenClawDevice @c @s")
                { Arrange = ListWithTokenValues },
            new SecretScenario("Test-OpenClawDeviceScope", "TestPiped", "Get-OpenClawDevice @c | Test-OpenClawDeviceScope @s"),
            new SecretScenario("Test-OpenClawDeviceScope", "TestByConnection", "Test-OpenClawDeviceScope @c @s"),
            new SecretScenario("Update-OpenClawDeviceScope", "RepairPipeline",
                "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru @s")
                { ChangingMethod = "device.token.rotate" },
            new SecretScenario("Get-OpenClawDeviceRequest", "GetRequests", "Get-OpenClawDeviceRequest @c @s"),
            new SecretScenario("Get-OpenClawDeviceRequest", "WaitForRequests", "Get-OpenClawDeviceRequest @c -Wait -Timeout 1s @s"),
            new SecretScenario("Approve-OpenClawDeviceRequest", "Approve", "Approve-OpenClawDeviceRequest @c -RequestId $request -PassThru @s")
                { ChangingMethod = "device.pair.approve" },
            new SecretScenario("Deny-OpenClawDeviceRequest", "Deny", "Deny-OpenClawDeviceRequest @c -RequestId $request -PassThru @s")
                { ChangingMethod = "device.pair.reject" },
            new SecretScenario("Remove-OpenClawDevice", "Remove", "Remove-OpenClawDevice @c -DeviceId $id -PassThru @s")
                { ChangingMethod = "device.pair.remove" },
            new SecretScenario("Revoke-OpenClawDeviceToken", "Revoke", "Revoke-OpenClawDeviceToken @c -DeviceId $id -PassThru @s")
                { ChangingMethod = "device.token.revoke" },
            new SecretScenario("Rename-OpenClawDevice", "Rename", "Rename-OpenClawDevice @c -DeviceId $id -NewName 'renamed-agent' -PassThru @s")
                { ChangingMethod = "device.pair.rename", Arrange = WithRename },
            new SecretScenario("Get-OpenClawDeviceRequest", "GetRequestsOffline", "Get-OpenClawDeviceRequest -Offline -StateDirectory $c.StateDirectory @s")
                { Arrange = OfflineStore },
            new SecretScenario("Approve-OpenClawDeviceRequest", "ApproveOffline",
                "Get-OpenClawDeviceRequest -Offline -StateDirectory $c.StateDirectory | Approve-OpenClawDeviceRequest -Offline -StateDirectory $c.StateDirectory -PassThru @s")
                { ChangesStore = true, Arrange = OfflineStore },
            new SecretScenario("Deny-OpenClawDeviceRequest", "DenyOffline",
                "Deny-OpenClawDeviceRequest -Offline -StateDirectory $c.StateDirectory -RequestId $request -PassThru @s") { ChangesStore = true, Arrange = OfflineStore },
            new SecretScenario("Remove-OpenClawDevice", "RemoveOffline",
                "Remove-OpenClawDevice -Offline -StateDirectory $c.StateDirectory -DeviceId $id -PassThru @s") { ChangesStore = true, Arrange = OfflineStore },
            new SecretScenario("Revoke-OpenClawDeviceToken", "RevokeOffline",
                "Revoke-OpenClawDeviceToken -Offline -StateDirectory $c.StateDirectory -DeviceId $id -PassThru @s") { ChangesStore = true, Arrange = OfflineStore },
            new SecretScenario("Get-OpenClawScopeUpgradeEvent", "ReadLog", "Get-OpenClawScopeUpgradeEvent -Path $log @s"),
            new SecretScenario("Get-OpenClawScopeUpgradeEvent", "ReadLogUnique", "Get-OpenClawScopeUpgradeEvent -Path $log -Unique @s"),
        };

        public static TheoryData<string> Names()
        {
            var data = new TheoryData<string>();
            foreach (var scenario in All) data.Add(scenario.Name);
            return data;
        }

        /// <summary>A log with two audit lines and, in between, a line that carries the shared token (as a careless proxy might log it).</summary>
        public static string WriteLog(FakeGatewayShell shell)
        {
            var path = Path.Combine(shell.StateDirectory, "gateway.log");
            const string Audit = "2026-11-24T22:20:21.583Z [gateway] security audit: device access upgrade requested reason=scope-upgrade device={0} "
                                 + "ip=unknown-ip auth=token roleFrom=operator roleTo=operator scopesFrom=operator.admin,operator.approvals,operator.pairing "
                                 + "scopesTo=operator.read client=cli conn=51fa8d0f-2";
            File.WriteAllLines(path, new[]
            {
                string.Format(Audit, TestDevices.CliId),
                $"2026-11-24T22:20:22.000Z [ws] connect params auth.token={shell.Gateway.SharedToken} password={shell.Gateway.Password}",
                string.Format(Audit, TestDevices.CliId).Replace("22:20:21", "22:20:25"),
            });
            return path;
        }

        private static void WithPassword(FakeGatewayShell shell) => shell.Gateway.Password = "gateway-password-" + Guid.NewGuid().ToString("N");

        /// <summary>2026.8.1 and later advertise device.pair.rename; the recorded 2.19 hello does not.</summary>
        private static void WithRename(FakeGatewayShell shell) =>
            shell.Gateway.Methods = FakeJson.Strings(FixtureFiles.HelloOk(shell.Gateway.HelloFixture)["features"]?["methods"])
                .Append("device.pair.rename").ToList();

        /// <summary>
        /// The fake's devices and requests (token values included) written as a 2026.7.35 JSON store into the state
        /// folder, for the -Offline scenarios. The recorded request is refreshed so it has not expired.
        /// </summary>
        private static void OfflineStore(FakeGatewayShell shell)
        {
            foreach (var request in shell.Store.Pending) request.Ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            OfflineStateFolder.Write(shell.StateDirectory, shell.Store.Paired, shell.Store.Pending, "2026.7.35");
        }

        /// <summary>A gateway that forgets to redact: every token summary in device.pair.list carries the token value.</summary>
        private static void ListWithTokenValues(FakeGatewayShell shell)
        {
            var payload = (JsonObject)shell.Store.List().Payload!.DeepClone();
            foreach (var device in payload["paired"]!.AsArray().OfType<JsonObject>())
            {
                var stored = shell.Store.Device(FakeJson.String(device, "deviceId")!)!;
                foreach (var token in device["tokens"]!.AsArray().OfType<JsonObject>())
                {
                    token["token"] = stored.Tokens[FakeJson.String(token, "role")!].Token;
                }
            }
            shell.Gateway.Script.Add(new Reaction { Kind = ReactionKind.Fail, Method = "device.pair.list", Reply = FakeReply.Ok(payload) });
        }
    }
}
