using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Identity;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The gateway sessions of one cmdlet invocation, one per online route, each opened on first use and kept
    /// until the command is disposed. A route is reached, in order, through: the connection it names (-Connection,
    /// or the connection a piped object was read through, while it is open); any open connection of the runspace to
    /// the same URL; a session another command of the pipeline opened to it (PipelineSessions); else a new session.
    /// </summary>
    internal sealed class RouteSessions : IDisposable
    {
        private readonly GatewayCmdlet _cmdlet;
        private readonly Dictionary<Route, GatewaySession> _open = new Dictionary<Route, GatewaySession>();
        private readonly List<PipelineSessions.Lease> _leases = new List<PipelineSessions.Lease>();
        private readonly List<GatewaySession> _owned = new List<GatewaySession>();

        public RouteSessions(GatewayCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        /// <summary>The session for an online route; any failure to reach it stops the command.</summary>
        public GatewaySession For(Route route, ManagementAccess access, GatewayRelease? release)
        {
            if (route.IsOffline) throw new InvalidOperationException("An offline route has no gateway session.");
            if (access == ManagementAccess.ChangeDevices && _cmdlet.IsWhatIf)
            {
                // A preview changes nothing, the module's own device included: on releases where changing other
                // devices needs operator.admin (2026.4.5 on), asking for it would widen our own pairing.
                _cmdlet.WriteVerbose("-WhatIf: connecting for reading only, so the module's own device is not given operator.admin.");
                access = ManagementAccess.ReadDevices;
            }
            if (_open.TryGetValue(route, out var session))
            {
                _cmdlet.Run(token => session.EnsureAccessAsync(access, token));
                return session;
            }
            session = route.Kind switch
            {
                RouteKind.Through => Shared(route.Connection!, access),
                RouteKind.ToSource => ToSource(route.Source!, access, release),
                _ => Own(access, release),
            };
            _open[route] = session;
            return session;
        }

        /// <summary>Connects with resolved settings; the caller owns the session (Connect-OpenClawGateway keeps it).</summary>
        public GatewaySession Connect(GatewaySettings settings, ManagementAccess access, GatewayRelease? release, bool cachedDeviceToken)
        {
            try
            {
                var identity = ActingIdentity.Resolve(settings.StateDirectory, ModuleHome);
                var options = new SessionOptions
                {
                    Timeout = TimeSpan.FromSeconds(_cmdlet.TimeoutSec),
                    ClientVersion = ModuleInfo.Version,
                    Log = _cmdlet.Log,
                    Release = release,
                    TlsFingerprint = _cmdlet.TlsFingerprint,
                    UseCachedDeviceToken = cachedDeviceToken,
                };
                return _cmdlet.Run(token => GatewaySession.OpenAsync(settings, identity, access, options, token));
            }
            catch (OpenClawException e)
            {
                _cmdlet.ThrowTerminating(e);
                throw; // not reached: ThrowTerminatingError does not return
            }
        }

        private static string ModuleHome => ActingIdentity.DefaultModuleHome(Environment.GetEnvironmentVariable);

        /// <summary>
        /// The command's own target when it was given no -Connection (those are routes of their own, RouteKind.Through):
        /// the default connection when no connection setting was given, else the settings.
        /// </summary>
        private GatewaySession Own(ManagementAccess access, GatewayRelease? release)
        {
            var shared = _cmdlet.UsesDefaultConnection ? ConnectionRegistry.Current.Default : null;
            return shared != null ? Shared(shared, access) : OpenOrBorrow(_cmdlet.ResolveOwnSettings(), access, release, cachedDeviceToken: true);
        }

        /// <summary>A piped object's gateway: through an open connection to its URL, or with settings that keep credentials home.</summary>
        private GatewaySession ToSource(OpenClawOrigin source, ManagementAccess access, GatewayRelease? release)
        {
            var registry = ConnectionRegistry.Current;
            if (registry.Reaching(source) is { } connection) return Shared(connection, access);
            if (registry.PipelineSessions?.Borrow(l => GatewayAddress.SameGateway(l.Session.Url, source.Url!)) is { } lease)
            {
                _leases.Add(lease);
                _cmdlet.WriteVerbose($"Acting on {source} through the connection {lease.OpenedBy} opened earlier in this pipeline.");
                return UseShared(lease.Session, access);
            }
            var (settings, ambient) = _cmdlet.ResolveSettingsFor(source);
            return OpenOrBorrow(settings, access, release, cachedDeviceToken: ambient);
        }

        private GatewaySession Shared(OpenClawConnection connection, ManagementAccess access)
        {
            // A disconnected session must not quietly reconnect: nothing would ever close that socket.
            if (connection.IsClosed) _cmdlet.ThrowTerminating(ConnectionRegistry.NotFound(connection));
            _cmdlet.WriteVerbose($"Using connection {connection}.");
            return UseShared(connection.Session, access);
        }

        /// <summary>
        /// A session of these settings: the one another command of this runspace opened with the same key and still
        /// uses (PipelineSessions), else a new one, lent in turn. Either way this command is one of its users until
        /// it is disposed. Without a runspace (a bare thread) there is no pipeline to share with.
        /// </summary>
        private GatewaySession OpenOrBorrow(GatewaySettings settings, ManagementAccess access, GatewayRelease? release, bool cachedDeviceToken)
        {
            var pipelineSessions = ConnectionRegistry.Current.PipelineSessions;
            if (pipelineSessions == null)
            {
                var session = Connect(settings, access, release, cachedDeviceToken);
                _owned.Add(session);
                return session;
            }
            var key = SessionKey.For(settings, ModuleHome, _cmdlet.TlsFingerprint, _cmdlet.TimeoutSec, release, cachedDeviceToken);
            if (pipelineSessions.Borrow(l => l.Key.Equals(key)) is { } lease)
            {
                _leases.Add(lease);
                _cmdlet.WriteVerbose($"Reusing the connection to {settings.Url} that {lease.OpenedBy} opened earlier in this pipeline.");
                return UseShared(lease.Session, access);
            }
            var opened = Connect(settings, access, release, cachedDeviceToken);
            _leases.Add(pipelineSessions.Lend(key, opened, _cmdlet.MyInvocation.MyCommand?.Name ?? _cmdlet.GetType().Name));
            return opened;
        }

        /// <summary>A session this command did not connect: its reconnects report to this command, and it gets this command's access.</summary>
        private GatewaySession UseShared(GatewaySession session, ManagementAccess access)
        {
            session.UseLog(_cmdlet.Log);
            _cmdlet.Run(token => session.EnsureAccessAsync(access, token));
            return session;
        }

        public void Dispose()
        {
            foreach (var lease in _leases) lease.Return();
            foreach (var session in _owned) session.Dispose();
            _leases.Clear();
            _owned.Clear();
            _open.Clear();
        }
    }
}
