using System.Linq;
using System.Management.Automation;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>Lists this session's gateway connections, oldest first; the last is the default.</summary>
    [Cmdlet(VerbsCommon.Get, "OpenClawConnection")]
    [OutputType(typeof(OpenClawConnection))]
    public sealed class GetOpenClawConnectionCommand : PSCmdlet
    {
        /// <summary>Only the default connection.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        protected override void EndProcessing()
        {
            var registry = ConnectionRegistry.Current;
            if (Default)
            {
                if (registry.Default != null) WriteObject(registry.Default);
                return;
            }
            WriteObject(registry.All.ToArray(), enumerateCollection: true);
        }
    }
}
