using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The connections of one runspace. A binary module's statics are shared by every runspace in the process
    /// (jobs, ForEach-Object -Parallel, hosted engines), so connections are kept per runspace, and are closed when
    /// the runspace closes: otherwise their sockets would stay open until the gateway dropped them. The sessions
    /// cmdlets lend each other within a pipeline (PipelineSessions) are kept here for the same reasons.
    /// </summary>
    internal sealed class ConnectionRegistry
    {
        public const string NotFoundErrorId = "OpenClaw.ConnectionNotFound";

        private static readonly ConditionalWeakTable<Runspace, ConnectionRegistry> ByRunspace = new ConditionalWeakTable<Runspace, ConnectionRegistry>();
        private static readonly ConnectionRegistry Detached = new ConnectionRegistry(null);
        private readonly List<OpenClawConnection> _connections = new List<OpenClawConnection>();
        private int _nextId;

        private ConnectionRegistry(PipelineSessions? pipelineSessions)
        {
            PipelineSessions = pipelineSessions;
        }

        public static ConnectionRegistry Current =>
            Runspace.DefaultRunspace is { } runspace ? ByRunspace.GetValue(runspace, ForRunspace) : Detached;

        /// <summary>
        /// The sessions lent within this runspace's pipelines; null off a runspace's thread, where there is no
        /// pipeline to share within and two threads could reach the same session.
        /// </summary>
        public PipelineSessions? PipelineSessions { get; }

        public IReadOnlyList<OpenClawConnection> All
        {
            get { lock (_connections) return _connections.ToList(); }
        }

        /// <summary>The newest connection that was not closed; online cmdlets use it when given no connection settings.</summary>
        public OpenClawConnection? Default
        {
            get { lock (_connections) return _connections.LastOrDefault(); }
        }

        /// <summary>
        /// The open connection that reaches a piped object's gateway: the one it was read through, if that is still
        /// open here and goes to the same URL (ids are per runspace, so a deserialized id may name another
        /// connection), else the newest open connection to that URL.
        /// </summary>
        public OpenClawConnection? Reaching(OpenClawOrigin source)
        {
            var candidates = All.Where(c => !c.IsClosed && GatewayAddress.SameGateway(c.Url, source.Url!)).ToList();
            return candidates.FirstOrDefault(c => c.Id == source.ConnectionId) ?? candidates.LastOrDefault();
        }

        /// <summary>The id of the connection whose session this is; null for a session a command opened for itself.</summary>
        public int? IdOf(GatewaySession session) => All.FirstOrDefault(c => ReferenceEquals(c.Session, session))?.Id;

        public OpenClawConnection Add(GatewaySession session, string? tlsFingerprint)
        {
            lock (_connections)
            {
                var connection = new OpenClawConnection(++_nextId, session, this, tlsFingerprint);
                _connections.Add(connection);
                return connection;
            }
        }

        /// <summary>Forgets and closes a connection; false when it is not one of this runspace's open connections.</summary>
        public bool Close(OpenClawConnection connection)
        {
            lock (_connections)
            {
                if (!_connections.Remove(connection)) return false;
            }
            connection.Close();
            return true;
        }

        /// <summary>The error for a connection object that can no longer be used or closed here.</summary>
        public static OpenClawException NotFound(OpenClawConnection connection) =>
            new OpenClawException(NotFoundErrorId, OpenClawErrorKind.ObjectNotFound,
                connection.IsClosed
                    ? $"Connection {connection} was closed with Disconnect-OpenClawGateway."
                    : $"Connection {connection} is not open in this session.",
                "List the open connections with Get-OpenClawConnection, or connect again with Connect-OpenClawGateway.", connection);

        private static ConnectionRegistry ForRunspace(Runspace runspace)
        {
            var registry = new ConnectionRegistry(new PipelineSessions());
            runspace.StateChanged += registry.OnRunspaceStateChanged;
            return registry;
        }

        private void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (e.RunspaceStateInfo.State != RunspaceState.Closed && e.RunspaceStateInfo.State != RunspaceState.Broken) return;
            foreach (var connection in All) Close(connection);
            PipelineSessions?.CloseAll();
        }
    }
}
