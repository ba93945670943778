using System.Text.RegularExpressions;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// A small JSON store for the lifecycle edit tests, written out literally: each record as the block
/// JSON.stringify(store, null, 2) gives it (generated once with Node 20, the runtime of the gateway), so an
/// expected file is those blocks joined as Node would join them, with literal changes where an edit makes one.
/// dev-a is a legacy CLI device, dev-b has a display name, a field the module does not know and a used token,
/// dev-c has a revoked token. r-new is a first pairing of dev-n, r-b a repair of dev-b, r-old an expired request
/// of dev-a. Now is 1800000000000.
/// </summary>
internal static class LifecycleStore
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1800000000000);

    /// <summary>Top-level members joined as JSON.stringify joins them; "{}" for none.</summary>
    public static string Object(params string[] members) => members.Length == 0 ? "{}" : "{\n" + string.Join(",\n", members) + "\n}";

    /// <summary>paired.json as 2026.2.x writes it (no trailing newline).</summary>
    public static string Paired(params string[] members) => Object(members);

    /// <summary>pending.json, given a trailing newline here to show that it is kept.</summary>
    public static string Pending(params string[] members) => Object(members) + "\n";

    /// <summary>A text with one literal change, checked to occur exactly once.</summary>
    public static string Change(this string text, string from, string to)
    {
        Assert.Single(Regex.Matches(text, Regex.Escape(from)));
        return text.Replace(from, to);
    }

    public static StoreState Create(string? paired, string? pending)
    {
        var state = new StoreState(null);
        if (paired != null) state.WritePaired(paired);
        if (pending != null) state.WriteStoreFile(state.PendingPath, pending);
        return state;
    }

    public static StoreState Create() => Create(Paired(DevA, DevB, DevC), Pending(RequestNew, RequestB, RequestOld));

    public static StoreWriteResult<PairingEditOutcome> Apply(StoreState state, params PairingStoreEdit[] edits) => Apply(state, null, edits);

    public static StoreWriteResult<PairingEditOutcome> Apply(StoreState state, string? release, params PairingStoreEdit[] edits) =>
        new JsonPairingStore(state.StateDirectory).Apply(edits, new StoreWriteOptions
        {
            Now = Now,
            NoBackup = true,
            Release = release == null ? null : OpenClaw.Core.Scopes.GatewayRelease.FromVersion(OpenClaw.Core.Scopes.ReleaseVersion.Parse(release), "test"),
        });

    public static string PendingText(StoreState state) => File.ReadAllText(state.PendingPath);

    public const string DevA = """
      "dev-a": {
        "deviceId": "dev-a",
        "publicKey": "pk-a",
        "platform": "linux",
        "clientId": "cli",
        "clientMode": "cli",
        "role": "operator",
        "roles": [
          "operator"
        ],
        "scopes": [
          "operator.admin"
        ],
        "tokens": {
          "operator": {
            "token": "TOKEN-A",
            "role": "operator",
            "scopes": [
              "operator.admin"
            ],
            "createdAtMs": 1700000000000
          }
        },
        "createdAtMs": 1700000000000,
        "approvedAtMs": 1700000000000
      }
    """;

    public const string DevB = """
      "dev-b": {
        "deviceId": "dev-b",
        "publicKey": "pk-b",
        "displayName": "Laptop",
        "platform": "darwin",
        "clientId": "gateway-client",
        "clientMode": "backend",
        "role": "operator",
        "roles": [
          "operator"
        ],
        "scopes": [
          "operator.read"
        ],
        "futureField": {
          "x": 1
        },
        "tokens": {
          "operator": {
            "token": "TOKEN-B",
            "role": "operator",
            "scopes": [
              "operator.read"
            ],
            "createdAtMs": 1700000000000,
            "lastUsedAtMs": 1750000000000
          }
        },
        "createdAtMs": 1700000000001,
        "approvedAtMs": 1700000000001
      }
    """;

    public const string DevC = """
      "dev-c": {
        "deviceId": "dev-c",
        "publicKey": "pk-c",
        "platform": "linux",
        "clientId": "cli",
        "clientMode": "cli",
        "role": "operator",
        "roles": [
          "operator"
        ],
        "scopes": [
          "operator.read"
        ],
        "tokens": {
          "operator": {
            "token": "TOKEN-C",
            "role": "operator",
            "scopes": [
              "operator.read"
            ],
            "createdAtMs": 1700000000000,
            "revokedAtMs": 1760000000000
          }
        },
        "createdAtMs": 1700000000002,
        "approvedAtMs": 1700000000002
      }
    """;

    public const string RequestNew = """
      "r-new": {
        "requestId": "r-new",
        "deviceId": "dev-n",
        "publicKey": "pk-n",
        "platform": "linux",
        "clientId": "cli",
        "clientMode": "cli",
        "role": "operator",
        "roles": [
          "operator"
        ],
        "scopes": [
          "operator.read",
          "operator.write"
        ],
        "silent": false,
        "isRepair": false,
        "ts": 1799999940000
      }
    """;

    public const string RequestB = """
      "r-b": {
        "requestId": "r-b",
        "deviceId": "dev-b",
        "publicKey": "pk-b",
        "platform": "linux",
        "clientId": "cli",
        "clientMode": "cli",
        "role": "operator",
        "roles": [
          "operator"
        ],
        "scopes": [
          "operator.write"
        ],
        "silent": false,
        "isRepair": true,
        "ts": 1799999940000
      }
    """;

    public const string RequestOld = """
      "r-old": {
        "requestId": "r-old",
        "deviceId": "dev-a",
        "publicKey": "pk-a",
        "platform": "linux",
        "clientId": "cli",
        "clientMode": "cli",
        "role": "operator",
        "roles": [
          "operator"
        ],
        "scopes": [
          "operator.read"
        ],
        "silent": false,
        "isRepair": true,
        "ts": 1799999600000
      }
    """;

    /// <summary>dev-n as approved on 2026.2.19 (the minted token value replaced by &lt;TOKEN&gt;).</summary>
    public const string DevNApproved2219 = """
      "dev-n": {
        "deviceId": "dev-n",
        "publicKey": "pk-n",
        "platform": "linux",
        "clientId": "cli",
        "clientMode": "cli",
        "role": "operator",
        "roles": [
          "operator"
        ],
        "scopes": [
          "operator.read",
          "operator.write"
        ],
        "tokens": {
          "operator": {
            "token": "<TOKEN>",
            "role": "operator",
            "scopes": [
              "operator.read",
              "operator.write"
            ],
            "createdAtMs": 1800000000000
          }
        },
        "createdAtMs": 1800000000000,
        "approvedAtMs": 1800000000000
      }
    """;
}
