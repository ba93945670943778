# What the README's unattended recipes rely on: nothing prompts under -Confirm:$false, and secrets stay out of
# verbose output and transcripts.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Confirmation settings' {
    It 'Update-OpenClawDeviceScope is ConfirmImpact Medium: the default $ConfirmPreference (High) never prompts' {
        (Get-Command Update-OpenClawDeviceScope).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'Medium'
    }

    It '<Command> is ConfirmImpact High: it prompts unless -Confirm:$false' -ForEach @(
        @{ Command = 'Remove-OpenClawDevice' }, @{ Command = 'Revoke-OpenClawDeviceToken' }) {
        (Get-Command $Command).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }
}

Describe 'Verbose output against the test gateway' -Skip:(-not $TestGateway) {
    It 'says what it does and never shows the token' {
        $verbose = @(Get-OpenClawDevice @TestGateway -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Count | Should -BeGreaterThan 0
        $verbose.Message -join "`n" | Should -Not -Match ([regex]::Escape($TestGateway.Token))
    }
}

Describe 'Transcripts' -Skip:(-not $TestGateway) {
    It 'a transcript of a verbose repair holds no token' {
        $transcript = Join-Path $TestDrive 'repair.log'
        Start-Transcript -Path $transcript
        try {
            Get-OpenClawDevice @TestGateway -Name legacy-backend -Verbose |
                Remove-OpenClawDevice @TestGateway -WhatIf -Verbose
        } finally { Stop-Transcript }
        $text = Get-Content -LiteralPath $transcript -Raw
        $text | Should -Match 'VERBOSE: '
        $text | Should -Match 'What if: '
        $text | Should -Not -Match ([regex]::Escape($TestGateway.Token))
    }
}
