# What the README's unattended recipes rely on: nothing prompts under -Confirm:$false, and secrets stay out of
# verbose output and transcripts.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    $noTranscript = -not (Get-Command Start-Transcript -ErrorAction SilentlyContinue)
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Confirmation settings' {
    It 'Update-OpenClawDeviceScope is ConfirmImpact Medium: the default $ConfirmPreference (High) never prompts' {
        (Get-Command Update-OpenClawDeviceScope).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'Medium'
    }

    It '<Command> is ConfirmImpact High: it prompts unless -Confirm:$false' -TestCases @(
        @{ Command = 'Remove-OpenClawDevice' }, @{ Command = 'Revoke-OpenClawDeviceToken' }) {
        (Get-Command $Command).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }
}

Describe 'Verbose output against the test gateway' -Skip:(-not $TestGateway) {
    It 'says what it does and never shows the token' {
        $verbose = @(Get-OpenClawDevice @TestGateway -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Count | Should -BeGreaterThan 0
        if ($env:OPENCLAW_PS_TEST_TOKEN) { ($verbose | ForEach-Object { $_.Message }) -join "`n" | Should -Not -Match ([regex]::Escape($env:OPENCLAW_PS_TEST_TOKEN)) }
    }
}

Describe 'Transcripts (needs Start-Transcript, so not in the hosted engine)' -Skip:($noTranscript -or -not $TestGateway) {
    It 'a transcript of a verbose repair holds no token' {
        $folder = New-TestFolder
        try {
            $transcript = [System.IO.Path]::Combine($folder, 'repair.log')
            Start-Transcript -Path $transcript
            Get-OpenClawDevice @TestGateway -Verbose | Test-OpenClawDeviceScope | Update-OpenClawDeviceScope @TestGateway -WhatIf -Verbose
            Stop-Transcript
            $text = [System.IO.File]::ReadAllText($transcript)
            $text | Should -Match 'Get-OpenClawDevice|VERBOSE'
            if ($env:OPENCLAW_PS_TEST_TOKEN) { $text | Should -Not -Match ([regex]::Escape($env:OPENCLAW_PS_TEST_TOKEN)) }
        } finally { Remove-TestFolder $folder }
    }
}
