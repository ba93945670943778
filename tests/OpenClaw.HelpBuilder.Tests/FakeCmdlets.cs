using System.Management.Automation;

namespace OpenClaw.HelpBuilder.Tests
{
    // Cmdlets that exist only to check the consistency checker itself: GetSampleCommand matches SamplePage.

    [Cmdlet(VerbsCommon.Get, "Sample", DefaultParameterSetName = "ById")]
    public sealed class GetSampleCommand : PSCmdlet
    {
        [Parameter(Position = 0, ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[]? Id { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ByObject", ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        [Parameter]
        [Alias("f")]
        public SwitchParameter Force { get; set; }
    }

    /// <summary>The same parameters, plus ShouldProcess (so -WhatIf and -Confirm) and one undocumented parameter.</summary>
    [Cmdlet(VerbsCommon.Set, "Sample", DefaultParameterSetName = "ById", SupportsShouldProcess = true)]
    public sealed class SetSampleCommand : PSCmdlet
    {
        [Parameter(Position = 0, ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[]? Id { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ByObject", ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        [Parameter]
        [Alias("f")]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public int Retries { get; set; } = 3;
    }
}
