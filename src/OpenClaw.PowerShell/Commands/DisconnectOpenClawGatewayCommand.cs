using System.Collections.Generic;
using System.Management.Automation;
using OpenClaw.Core.Errors;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>Closes gateway connections: the given ones, all of them, or by default the default one.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "OpenClawGateway", DefaultParameterSetName = ByConnectionSet)]
    [OutputType(typeof(void))]
    public sealed class DisconnectOpenClawGatewayCommand : PSCmdlet
    {
        private const string ByConnectionSet = "Connection";
        private const string AllSet = "All";
        private readonly List<OpenClawConnection> _targets = new List<OpenClawConnection>();

        [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = ByConnectionSet)]
        [ValidateNotNull]
        public OpenClawConnection[]? Connection { get; set; }

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
            foreach (var connection in _targets)
            {
                if (!registry.Remove(connection))
                {
                    WriteError(ErrorRecords.From(new OpenClawException("OpenClaw.ConnectionNotFound", OpenClawErrorKind.ObjectNotFound,
                        $"Connection {connection} is not open in this session.", "List the open connections with Get-OpenClawConnection.", connection)));
                    continue;
                }
                connection.Session.Dispose();
                WriteVerbose($"Closed connection {connection}.");
            }
        }
    }
}
