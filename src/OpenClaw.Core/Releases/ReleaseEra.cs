using System.Collections.Generic;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Releases
{
    /// <summary>What hello-ok's server.version says (docs/release-matrix.md Part 1 §1).</summary>
    public enum VersionReport
    {
        /// <summary>"dev" unless OPENCLAW_VERSION or npm_package_version is set.</summary>
        Dev,

        /// <summary>"dev" in the foreground; an installed service sets OPENCLAW_SERVICE_VERSION and reports its release.</summary>
        DevUnlessInstalledService,

        /// <summary>The release's own version, built in.</summary>
        Release,
    }

    /// <summary>Where a release keeps its paired devices and pending requests (Part 1 §5).</summary>
    public enum PairingStoreLayout
    {
        /// <summary>devices/paired.json and devices/pending.json.</summary>
        Json,

        /// <summary>The JSON store, with state/openclaw.sqlite beside it at schema 1 whose device tables stay empty.</summary>
        JsonBesideSchemaOneDatabase,

        /// <summary>The device_pairing_* tables of state/openclaw.sqlite.</summary>
        Sqlite,
    }

    /// <summary>Where the CLI's device identity and its cached tokens live (Part 1 §6).</summary>
    public enum IdentityLocation
    {
        /// <summary>identity/device.json and identity/device-auth.json.</summary>
        IdentityFolder,

        /// <summary>The device_identities and device_auth_tokens tables of state/openclaw.sqlite.</summary>
        StateDatabase,
    }

    /// <summary>
    /// A run of OpenClaw releases that behave the same in everything the module relies on, from <see cref="From"/>
    /// up to the next era's first release. <see cref="ReleaseLandscape"/> holds them in order; each era is the one
    /// before it with <see cref="Change"/> applied.
    /// </summary>
    public sealed record ReleaseEra
    {
        /// <summary>The first release of the era.</summary>
        public ReleaseVersion From { get; init; }

        /// <summary>What changed at <see cref="From"/>, in a sentence.</summary>
        public string Change { get; init; } = "";

        /// <summary>Where the change was read or measured (a dist file, a CHANGELOG entry, a matrix run).</summary>
        public string Evidence { get; init; } = "";

        public VersionReport VersionReport { get; init; }

        /// <summary>The connect protocol an operator must offer.</summary>
        public int Protocol { get; init; }

        /// <summary>The device-signature payload versions the gateway verifies ("v1", "v2", "v3").</summary>
        public IReadOnlyList<string> Signatures { get; init; } = new string[0];

        /// <summary>How the connect-time check decides whether granted scopes cover a requested one.</summary>
        public ScopeCheckRule ScopeCheck { get; init; }

        /// <summary>The connect check reads the device's approvedScopes before its scopes (2026.4.5 and later).</summary>
        public bool ConnectReadsApprovedScopesFirst { get; init; }

        /// <summary>How device.token.rotate relates to the approved scopes, and so how a repair widens them.</summary>
        public RepairStrategy Repair { get; init; }

        /// <summary>Paired records carry approvedScopes beside scopes (2026.2.21 and later).</summary>
        public bool StoreKeepsApprovedScopes { get; init; }

        /// <summary>The operator scopes the release knows; a verdict never requires any other.</summary>
        public IReadOnlyList<string> KnownScopes { get; init; } = new string[0];

        /// <summary>The device-management RPCs the gateway offers.</summary>
        public IReadOnlyList<string> DeviceMethods { get; init; } = new string[0];

        /// <summary>Devices can carry an operator label (operatorLabel, device.pair.rename).</summary>
        public bool HasDeviceLabels { get; init; }

        /// <summary>Changing another device's tokens or pairing needs operator.admin.</summary>
        public bool CrossDeviceChangesNeedAdmin { get; init; }

        public PairingStoreLayout Store { get; init; }

        /// <summary>The schema_meta / user_version the release writes into state/openclaw.sqlite; null before 2026.6.1.</summary>
        public int? SchemaVersion { get; init; }

        public IdentityLocation Identity { get; init; }

        /// <summary>
        /// <c>health</c> answers a connection that holds no operator.read (2026.2.21 and later); earlier releases refuse
        /// it with "missing scope: operator.read". The release detector tells 2026.2.19 from 2026.2.21 by it.
        /// </summary>
        public bool HealthAnswersWithoutRead { get; init; }

        /// <summary>
        /// A JSON pairing store an older release left behind is imported into the SQLite store when the gateway starts
        /// (2026.8.1-2026.9.4); from 2026.9.5 only <c>openclaw doctor --fix</c> imports it. False before SQLite.
        /// </summary>
        public bool ImportsLegacyPairingAtStart { get; init; }

        public override string ToString() => $"{From}: {Change}";
    }
}
