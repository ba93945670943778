using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Transport;

namespace OpenClaw.Core.Scopes
{
    /// <summary>
    /// Works out which release a gateway runs, with read-only requests only (measured, tests/gateway/MEASURED.md):
    /// <list type="number">
    /// <item>hello-ok server.version, when it is a real version (2026.9.x always; 2.x only when started by npm);</item>
    /// <item>protocol 4 means the 2026.9 line;</item>
    /// <item>no device.pair.remove method means 2026.2.17 or earlier;</item>
    /// <item>config.schema returns the package version to an admin connection on every 2.x release;</item>
    /// <item>otherwise <c>health</c> on a connection without read: 2026.2.19 refuses it ("missing scope:
    /// operator.read"), 2026.2.21 and later answer, so at least the repair method is known.</item>
    /// </list>
    /// </summary>
    public static class ReleaseDetector
    {
        /// <summary>The first release offering device.pair.remove (2026.2.19): a gateway that offers it is this one or later.</summary>
        private static readonly ReleaseVersion FirstWithRemove = ReleaseLandscape.FirstOffering(DeviceMethods.Remove);

        /// <summary>The first release whose health answers without operator.read (2026.2.21).</summary>
        private static readonly ReleaseVersion FirstHealthWithoutRead = ReleaseLandscape.First(e => e.HealthAnswersWithoutRead).From;

        public static async Task<GatewayRelease> DetectAsync(GatewayConnection connection, IReadOnlyCollection<string> connectionScopes,
            Func<CancellationToken, Task<GatewayConnection?>> openAdminConnection, CancellationToken cancellation)
        {
            var hello = connection.Hello;
            if (hello.Protocol >= 4 || ReleaseVersion.TryParse(hello.ServerVersion, out _) || !hello.Methods.Contains(DeviceMethods.Remove))
            {
                return GatewayRelease.Detect(hello);
            }

            if (connectionScopes.Contains(OperatorScopes.Admin))
            {
                return await FromConfigSchemaAsync(connection, cancellation).ConfigureAwait(false) ?? GatewayRelease.Detect(hello);
            }

            if (!connectionScopes.Contains(OperatorScopes.Read) && !connectionScopes.Contains(OperatorScopes.Write))
            {
                try
                {
                    await connection.RequestAsync("health", new JObject(), null, cancellation).ConfigureAwait(false);
                }
                catch (OpenClawException e) when (e.ErrorId == ErrorIds.MissingScope)
                {
                    // Offering device.pair.remove and refusing health without read: the one release between the two.
                    return GatewayRelease.FromVersion(FirstWithRemove, $"health refused without operator.read, which of the releases offering device.pair.remove only {FirstWithRemove} does; the gateway reports no version");
                }
                using (var admin = await openAdminConnection(cancellation).ConfigureAwait(false))
                {
                    if (admin != null && await FromConfigSchemaAsync(admin, cancellation).ConfigureAwait(false) is { } exact) return exact;
                }
                return GatewayRelease.Unrecorded($"{FirstHealthWithoutRead}-{GatewayRelease.LastReportingDev} (not reported)", FirstHealthWithoutRead,
                    $"health answered without operator.read ({FirstHealthWithoutRead} or later) and the exact version is not available without operator.admin; judged by {FirstHealthWithoutRead}'s stricter rules");
            }
            return GatewayRelease.Detect(hello);
        }

        private static async Task<GatewayRelease?> FromConfigSchemaAsync(GatewayConnection connection, CancellationToken cancellation)
        {
            try
            {
                var schema = await connection.RequestAsync("config.schema", new JObject(), null, cancellation).ConfigureAwait(false);
                if (ReleaseVersion.TryParse((string?)schema?["version"], out var version))
                {
                    return GatewayRelease.FromVersion(version, $"config.schema reports version {version}");
                }
            }
            catch (OpenClawException e) when (e.ErrorId == ErrorIds.MissingScope || e.ErrorId == ErrorIds.GatewayRequestFailed)
            {
                // Not allowed or not offered: fall back to what the hello says.
            }
            return null;
        }
    }
}
