using System.Management.Automation;

namespace OpenClaw.Benchmarks.EmptyModule
{
    /// <summary>The one cmdlet of the empty module: importing it costs what any binary module costs.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchmarkEmpty")]
    [OutputType(typeof(string))]
    public sealed class GetBenchmarkEmptyCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("empty");
    }
}
