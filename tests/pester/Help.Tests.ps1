# Get-Help as a user reads it, for every exported cmdlet and the about topics.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    $cmdletCases = @($ExportedCmdlets | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
}

Describe 'Get-Help for every exported cmdlet' {
    It '<Name> has a synopsis, a description and at least two examples' -ForEach $cmdletCases {
        $help = Get-Help $Name -Full
        # Without MAML help the engine makes a synopsis out of the syntax.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
        (@($help.description) | ForEach-Object { $_.Text }) -join ' ' | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 1
        foreach ($example in @($help.examples.example)) { $example.code | Should -Not -BeNullOrEmpty }
    }

    It '<Name> documents every parameter it has, and no other' -ForEach $cmdletCases {
        $help = Get-Help $Name -Full
        $documented = @($help.parameters.parameter | Where-Object { $common -notcontains $_.name })
        # DontShow parameters (the hidden -Origin and -PSComputerName that bind piped objects) are not documented.
        $actual = @((Get-Command $Name).Parameters.Values | Where-Object {
                $common -notcontains $_.Name -and -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow })
            } | ForEach-Object Name)
        foreach ($parameter in $actual) {
            @($documented | ForEach-Object { $_.name }) | Should -Contain $parameter -Because "$Name -$parameter needs a doc entry"
        }
        foreach ($entry in $documented) {
            $actual | Should -Contain $entry.name -Because "the help of $Name names -$($entry.name)"
            (@($entry.description) | ForEach-Object { $_.Text }) -join ' ' | Should -Not -BeNullOrEmpty -Because "-$($entry.name) needs a description"
        }
    }
}

Describe 'About topics' {
    It '<Topic> is there' -ForEach @(@{ Topic = 'about_OpenClaw_DeviceScopes' }, @{ Topic = 'about_OpenClaw_Connections' }) {
        "$(Get-Help $Topic)" | Should -Match 'OpenClaw'
    }
}
