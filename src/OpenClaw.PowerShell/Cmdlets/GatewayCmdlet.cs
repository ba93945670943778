using System;
using System.Management.Automation;
using System.Security;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The connection parameters every online cmdlet shares, and the one session a cmdlet invocation uses.
    /// Resolution follows the openclaw CLI: parameters, then OPENCLAW_* environment variables, then openclaw.json,
    /// then ws://127.0.0.1:18789.
    /// </summary>
    public abstract class GatewayCmdlet : OpenClawCmdlet
    {
        private GatewaySession? _session;
        private PipelineSessions.Lease? _lease;
        private bool _ownsSession;

        /// <summary>A connection from Connect-OpenClawGateway; by default the newest one, if any.</summary>
        [Parameter]
        [ValidateNotNull]
        public OpenClawConnection? Connection { get; set; }

        /// <summary>The gateway's WebSocket URL, e.g. ws://127.0.0.1:18789.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Url { get; set; }

        /// <summary>The gateway's shared token. Never echoed.</summary>
        [Parameter]
        [SecretTransformation]
        public SecureString? Token { get; set; }

        /// <summary>The gateway's shared password. Never echoed.</summary>
        [Parameter]
        [SecretTransformation]
        public SecureString? Password { get; set; }

        /// <summary>The OpenClaw state folder whose config and CLI identity to use (default: OPENCLAW_STATE_DIR or ~/.openclaw).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StateDirectory { get; set; }

        /// <summary>SHA-256 fingerprint the certificate of a wss:// gateway must have (PowerShell 7).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TlsFingerprint { get; set; }

        /// <summary>How long to wait for the connection and for each request.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        private bool HasExplicitSettings => Url != null || Token != null || Password != null || StateDirectory != null || TlsFingerprint != null;

        /// <summary>
        /// The session for this invocation: -Connection, else the runspace's default connection when no connection
        /// setting was given, else one with the same settings that another command of the pipeline still uses,
        /// else a new one that lives until the last command using it ends. Any failure here stops the command.
        /// </summary>
        internal GatewaySession OpenSession(ManagementAccess access, GatewayRelease? release)
        {
            if (_session != null) return _session;
            if (access == ManagementAccess.ChangeDevices && IsWhatIf)
            {
                // A preview changes nothing, the module's own device included: on releases where changing other
                // devices needs operator.admin (2026.9.x), asking for it would widen our own pairing.
                WriteVerbose("-WhatIf: connecting for reading only, so the module's own device is not given operator.admin.");
                access = ManagementAccess.ReadDevices;
            }
            if (Connection != null && HasExplicitSettings)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("OpenClaw.ConflictingConnection",
                    "-Connection already says which gateway to use; leave out -Url, -Token, -Password, -StateDirectory and -TlsFingerprint.", Connection));
            }
            var shared = Connection ?? (HasExplicitSettings ? null : ConnectionRegistry.Current.Default);
            if (shared != null)
            {
                // A disconnected session must not quietly reconnect: nothing would ever close that socket.
                if (shared.IsClosed) ThrowTerminating(ConnectionRegistry.NotFound(shared));
                WriteVerbose($"Using connection {shared}.");
                UseShared(shared.Session, access);
                return _session!;
            }
            return OpenOrBorrow(access, release);
        }

        /// <summary>Resolves settings and identity and connects; used by Connect-OpenClawGateway, whose connection outlives the pipeline.</summary>
        internal GatewaySession Open(ManagementAccess access, GatewayRelease? release)
        {
            var settings = Resolve(SettingsRequest());
            return Connect(settings, access, release, ActingIdentity.DefaultModuleHome(Environment.GetEnvironmentVariable));
        }

        /// <summary>
        /// A session of this command's own settings: the one another command of this runspace opened with the same
        /// key and still uses (PipelineSessions), else a new one, lent in turn. Either way this command is one of its
        /// users until it is disposed.
        /// </summary>
        private GatewaySession OpenOrBorrow(ManagementAccess access, GatewayRelease? release)
        {
            var settings = Resolve(SettingsRequest());
            var moduleHome = ActingIdentity.DefaultModuleHome(Environment.GetEnvironmentVariable);
            // Without a runspace (a bare thread) there is no pipeline to share with: the session is this command's.
            var pipelineSessions = ConnectionRegistry.Current.PipelineSessions;
            if (pipelineSessions == null)
            {
                _session = Connect(settings, access, release, moduleHome);
                _ownsSession = true;
                return _session;
            }
            var key = SessionKey.For(settings, moduleHome, TlsFingerprint, TimeoutSec, release);
            if (pipelineSessions.Borrow(key) is { } lease)
            {
                _lease = lease;
                WriteVerbose($"Reusing the connection to {settings.Url} that {lease.OpenedBy} opened earlier in this pipeline.");
                UseShared(lease.Session, access);
                return lease.Session;
            }
            _session = Connect(settings, access, release, moduleHome);
            _lease = pipelineSessions.Lend(key, _session, MyInvocation.MyCommand?.Name ?? GetType().Name);
            return _session;
        }

        /// <summary>A session this command did not connect: its reconnects report to this command, and it gets this command's access.</summary>
        private void UseShared(GatewaySession session, ManagementAccess access)
        {
            _session = session;
            session.UseLog(Log);
            Run(token => session.EnsureAccessAsync(access, token));
        }

        private GatewaySettingsRequest SettingsRequest()
        {
            if (Token != null && Password != null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("OpenClaw.ConflictingCredentials",
                    "Pass either -Token or -Password, not both: the gateway accepts one shared credential.", null));
            }
            return new GatewaySettingsRequest
            {
                Url = Url,
                Token = SecretTransformationAttribute.Reveal(Token),
                Password = SecretTransformationAttribute.Reveal(Password),
                StateDirectory = StateDirectory == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StateDirectory),
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

        private GatewaySession Connect(GatewaySettings settings, ManagementAccess access, GatewayRelease? release, string moduleHome)
        {
            try
            {
                var identity = ActingIdentity.Resolve(settings.StateDirectory, moduleHome);
                var options = new SessionOptions
                {
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    ClientVersion = ModuleInfo.Version,
                    Log = Log,
                    Release = release,
                    TlsFingerprint = TlsFingerprint,
                };
                return Run(token => GatewaySession.OpenAsync(settings, identity, access, options, token));
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
        }

        protected override void DisposeResources()
        {
            if (_lease != null) _lease.Return();
            else if (_ownsSession) _session?.Dispose();
            _lease = null;
            _session = null;
        }
    }

    internal static class ModuleInfo
    {
        public static readonly string Version = typeof(ModuleInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
