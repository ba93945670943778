using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The connections of one runspace. A binary module's statics are shared by every runspace in the process
    /// (jobs, ForEach-Object -Parallel, hosted engines), so connections are kept per runspace, and go away with it.
    /// </summary>
    internal sealed class ConnectionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, ConnectionRegistry> ByRunspace = new ConditionalWeakTable<Runspace, ConnectionRegistry>();
        private static readonly ConnectionRegistry Detached = new ConnectionRegistry();
        private readonly List<OpenClawConnection> _connections = new List<OpenClawConnection>();
        private int _nextId;

        public static ConnectionRegistry Current =>
            Runspace.DefaultRunspace is { } runspace ? ByRunspace.GetValue(runspace, _ => new ConnectionRegistry()) : Detached;

        public IReadOnlyList<OpenClawConnection> All
        {
            get { lock (_connections) return _connections.ToList(); }
        }

        /// <summary>The newest open connection.</summary>
        public OpenClawConnection? Default
        {
            get { lock (_connections) return _connections.LastOrDefault(); }
        }

        public OpenClawConnection Add(GatewaySession session)
        {
            lock (_connections)
            {
                var connection = new OpenClawConnection(++_nextId, session);
                _connections.Add(connection);
                return connection;
            }
        }

        public bool Remove(OpenClawConnection connection)
        {
            lock (_connections) return _connections.Remove(connection);
        }
    }
}
