using System.Management.Automation;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Connects to a gateway and keeps the connection for the runspace: it becomes the default for every online
    /// cmdlet, which then reuse its socket instead of connecting per command. -TlsFingerprint stays with it, so
    /// later commands and reconnects are pinned too.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "OpenClawGateway")]
    [OutputType(typeof(OpenClawConnection))]
    public sealed class ConnectOpenClawGatewayCommand : GatewayCmdlet
    {
        // Connect makes a connection from settings; it takes no objects from the pipeline, so the hidden parameters
        // that bind piped objects' origin are overridden without [Parameter], which removes them from this cmdlet.
        public override PipedOrigin? Origin { get; set; }

        public override PipedComputerName? PSComputerName { get; set; }

        protected override void EndProcessing()
        {
            if (Connection != null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("OpenClaw.ConflictingConnection",
                    "Connect-OpenClawGateway makes a connection; it takes -Url and the other connection settings, not -Connection.", Connection));
            }
            var session = Open(ManagementAccess.ReadDevices, null);
            // Open has connected with this fingerprint, so it parses.
            var pin = TlsFingerprint == null ? null : CertificatePinning.Parse(TlsFingerprint).Fingerprint;
            var connection = ConnectionRegistry.Current.Add(session, pin);
            WriteVerbose($"Connected {connection}; it is now the default connection in this session.");
            WriteObject(connection);
        }
    }
}
