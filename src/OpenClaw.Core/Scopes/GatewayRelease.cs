using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Releases;

namespace OpenClaw.Core.Scopes
{
    /// <summary>How a repair can widen a device's approved scopes on a release (facts §3.2, §3.3, §9).</summary>
    public enum RepairStrategy
    {
        /// <summary>2026.2.19 and earlier: device.token.rotate replaces the device's scopes with the ones sent.</summary>
        RotateReplacesScopes,

        /// <summary>2026.2.21 and later: rotate stays within the approved baseline; only approving the device's
        /// own pending request widens it, and the token is then rotated back to the full set.</summary>
        ApproveThenRotate,

        /// <summary>The release is not known exactly: rotate first, and approve the device's pending request if
        /// the rotate did not widen the device's scopes. Correct on both generations.</summary>
        RotateThenApprove,
    }

    /// <summary>
    /// The gateway release a verdict is for, with the rules that follow from it (its <see cref="ReleaseLandscape"/> era). The release comes from
    /// hello-ok's server.version where the gateway reports one: every release from 2026.3.7 reports its own version;
    /// 2026.2.1-2026.3.2 report "dev" when started in the foreground (docs/release-matrix.md, Part 1 §1), so it is
    /// then narrowed down from the protocol and the advertised methods.
    /// </summary>
    public sealed class GatewayRelease
    {
        private static readonly ReleaseVersion FirstDevicePairRemove = ReleaseLandscape.FirstOffering(DeviceMethods.Remove);
        private static readonly ReleaseVersion FirstProtocol4 = ReleaseLandscape.First(e => e.Protocol >= 4).From;

        /// <summary>The last release whose foreground gateway reports "dev" (2026.3.7 reports its own version).</summary>
        internal const string LastReportingDev = "2026.3.2";

        private GatewayRelease(string name, ReleaseVersion? version, ScopeCheckRule rule, RepairStrategy repair,
            IReadOnlyList<string> knownScopes, string evidence, bool crossDeviceChangesNeedAdmin = false)
        {
            CrossDeviceChangesNeedAdmin = crossDeviceChangesNeedAdmin;
            Name = name;
            Version = version;
            ScopeCheck = rule;
            Repair = repair;
            KnownScopes = knownScopes;
            Evidence = evidence;
        }

        /// <summary>"2026.2.19", or a range such as "2026.2.19-2026.2.21" when the gateway does not say.</summary>
        public string Name { get; }

        /// <summary>The exact release, when known.</summary>
        public ReleaseVersion? Version { get; }

        public ScopeCheckRule ScopeCheck { get; }

        public RepairStrategy Repair { get; }

        /// <summary>The operator scopes this release knows; a verdict never requires any other.</summary>
        public IReadOnlyList<string> KnownScopes { get; }

        /// <summary>How the release was determined, for verbose output and the report.</summary>
        public string Evidence { get; }

        /// <summary>2026.9.x refuses cross-device management to callers without operator.admin.</summary>
        public bool CrossDeviceChangesNeedAdmin { get; }

        public override string ToString() => Name;

        public static GatewayRelease FromVersion(ReleaseVersion version, string evidence)
        {
            var era = ReleaseLandscape.Of(version);
            return new GatewayRelease(version.ToString(), version, era.ScopeCheck, era.Repair, era.KnownScopes, evidence, era.CrossDeviceChangesNeedAdmin);
        }

        /// <summary>
        /// A release known only as a range (an offline store that does not record which release wrote it): judged
        /// by the rules of <paramref name="rulesOf"/>, the strictest release of that range, so no under-scoped
        /// device is missed.
        /// </summary>
        public static GatewayRelease Unrecorded(string name, ReleaseVersion rulesOf, string evidence)
        {
            var rules = FromVersion(rulesOf, evidence);
            return new GatewayRelease(name, null, rules.ScopeCheck, rules.Repair, rules.KnownScopes, evidence, rules.CrossDeviceChangesNeedAdmin);
        }

        /// <summary>What <see cref="Evidence"/> says of a release the user gave instead of having it detected.</summary>
        public const string GivenByUser = "given by the user";

        /// <summary>Parses a user-given release ("2026.2.21").</summary>
        public static GatewayRelease FromUser(string text) =>
            FromVersion(ReleaseVersion.Parse(text), GivenByUser);

        public static GatewayRelease Detect(HelloOk hello)
        {
            // The reported version is the release, unless it cannot be: a protocol-4 gateway reporting a release
            // older than 2026.5.12 has had its version overridden (OPENCLAW_VERSION), and the protocol is the harder fact.
            if (ReleaseVersion.TryParse(hello.ServerVersion, out var reported) && (hello.Protocol < 4 || reported >= FirstProtocol4))
            {
                return FromVersion(reported, $"the gateway reports version {reported}");
            }
            var unreported = $"the gateway does not report a usable version (\"{hello.ServerVersion}\")";
            if (hello.Protocol >= 4) return Protocol4Unreported($"protocol {hello.Protocol}; {unreported}");
            if (!hello.Methods.Contains(DeviceMethods.Remove))
            {
                return BeforeDevicePairRemove("protocol 3 without device.pair.remove (added in 2026.2.19); the gateway does not report its version");
            }
            return DevReporting("protocol 3 with device.pair.remove; the gateway reports no version (\"dev\"), so the strictest rule applies");
        }

        /// <summary>
        /// The release an object recorded by name (its GatewayRelease, e.g. after Import-Clixml): an exact version, or
        /// one of the ranges <see cref="Detect"/> names, with the same rules; null for any other name.
        /// </summary>
        public static GatewayRelease? FromRecordedName(string name, string evidence)
        {
            if (ReleaseVersion.TryParse(name, out var version)) return FromVersion(version, evidence);
            return new[] { Protocol4Unreported(evidence), BeforeDevicePairRemove(evidence), DevReporting(evidence) }.FirstOrDefault(r => r.Name == name);
        }

        // Protocol 4 arrived in 2026.5.12, and every such release has the admin implication. Which scopes it knows and
        // whether changing another device needs admin depend on the release: assume the newest, so no scope the
        // gateway may check is left out.
        private static GatewayRelease Protocol4Unreported(string evidence) =>
            new GatewayRelease($"{FirstProtocol4} or later", null, ScopeCheckRule.AdminImpliesAll, RepairStrategy.ApproveThenRotate,
                OperatorScopes.September2026, evidence, crossDeviceChangesNeedAdmin: true);

        private static GatewayRelease BeforeDevicePairRemove(string evidence) =>
            new GatewayRelease("2026.2.17 or earlier", null, ScopeCheckRule.LiteralMembership, RepairStrategy.RotateReplacesScopes,
                OperatorScopes.February2026, evidence);

        // 2026.2.19, 2.21 and later 2.x advertise the same methods; judge by the strictest of them so no under-scoped
        // device is missed, and repair in the order that works on all of them.
        private static GatewayRelease DevReporting(string evidence) =>
            new GatewayRelease($"{FirstDevicePairRemove}-{LastReportingDev} (not reported)", null, ScopeCheckRule.LiteralMembership,
                RepairStrategy.RotateThenApprove, OperatorScopes.February2026, evidence);
    }
}
