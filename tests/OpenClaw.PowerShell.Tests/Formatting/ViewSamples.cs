using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;
using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>
    /// How to get typical objects of each viewed type from the fake gateway (seeded with <see cref="TestDevices"/>),
    /// and which table columns a user scans for in each. A type that gains a view needs an entry here: the
    /// view tests fail for a viewed type without one.
    /// </summary>
    public sealed record ViewSample(string TypeName, string Script, string[] ScanColumns, Action<FakeGatewayShell, TestDevices>? Prepare = null)
    {
        public static readonly IReadOnlyList<ViewSample> All = new[]
        {
            new ViewSample("OpenClaw.PowerShell.OpenClawDevice", "Get-OpenClawDevice @c",
                new[] { "Name", "ShortId", "Role", "Scopes", "LastUsed" }),
            new ViewSample("OpenClaw.PowerShell.DeviceScopeReport", "Get-OpenClawDevice @c | Test-OpenClawDeviceScope",
                new[] { "Name", "ShortId", "Role", "Compliant", "Missing", "LastUsed" }),
            new ViewSample("OpenClaw.PowerShell.DeviceScopeChange",
                "Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru",
                new[] { "Name", "ShortId", "Role", "Status", "Added", "Verified" }),
            new ViewSample("OpenClaw.PowerShell.OpenClawDeviceRequest", "Get-OpenClawDeviceRequest @c",
                new[] { "RequestId", "Name", "ShortId", "Requested", "Status" },
                (shell, devices) => shell.Store.Add(FakePendingRequest.RepairFor(devices.Backend, Scopes.Read, Scopes.Write))),
            new ViewSample("OpenClaw.PowerShell.DeviceRemoval",
                "Remove-OpenClawDevice @c -DeviceId $ids -Confirm:$false -PassThru",
                new[] { "Name", "ShortId", "Status", "Verified" }, AnswerRemove),
            new ViewSample("OpenClaw.PowerShell.DeviceTokenRevocation",
                "Revoke-OpenClawDeviceToken @c -DeviceId $ids -Confirm:$false -PassThru",
                new[] { "Name", "ShortId", "Role", "Status", "Verified" }, AnswerRevoke),
            new ViewSample("OpenClaw.PowerShell.ScopeUpgradeEvent", "Get-OpenClawScopeUpgradeEvent -Path $log",
                new[] { "Time", "ShortId", "Role", "ScopesTo" }),
            new ViewSample("OpenClaw.PowerShell.OpenClawConnection", "$null = Connect-OpenClawGateway @c; Get-OpenClawConnection",
                new[] { "Id", "Url", "Release", "ShortId", "Default" }),
        };

        public static ViewSample? For(string typeName) => All.FirstOrDefault(s => s.TypeName == typeName);

        /// <summary>Seeds the fake, runs the script in <paramref name="view"/> and returns its output (at least one object).</summary>
        public IReadOnlyList<PSObject> Produce(FakeGatewayShell shell, ViewRunspace view)
        {
            var devices = TestDevices.SeedInto(shell.Store);
            Prepare?.Invoke(shell, devices);
            var log = Path.Combine(shell.StateDirectory, "gateway-stdout.log");
            File.WriteAllLines(log, AuditLines(devices));
            var output = view.Invoke("param($c, $ids, $log) " + Script, new Hashtable
            {
                ["c"] = shell.Connection,
                ["ids"] = new[] { devices.Cli.DeviceId, devices.Backend.DeviceId },
                ["log"] = log,
            });
            if (output.Count == 0) throw new InvalidOperationException($"'{Script}' returned nothing to render.");
            return output;
        }

        /// <summary>Captured console lines of the refused connects, as 2026.2.19 prints them (colours stripped).</summary>
        private static IEnumerable<string> AuditLines(TestDevices devices) =>
            new[] { (devices.Cli, "cli", "operator.read", "21.583"), (devices.Backend, "gateway-client", "operator.read,operator.write", "23.371") }
                .Select(d => $"2026-11-24T22:20:{d.Item4}Z [gateway] security audit: device access upgrade requested reason=scope-upgrade " +
                    $"device={d.Item1.DeviceId} ip=unknown-ip auth=token roleFrom=operator roleTo=operator " +
                    $"scopesFrom=operator.admin,operator.approvals,operator.pairing scopesTo={d.Item3} client={d.Item2} conn={Guid.NewGuid()}");

        /// <summary>The fake has no device.pair.remove: answer it as 2026.2.19 does (the record is not dropped, so Verified stays false).</summary>
        private static void AnswerRemove(FakeGatewayShell shell, TestDevices devices) =>
            shell.Gateway.Script.Add(new Reaction
            {
                Kind = ReactionKind.Fail,
                Method = "device.pair.remove",
                Reply = FakeReply.Ok(new JsonObject { ["ok"] = true }),
            });

        /// <summary>The fake has no device.token.revoke: answer it and mark the stored token revoked, as 2026.2.19 does.</summary>
        private static void AnswerRevoke(FakeGatewayShell shell, TestDevices devices) =>
            shell.Gateway.Script.Add(new Reaction
            {
                Kind = ReactionKind.Fail,
                Method = "device.token.revoke",
                When = p =>
                {
                    var device = shell.Store.Device(FakeJson.String(p, "deviceId") ?? "");
                    if (device != null && device.Tokens.TryGetValue(FakeJson.String(p, "role") ?? "", out var token)) token.RevokedAtMs = FakeJson.Now();
                    return true;
                },
                Reply = FakeReply.Ok(new JsonObject { ["ok"] = true }),
            });
    }
}
