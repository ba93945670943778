using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The connection parameters every online cmdlet shares, declared once here; cmdlets with parameter sets
    /// override them to move them into their online sets (PowerShell reads only the overriding declaration's
    /// attributes). Also the hidden -Origin and -PSComputerName that bind from piped objects, and the routes a
    /// command acts on (SourceRouting): its own target, the connections it was given, or each piped object's source.
    /// Resolution follows the openclaw CLI: parameters, then OPENCLAW_* environment variables, then openclaw.json,
    /// then ws://127.0.0.1:18789.
    /// </summary>
    public abstract class GatewayCmdlet : OpenClawCmdlet
    {
        private SourceRouting? _routing;
        private OpenClawConnection[]? _routedConnections;
        private RouteSessions? _sessions;

        /// <summary>Connections from Connect-OpenClawGateway; by default the newest one, if any.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public virtual OpenClawConnection[]? Connection { get; set; }

        /// <summary>The gateway's WebSocket URL, e.g. ws://127.0.0.1:18789.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public virtual string? Url { get; set; }

        /// <summary>The gateway's shared token. Never echoed.</summary>
        [Parameter]
        [SecretTransformation]
        public virtual SecureString? Token { get; set; }

        /// <summary>The gateway's shared password. Never echoed.</summary>
        [Parameter]
        [SecretTransformation]
        public virtual SecureString? Password { get; set; }

        /// <summary>
        /// The OpenClaw state folder whose config and CLI identity to use (default: OPENCLAW_STATE_DIR or ~/.openclaw);
        /// offline, the store to read or change. In every set.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StateDirectory { get; set; }

        /// <summary>SHA-256 fingerprint the certificate of a wss:// gateway must have (PowerShell 7).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public virtual string? TlsFingerprint { get; set; }

        /// <summary>How long to wait for the connection and for each request.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public virtual int TimeoutSec { get; set; } = 30;

        /// <summary>Where a piped object was read (its Origin property); the command acts there (SourceRouting).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public virtual PipedOrigin? Origin { get; set; }

        /// <summary>The computer remoting says a piped object came from.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public virtual PipedComputerName? PSComputerName { get; set; }

        /// <summary>-Offline, for the cmdlets that declare it (each in its own sets).</summary>
        public virtual SwitchParameter Offline { get; set; }

        private bool HasExplicitSettings => Url != null || Token != null || Password != null || StateDirectory != null || TlsFingerprint != null;

        /// <summary>Whether -Connection, -Url or -Offline names this command's target (SourceRouting).</summary>
        internal bool HasExplicitTarget => Routing.IsExplicit;

        internal RouteSessions Sessions => _sessions ??= new RouteSessions(this);

        /// <summary>
        /// Where to act for the current input: its routes (SourceRouting), or none after writing why it is refused.
        /// </summary>
        internal IReadOnlyList<Route> RoutesFor(string label, OpenClawOrigin? origin = null) =>
            Routing.For(origin ?? Origin?.Origin, PSComputerName?.Name, label, WriteError);

        /// <summary>The state folder a route names offline (-StateDirectory for the command's own target).</summary>
        internal string OfflineFolder(Route route) => route.Folder ?? ProviderPath(StateDirectory!);

        /// <summary>Resolves settings and identity and connects; used by Connect-OpenClawGateway, whose connection outlives the pipeline.</summary>
        internal GatewaySession Open(ManagementAccess access, GatewayRelease? release) =>
            Sessions.Connect(ResolveOwnSettings(), access, release, cachedDeviceToken: true);

        /// <summary>
        /// The routing rules of this invocation, fixed by its explicit parameters on first use; made again when a
        /// piped connection (Get-OpenClawConnection | Get-OpenClawDevice) changes -Connection from one input to the next.
        /// </summary>
        private SourceRouting Routing
        {
            get
            {
                if (_routing == null || !ReferenceEquals(_routedConnections, Connection))
                {
                    _routedConnections = Connection;
                    _routing = CreateRouting();
                }
                return _routing;
            }
        }

        private SourceRouting CreateRouting()
        {
            RefuseConflictingTargets();
            if (Offline.IsPresent) return new SourceRouting(new[] { Route.Offline(ProviderPath(StateDirectory!)) }, null);
            if (Connection is { Length: > 0 }) return new SourceRouting(Connection.Select(Route.Through).ToList(), null);
            if (Url != null) return new SourceRouting(new[] { Route.Own }, ResolveOwnSettings().Url);
            return new SourceRouting(Array.Empty<Route>(), null);
        }

        private void RefuseConflictingTargets()
        {
            if (Connection is { Length: > 0 } && HasExplicitSettings)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("OpenClaw.ConflictingConnection",
                    "-Connection already says which gateway to use; leave out -Url, -Token, -Password, -StateDirectory and -TlsFingerprint.", Connection));
            }
        }

        /// <summary>The settings this command's own parameters resolve to (with ambient credentials, as the CLI resolves them).</summary>
        internal GatewaySettings ResolveOwnSettings() => Resolve(SettingsRequest(Url, StateDirectory));

        /// <summary>
        /// Settings to reach a piped object's gateway when no open connection does. Ambient credentials (environment,
        /// openclaw.json) come along only when ambient resolution yields that same URL; otherwise the URL counts as an
        /// explicit -Url, which takes credentials from -Token/-Password only, so a file cannot send the local token away.
        /// </summary>
        internal (GatewaySettings Settings, bool Ambient) ResolveSettingsFor(OpenClawOrigin source)
        {
            var folder = StateDirectory ?? source.StateDirectory;
            var ambient = Resolve(SettingsRequest(null, folder));
            if (GatewayAddress.SameGateway(ambient.Url, source.Url!)) return (ambient, true);
            WriteVerbose($"{source.Url} is not the gateway this computer's settings name ({ambient.Url}); its credentials stay here, only -Token or -Password is sent.");
            return (Resolve(SettingsRequest(source.Url!.ToString(), folder)), false);
        }

        private GatewaySettingsRequest SettingsRequest(string? url, string? stateDirectory)
        {
            if (Token != null && Password != null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("OpenClaw.ConflictingCredentials",
                    "Pass either -Token or -Password, not both: the gateway accepts one shared credential.", null));
            }
            return new GatewaySettingsRequest
            {
                Url = url,
                Token = SecretTransformationAttribute.Reveal(Token),
                Password = SecretTransformationAttribute.Reveal(Password),
                StateDirectory = stateDirectory == null ? null : ProviderPath(stateDirectory),
            };
        }

        private GatewaySettings Resolve(GatewaySettingsRequest request)
        {
            try
            {
                var settings = GatewaySettingsResolver.ForCurrentProcess().Resolve(request);
                WriteVerbose($"Gateway {settings.Url} (from {settings.UrlSource}); state folder {settings.StateDirectory}.");
                return settings;
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
        }

        private string ProviderPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>No connection setting was given, so the command's own target is the runspace's default connection, if any.</summary>
        internal bool UsesDefaultConnection => !HasExplicitSettings;

        protected override void DisposeResources()
        {
            _sessions?.Dispose();
            _sessions = null;
        }
    }

    internal static class ModuleInfo
    {
        public static readonly string Version = typeof(ModuleInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
