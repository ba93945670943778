using System;
using System.Linq;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell
{
    /// <summary>
    /// A gateway connection made by Connect-OpenClawGateway. The newest one is the default for every online cmdlet
    /// in the runspace; pass one with -Connection to target a specific gateway.
    /// </summary>
    public sealed class OpenClawConnection
    {
        internal OpenClawConnection(int id, GatewaySession session)
        {
            Id = id;
            Session = session;
        }

        internal GatewaySession Session { get; }

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

        public bool IsOpen => Session.IsOpen;

        public DateTimeOffset ConnectedAt => Session.ConnectedAt;

        /// <summary>True for the connection online cmdlets use when given no -Connection or -Url.</summary>
        public bool IsDefault => ConnectionRegistry.Current.Default == this;

        public override string ToString() => $"#{Id} {Url} ({GatewayRelease})";
    }
}
