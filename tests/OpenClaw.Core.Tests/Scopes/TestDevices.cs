using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// Paired devices built the way the module gets them: JSON in the device.pair.list shape (tokens as an array of
/// summaries) read by PairedDevice.FromJson, or records of a paired.json fixture.
/// </summary>
public static class TestDevices
{
    /// <summary>The CLI device of the #23006 fixtures.</summary>
    public const string CliDeviceId = "5a454ab5b74654d654a7d667e3b0b82e27341dccb68e5aba8685f36ad25dbaf6";

    /// <summary>A gateway-client device of the after-rotate fixture; used as "some other device".</summary>
    public const string OtherDeviceId = "c13a00a1ae3862e25de79c107cf71608e1a20ce8c0306d493dfe332e3298b7c7";

    public const string PairedLegacy = "paired-2026.2.19-legacy.json";
    public const string PendingScopeUpgrade = "pending-2026.2.19-scope-upgrade.json";
    public const string PairedAfterRotate219 = "paired-2026.2.19-after-rotate.json";
    public const string PairedAfterApprove221 = "paired-2026.2.21-after-approve.json";

    public static JObject File(string fixture) => JObject.Parse(Fixtures.Text(fixture));

    /// <summary>One record of a paired.json fixture (state-file shape: tokens keyed by role, with values).</summary>
    public static PairedDevice FromStateFile(string fixture, string deviceId) =>
        PairedDevice.FromJson((JObject)File(fixture)[deviceId]!);

    /// <summary>A device.pair.list entry with one token summary (or none when <paramref name="tokenScopes"/> is null).</summary>
    public static JObject ListEntry(string deviceId, IEnumerable<string> approved, IEnumerable<string>? tokenScopes,
        string role = "operator", bool tokenRevoked = false, string? tokenRole = null)
    {
        var tokens = new JArray();
        if (tokenScopes != null)
        {
            var summary = new JObject
            {
                ["role"] = tokenRole ?? role,
                ["scopes"] = new JArray(tokenScopes.Cast<object>().ToArray()),
                ["createdAtMs"] = 1795555186757,
            };
            if (tokenRevoked) summary["revokedAtMs"] = 1795555300000;
            tokens.Add(summary);
        }
        return new JObject
        {
            ["deviceId"] = deviceId,
            ["publicKey"] = "TA-8TV-ecVAX46uY0BA-u0HWRzufq6B42Pw6Mdrt03E",
            ["platform"] = "linux",
            ["clientId"] = "cli",
            ["clientMode"] = "cli",
            ["role"] = role,
            ["roles"] = new JArray(role),
            ["scopes"] = new JArray(approved.Cast<object>().ToArray()),
            ["tokens"] = tokens,
            ["createdAtMs"] = 1795555186756,
            ["approvedAtMs"] = 1795555186756,
        };
    }

    /// <summary>An operator device whose token has <paramref name="tokenScopes"/> (the approved ones when omitted).</summary>
    public static PairedDevice Operator(IEnumerable<string> approved, IEnumerable<string>? tokenScopes = null, bool tokenRevoked = false)
    {
        var list = approved.ToList();
        return PairedDevice.FromJson(ListEntry(CliDeviceId, list, tokenScopes ?? list, tokenRevoked: tokenRevoked));
    }

    public static PairedDevice WithoutToken(IEnumerable<string> approved) =>
        PairedDevice.FromJson(ListEntry(CliDeviceId, approved, null));
}
