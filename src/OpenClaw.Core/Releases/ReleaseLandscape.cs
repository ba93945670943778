using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Releases
{
    /// <summary>
    /// Every OpenClaw release from 2026.2.1 to 2026.9.6 as data: the eras in which nothing the module relies on
    /// changes, oldest first. Each rule elsewhere in the module asks this table instead of comparing versions of its
    /// own. How each boundary was found (the released dist/ files, the CHANGELOG, the matrix of real gateways) is in
    /// docs/release-matrix.md; a test checks this table against that document's per-release table.
    /// A release newer than the last era is taken to behave like it.
    /// </summary>
    public static class ReleaseLandscape
    {
        private static readonly string[] FirstMethods =
            { DeviceMethods.List, DeviceMethods.Approve, DeviceMethods.Reject, DeviceMethods.Rotate, DeviceMethods.Revoke };

        public static IReadOnlyList<ReleaseEra> Eras { get; } = Build();

        private static IReadOnlyList<ReleaseEra> Build()
        {
            var eras = new List<ReleaseEra>
            {
                new ReleaseEra
                {
                    From = new ReleaseVersion(2026, 2, 1),
                    Change = "the oldest release read: protocol 3, v1 and v2 signatures, literal scope checks, rotate replaces the approved scopes, JSON store",
                    Evidence = "2026.2.1 dist/gateway/protocol/schema/protocol-schemas.js, dist/gateway/device-auth.js",
                    VersionReport = VersionReport.Dev,
                    Protocol = 3,
                    Signatures = new[] { "v1", "v2" },
                    ScopeCheck = ScopeCheckRule.LiteralMembership,
                    Repair = RepairStrategy.RotateReplacesScopes,
                    KnownScopes = OperatorScopes.February2026,
                    DeviceMethods = FirstMethods,
                    Store = PairingStoreLayout.Json,
                    Identity = IdentityLocation.IdentityFolder,
                },
            };
            void Then(Func<ReleaseEra, ReleaseEra> change) => eras.Add(change(eras[eras.Count - 1]));

            Then(e => e with
            {
                From = new ReleaseVersion(2026, 2, 19), Change = "device.pair.remove; an installed service reports its version",
                Evidence = "2026.2.19 dist method list; facts §3.7",
                VersionReport = VersionReport.DevUnlessInstalledService,
                DeviceMethods = e.DeviceMethods.Append(DeviceMethods.Remove).ToArray(),
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 2, 21),
                Change = "approvedScopes kept beside scopes; rotate stays within them; read implied by write or admin; health answers without operator.read",
                Evidence = "2026.2.21 operatorScopeSatisfied, authorizeGatewayMethod (health, #19699); facts §3.2, §3.3; tests/gateway/MEASURED.md; measured (integration tests)",
                HealthAnswersWithoutRead = true,
                ScopeCheck = ScopeCheckRule.ReadImpliedByWriteOrAdmin,
                Repair = RepairStrategy.ApproveThenRotate,
                StoreKeepsApprovedScopes = true,
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 2, 22), Change = "admin implies every operator scope and write implies read; v1 signatures dropped",
                Evidence = "2026.2.22 operator-scope-compat; release-matrix Part 1 §3, §2",
                ScopeCheck = ScopeCheckRule.AdminImpliesAll,
                Signatures = new[] { "v2" },
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 2, 26), Change = "v3 signatures (platform, device family) accepted beside v2",
                Evidence = "2026.2.26 dist/gateway/device-auth.js",
                Signatures = new[] { "v2", "v3" },
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 3, 7), Change = "hello-ok reports the release's own version",
                Evidence = "2026.3.7 resolveRuntimeServiceVersion; matrix run",
                VersionReport = VersionReport.Release,
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 4, 5), Change = "connect reads approvedScopes before scopes; changing another device needs operator.admin",
                Evidence = "2026.4.5 connect path (paired.approvedScopes ?? paired.scopes); CHANGELOG #50627; matrix run 2026-12-06: "
                    + "2026.3.7 lets a caller without admin rotate another device's token, 2026.4.23-2026.8.1 answer 'device token rotation denied'",
                ConnectReadsApprovedScopesFirst = true,
                CrossDeviceChangesNeedAdmin = true,
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 5, 12), Change = "protocol 4 for every client",
                Evidence = "2026.5.12 MIN_CLIENT_PROTOCOL_VERSION = 4; matrix run",
                Protocol = 4,
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 6, 1), Change = "state/openclaw.sqlite created at schema 1; its device tables stay empty, the devices stay in JSON",
                Evidence = "2026.6.1 OPENCLAW_STATE_SCHEMA_VERSION = 1; 2026.7.35 matrix run",
                Store = PairingStoreLayout.JsonBesideSchemaOneDatabase,
                SchemaVersion = 1,
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 7, 1), Change = "device.pair.setupCode (QR onboarding)",
                Evidence = "2026.7.1 dist method list",
                DeviceMethods = e.DeviceMethods.Append(DeviceMethods.SetupCode).ToArray(),
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 8, 1),
                Change = "devices and the CLI identity move into state/openclaw.sqlite (schema 15); operator labels and device.pair.rename; operator.questions and operator.talk",
                Evidence = "2026.8.1 device-pairing-store, OPENCLAW_STATE_SCHEMA_VERSION = 15, KNOWN_OPERATOR_SCOPES; matrix run",
                KnownScopes = OperatorScopes.August2026,
                DeviceMethods = e.DeviceMethods.Concat(new[]
                {
                    DeviceMethods.Rename, DeviceMethods.SetupStatus, DeviceMethods.RequestScopeUpgrade, DeviceMethods.WaitScopeUpgrade,
                }).ToArray(),
                HasDeviceLabels = true,
                Store = PairingStoreLayout.Sqlite,
                SchemaVersion = 15,
                Identity = IdentityLocation.StateDatabase,
                ImportsLegacyPairingAtStart = true,
            });
            Then(e => e with { From = new ReleaseVersion(2026, 9, 3), Change = "schema 16 (device tables unchanged)", Evidence = "2026.9.3 newer-schema check; release-matrix Part 1 §5", SchemaVersion = 16 });
            Then(e => e with { From = new ReleaseVersion(2026, 9, 4), Change = "schema 17 (device tables unchanged)", Evidence = "2026.9.4 newer-schema check; release-matrix Part 1 §5", SchemaVersion = 17 });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 9, 5), Change = "a legacy JSON pairing store is no longer imported at gateway start, only by openclaw doctor --fix",
                Evidence = "2026.9.5 dist/server-startup-plugins-Dkw8Aafn.mjs:51-53 (warning only), docs/gateway/pairing.md:451-456; matrix run 2026-12-07",
                ImportsLegacyPairingAtStart = false,
            });
            Then(e => e with
            {
                From = new ReleaseVersion(2026, 9, 6), Change = "schema 18; operator.sessions.read and operator.sessions.write, implied by write",
                Evidence = "2026.9.6 KNOWN_OPERATOR_SCOPES, operator-scope-compat, resolveStateSchemaVersionToPublish",
                KnownScopes = OperatorScopes.September2026,
                SchemaVersion = 18,
            });
            return eras;
        }

        /// <summary>The era <paramref name="version"/> belongs to (the oldest era for anything before it).</summary>
        public static ReleaseEra Of(ReleaseVersion version) => Eras.LastOrDefault(e => e.From <= version) ?? Eras[0];

        /// <summary>The first era for which <paramref name="holds"/> is true.</summary>
        public static ReleaseEra First(Func<ReleaseEra, bool> holds) => Eras.First(holds);

        /// <summary>The first release that offers <paramref name="method"/>.</summary>
        public static ReleaseVersion FirstOffering(string method) => First(e => e.DeviceMethods.Contains(method)).From;

        /// <summary>The SQLite schema versions that hold devices, each with the first release that writes it.</summary>
        public static IReadOnlyList<(int Schema, ReleaseVersion From)> DeviceSchemas { get; } = Eras
            .Where(e => e.Store == PairingStoreLayout.Sqlite && e.SchemaVersion.HasValue)
            .GroupBy(e => e.SchemaVersion!.Value)
            .Select(g => (g.Key, g.First().From))
            .ToList();
    }
}
