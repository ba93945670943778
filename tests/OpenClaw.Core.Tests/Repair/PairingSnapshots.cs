using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Tests.Scopes;

namespace OpenClaw.Core.Tests.Repair;

/// <summary>
/// device.pair.list payloads built from the state-file fixtures (facts §3.1): paired records become an array whose
/// tokens are an array of per-role summaries; pending requests become an array.
/// </summary>
public static class PairingSnapshots
{
    /// <summary>A token value planted in the source JSON by tests that check it never reaches any text.</summary>
    public const string PlantedToken = "PLANTED-token-value-2t1oy4Qx9vZr7LmNpKsT0uWcYbE3dFgHjA5";

    /// <summary>
    /// The list payload for paired.json (and optionally pending.json) fixtures. With <paramref name="plantTokenValues"/>
    /// each token summary keeps a "token" value (set to <see cref="PlantedToken"/>), as a leaky source would.
    /// </summary>
    public static JObject ListPayload(string pairedFixture, string? pendingFixture = null, bool plantTokenValues = false,
        IEnumerable<JObject>? morePending = null)
    {
        var paired = new JArray(TestDevices.File(pairedFixture).Properties()
            .Select(p => ListEntry((JObject)p.Value, plantTokenValues)));
        var pending = new JArray();
        if (pendingFixture != null)
        {
            foreach (var p in TestDevices.File(pendingFixture).Properties()) pending.Add(p.Value.DeepClone());
        }
        foreach (var request in morePending ?? Enumerable.Empty<JObject>()) pending.Add(request);
        return new JObject { ["pending"] = pending, ["paired"] = paired };
    }

    public static DevicePairingSnapshot Snapshot(string pairedFixture, string? pendingFixture = null, params JObject[] morePending) =>
        DevicePairingSnapshot.FromListPayload(ListPayload(pairedFixture, pendingFixture, morePending: morePending));

    /// <summary>A snapshot of hand-made list entries (see TestDevices.ListEntry) and pending requests.</summary>
    public static DevicePairingSnapshot Snapshot(JObject device, params JObject[] pending) =>
        DevicePairingSnapshot.FromListPayload(new JObject { ["pending"] = new JArray(pending), ["paired"] = new JArray(device) });

    /// <summary>A scope-upgrade repair request as pending.json and device.pair.list hold it (facts §1.2).</summary>
    public static JObject PendingRequest(string requestId, string deviceId, long ts, IEnumerable<string> scopes, string role = "operator") =>
        new JObject
        {
            ["requestId"] = requestId,
            ["deviceId"] = deviceId,
            ["publicKey"] = "TA-8TV-ecVAX46uY0BA-u0HWRzufq6B42Pw6Mdrt03E",
            ["platform"] = "linux",
            ["clientId"] = "cli",
            ["clientMode"] = "cli",
            ["role"] = role,
            ["roles"] = new JArray(role),
            ["scopes"] = new JArray(scopes.Cast<object>().ToArray()),
            ["silent"] = false,
            ["isRepair"] = true,
            ["ts"] = ts,
        };

    /// <summary>Request r1 of the CLI device for <paramref name="scopes"/>, read as the module reads it, after <paramref name="change"/>.</summary>
    public static PendingDeviceRequest CliRequest(string[] scopes, Action<JObject>? change = null)
    {
        var json = PendingRequest("r1", TestDevices.CliDeviceId, 1795555243275, scopes);
        change?.Invoke(json);
        return PendingDeviceRequest.FromJson(json);
    }

    private static JObject ListEntry(JObject record, bool plantTokenValues)
    {
        var entry = (JObject)record.DeepClone();
        var summaries = new JArray();
        if (entry["tokens"] is JObject byRole)
        {
            foreach (var token in byRole.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var summary = (JObject)token.Value.DeepClone();
                summary["role"] = token.Name;
                if (plantTokenValues) summary["token"] = PlantedToken;
                else summary.Remove("token");
                summaries.Add(summary);
            }
        }
        entry["tokens"] = summaries;
        entry.Remove("approvedScopes");
        return entry;
    }
}
