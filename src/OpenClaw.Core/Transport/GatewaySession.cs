using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Protocol;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Transport
{
    /// <summary>How a cmdlet wants to talk to the gateway.</summary>
    public sealed class SessionOptions
    {
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        public string ClientVersion { get; set; } = "0.0.0";
        public IGatewayLog Log { get; set; } = NullGatewayLog.Instance;

        /// <summary>A release given by the user, which overrides detection.</summary>
        public GatewayRelease? Release { get; set; }

        /// <summary>SHA-256 fingerprint a wss:// gateway's certificate must have.</summary>
        public string? TlsFingerprint { get; set; }

        /// <summary>
        /// Whether the identity's cached device token may authenticate when the settings carry no credential. Off
        /// for a URL that came from an object rather than from the user or the local config: the cached token
        /// belongs to the local gateway and must not be sent to an address a file named.
        /// </summary>
        public bool UseCachedDeviceToken { get; set; } = true;
    }

    /// <summary>
    /// One cmdlet invocation's link to a gateway: the resolved settings, the identity the module acts as, and one
    /// connection that every request of the batch shares. If the gateway drops the socket (2026.9.x closes it when
    /// a device rotates its own token), the next request reconnects once.
    /// </summary>
    public sealed class GatewaySession : IDisposable
    {
        private readonly SessionOptions _options;
        private GatewayConnection _connection;
        private GatewayCredential? _credential;
        private IReadOnlyList<string> _scopes;

        private GatewaySession(GatewaySettings settings, ActingIdentity identity, GatewayCredential? credential,
            IReadOnlyList<string> scopes, SessionOptions options, GatewayConnection connection)
        {
            Settings = settings;
            Identity = identity;
            _credential = credential;
            _scopes = scopes;
            _options = options;
            _connection = connection;
            _connection.EventReceived += ForwardEvent;
            ConnectedAt = DateTimeOffset.UtcNow;
        }

        /// <summary>Gateway events (device.pair.requested, …), raised on a background thread; survives reconnects.</summary>
        public event Action<string, Newtonsoft.Json.Linq.JObject>? EventReceived;

        public DateTimeOffset ConnectedAt { get; }

        public bool IsOpen => _connection.IsOpen;

        /// <summary>The scopes the current connection asked for.</summary>
        public IReadOnlyList<string> Scopes => _scopes;

        private void ForwardEvent(string name, Newtonsoft.Json.Linq.JObject payload) => EventReceived?.Invoke(name, payload);

        /// <summary>A session kept by Connect-OpenClawGateway reports (reconnects, …) to the command now using it.</summary>
        public void UseLog(IGatewayLog log) => _options.Log = log;

        public GatewaySettings Settings { get; }

        public ActingIdentity Identity { get; }

        /// <summary>The release to judge by: -Release when given, else the detected one.</summary>
        public GatewayRelease Release { get; private set; } = null!;

        /// <summary>The release the gateway actually runs, whatever -Release says.</summary>
        public GatewayRelease DetectedRelease { get; private set; } = null!;

        public HelloOk Hello => _connection.Hello;

        public Uri Url => Settings.Url;

        public static async Task<GatewaySession> OpenAsync(GatewaySettings settings, ActingIdentity identity,
            ManagementAccess access, SessionOptions options, CancellationToken cancellation)
        {
            var cached = options.UseCachedDeviceToken ? identity.Folder.ReadToken(identity.Identity.DeviceId, "operator") : null;
            var credential = settings.Credential
                             ?? (cached != null ? new GatewayCredential(GatewayCredentialKind.DeviceToken, cached.Token, identity.Folder.DeviceAuthFile) : null);
            var scopes = ConnectScopes(access, cached);
            options.Log.Verbose($"Acting as {identity.Description}; authenticating with {credential?.ToString() ?? "no credential"}.");
            var connection = await ConnectAsync(settings.Url, identity, credential, scopes, options, cancellation).ConfigureAwait(false);
            var session = new GatewaySession(settings, identity, credential, scopes, options, connection);
            // The running release decides what the connection needs; a -Release override only changes the verdict.
            session.DetectedRelease = await ReleaseDetector.DetectAsync(connection, scopes, session.OpenAdminProbeAsync, cancellation).ConfigureAwait(false);
            session.Release = options.Release ?? session.DetectedRelease;
            options.Log.Verbose($"Gateway release: {session.Release.Name} ({session.Release.Evidence}).");
            await session.EnsureAccessAsync(access, cancellation).ConfigureAwait(false);
            return session;
        }

        /// <summary>
        /// Widens the connection for a job that needs more than it asked for. 2026.9.x lets only admin callers change
        /// other devices, so admin is asked for only there, and only when a cmdlet is about to change devices.
        /// </summary>
        public async Task EnsureAccessAsync(ManagementAccess access, CancellationToken cancellation)
        {
            if (access == ManagementAccess.ChangeDevices && DetectedRelease.CrossDeviceChangesNeedAdmin && !_scopes.Contains(OperatorScopes.Admin))
            {
                await ReconnectAsync(new[] { OperatorScopes.Admin, OperatorScopes.Pairing }, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>The device RPCs over the live connection, reconnecting first if the socket was dropped.</summary>
        public async Task<DevicePairingClient> DevicesAsync(CancellationToken cancellation)
        {
            if (!_connection.IsOpen)
            {
                _options.Log.Verbose("The gateway closed the connection; reconnecting once.");
                await ReconnectAsync(_scopes, cancellation).ConfigureAwait(false);
            }
            return new DevicePairingClient(_connection);
        }

        /// <summary>
        /// A short-lived admin connection for reading the exact release, opened only when our own device already
        /// holds operator.admin in both its approved scopes and its token: asking for a scope the device lacks would
        /// file a pairing request, and one its token lacks would make the gateway re-mint the token.
        /// </summary>
        private async Task<GatewayConnection?> OpenAdminProbeAsync(CancellationToken cancellation)
        {
            var snapshot = await new DevicePairingClient(_connection).ListAsync(cancellation).ConfigureAwait(false);
            var own = snapshot.Find(Identity.Identity.DeviceId);
            var token = own?.TokenFor("operator");
            if (own == null || token == null || token.IsRevoked
                || !own.Scopes.Contains(OperatorScopes.Admin) || !token.Scopes.Contains(OperatorScopes.Admin))
            {
                return null;
            }
            return await ConnectAsync(Settings.Url, Identity, _credential, new[] { OperatorScopes.Admin }, _options, cancellation).ConfigureAwait(false);
        }

        /// <summary>After rotating our own device, later reconnects must present the new device token.</summary>
        internal void UseRotatedOwnToken(string token)
        {
            if (_credential?.Kind == GatewayCredentialKind.DeviceToken)
            {
                _credential = new GatewayCredential(GatewayCredentialKind.DeviceToken, token, Identity.Folder.DeviceAuthFile);
            }
        }

        /// <summary>
        /// Connects once as the acting identity asking for <paramref name="scopes"/>, to make the gateway record a
        /// repair request for our own device (2026.2.21+ widens approved scopes only by approving one). Returns the
        /// request id, or null when the gateway granted the scopes at once.
        /// </summary>
        internal async Task<string?> RequestOwnScopeUpgradeAsync(IReadOnlyList<string> scopes, CancellationToken cancellation)
        {
            try
            {
                using var probe = await ConnectAsync(Settings.Url, Identity, _credential, scopes, _options, cancellation).ConfigureAwait(false);
                return null;
            }
            catch (OpenClawException e) when (e.ErrorId == ErrorIds.PairingRequired && e.RequestId != null)
            {
                return e.RequestId;
            }
        }

        private async Task ReconnectAsync(IReadOnlyList<string> scopes, CancellationToken cancellation)
        {
            var fresh = await ConnectAsync(Settings.Url, Identity, _credential, scopes, _options, cancellation).ConfigureAwait(false);
            _connection.EventReceived -= ForwardEvent;
            _connection.Dispose();
            _connection = fresh;
            _connection.EventReceived += ForwardEvent;
            _scopes = scopes;
        }

        private static async Task<GatewayConnection> ConnectAsync(Uri url, ActingIdentity identity, GatewayCredential? credential,
            IReadOnlyList<string> scopes, SessionOptions options, CancellationToken cancellation)
        {
            var connect = new ConnectOptions(identity.Identity, credential, scopes)
            {
                ClientVersion = options.ClientVersion,
                // The CLI's own device is presented exactly as the CLI presents it; the module's own gets a name
                // that tells operators in `openclaw devices list` what it is.
                DisplayName = identity.IsOpenClawCli ? null : "OpenClaw.PowerShell on " + Environment.MachineName,
            };
            var deadline = DateTimeOffset.UtcNow + options.Timeout;
            try
            {
                while (true)
                {
                    try
                    {
                        var pinning = options.TlsFingerprint != null ? CertificatePinning.Parse(options.TlsFingerprint) : null;
                        return await GatewayConnection.OpenAsync(url, connect, options.Timeout, options.Log, cancellation, pinning).ConfigureAwait(false);
                    }
                    catch (OpenClawException e) when (e.ErrorId == ErrorIds.GatewayUnavailable && DateTimeOffset.UtcNow < deadline)
                    {
                        options.Log.Verbose("The gateway is still starting; retrying in 1 s.");
                        await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
                    }
                }
            }
            catch (OpenClawException e) when (e.ErrorId == ErrorIds.PairingRequired)
            {
                throw e.Rephrase(
                    $"The gateway at {url} has not approved {identity.Description} (device {identity.Identity.DeviceId}) for [{string.Join(", ", scopes)}]"
                    + (e.RequestId != null ? $"; it created pairing request {e.RequestId}." : "."),
                    identity.Identity.DeviceId);
            }
        }

        /// <summary>
        /// The least scopes for the job. Device management needs operator.pairing, or operator.admin, which
        /// method authorization treats as all-powerful. When authenticating with a cached device token, ask only
        /// for what that token holds: anything more is refused as a token mismatch.
        /// </summary>
        private static IReadOnlyList<string> ConnectScopes(ManagementAccess access, CachedDeviceToken? cached)
        {
            if (cached != null && !cached.Scopes.Contains(OperatorScopes.Pairing) && cached.Scopes.Contains(OperatorScopes.Admin))
            {
                return new[] { OperatorScopes.Admin };
            }
            return new[] { OperatorScopes.Pairing };
        }

        public void Dispose() => _connection.Dispose();
    }

    public enum ManagementAccess
    {
        /// <summary>Listing devices and requests.</summary>
        ReadDevices,

        /// <summary>Rotating, approving and rejecting for other devices.</summary>
        ChangeDevices,
    }
}
