using System.Collections.Generic;
using System.Management.Automation;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Closes gateway connections: the given ones, all of them, or by default the default one. The previous
    /// connection, if any, becomes the default; with none left, online cmdlets resolve their settings again.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "OpenClawGateway", DefaultParameterSetName = ByConnectionSet)]
    [OutputType(typeof(void))]
    public sealed class DisconnectOpenClawGatewayCommand : PSCmdlet
    {
        private const string ByConnectionSet = "Connection";
        private const string AllSet = "All";
        private readonly List<OpenClawConnection> _targets = new List<OpenClawConnection>();

        /// <summary>The connections to close, from Connect-OpenClawGateway or Get-OpenClawConnection.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = ByConnectionSet)]
        [ValidateNotNull]
        public OpenClawConnection[]? Connection { get; set; }

        /// <summary>Close every connection of this session.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            if (Connection != null) _targets.AddRange(Connection);
        }

        protected override void EndProcessing()
        {
            var registry = ConnectionRegistry.Current;
            if (All) _targets.AddRange(registry.All);
            else if (_targets.Count == 0 && registry.Default is { } current) _targets.Add(current);
            if (_targets.Count == 0) WriteVerbose("There is no open connection to close.");
            foreach (var connection in _targets)
            {
                if (!registry.Close(connection))
                {
                    WriteError(ErrorRecords.From(ConnectionRegistry.NotFound(connection)));
                    continue;
                }
                WriteVerbose($"Closed connection {connection}.");
            }
        }
    }
}
