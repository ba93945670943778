using System;
using System.Linq;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell
{
    /// <summary>
    /// A gateway connection made by Connect-OpenClawGateway. The newest one is the default for every online cmdlet
    /// in the runspace; pass one with -Connection to target a specific gateway. It keeps one socket, which is
    /// reopened once, with the same settings and certificate pin, when the gateway has dropped it.
    /// </summary>
    public sealed class OpenClawConnection
    {
        private readonly ConnectionRegistry _registry;
        private readonly object _closeLock = new object();

        internal OpenClawConnection(int id, GatewaySession session, ConnectionRegistry registry, string? tlsFingerprint)
        {
            Id = id;
            Session = session;
            _registry = registry;
            TlsFingerprint = tlsFingerprint;
        }

        internal GatewaySession Session { get; }

        /// <summary>Closed with Disconnect-OpenClawGateway (or with its runspace); it is never reopened.</summary>
        internal bool IsClosed { get; private set; }

        /// <summary>Numbers connections in the order they were made in this runspace.</summary>
        public int Id { get; }

        public Uri Url => Session.Url;

        public string GatewayRelease => Session.Release.Name;

        public int Protocol => Session.Hello.Protocol;

        /// <summary>The device id the module signs with on this gateway.</summary>
        public string DeviceId => Session.Identity.Identity.DeviceId;

        /// <summary>OpenClawCli (the local CLI's identity) or Module (the module's own).</summary>
        public string IdentitySource => Session.Identity.IsOpenClawCli ? "OpenClawCli" : "Module";

        public string IdentityPath => Session.Identity.Folder.Path;

        public string[] Scopes => Session.Scopes.ToArray();

        /// <summary>The SHA-256 certificate fingerprint the connection is pinned to (AA:BB:…), or null.</summary>
        public string? TlsFingerprint { get; }

        /// <summary>Whether the socket is open now; a dropped socket is reopened by the next command.</summary>
        public bool IsOpen => !IsClosed && Session.IsOpen;

        public DateTimeOffset ConnectedAt => Session.ConnectedAt;

        /// <summary>True for the connection online cmdlets use when given no -Connection or -Url.</summary>
        public bool IsDefault => !IsClosed && _registry.Default == this;

        internal void Close()
        {
            lock (_closeLock)
            {
                if (IsClosed) return;
                IsClosed = true;
            }
            Session.Dispose();
        }

        public override string ToString() => $"#{Id} {Url} ({GatewayRelease})";
    }
}
