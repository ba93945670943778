# Failures as a script meets them: an OpenClaw.* error id in -ErrorVariable or in catch, terminating for setup
# problems and non-terminating for one bad item in a pipeline.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Setup errors stop the command (no gateway needed)' {
    BeforeAll {
        # An empty state folder and module home, so nothing of this computer's OpenClaw set-up is read or written.
        $folder = New-TestFolder
        $savedHome = $env:OPENCLAW_POWERSHELL_HOME
        $env:OPENCLAW_POWERSHELL_HOME = [System.IO.Path]::Combine($folder, 'module-home')
        $offline = @{ Url = "ws://127.0.0.1:$(Get-FreeTcpPort)"; Token = 'not-a-real-token'; StateDirectory = $folder; TimeoutSec = 5 }
    }
    AfterAll {
        $env:OPENCLAW_POWERSHELL_HOME = $savedHome
        Remove-TestFolder $folder
    }

    It 'an unreachable gateway is OpenClaw.GatewayUnreachable, in catch and in -ErrorVariable' {
        $caught = $null
        try { Get-OpenClawDevice @offline -ErrorVariable problems } catch { $caught = $_ }
        Get-ErrorId $caught | Should -Be 'OpenClaw.GatewayUnreachable'
        @($problems | ForEach-Object { Get-ErrorId $_ }) | Should -Contain 'OpenClaw.GatewayUnreachable'
        "$caught" | Should -Not -Match 'not-a-real-token'
    }

    It '-Token with -Password is OpenClaw.ConflictingCredentials before anything is sent' {
        { Get-OpenClawDevice @offline -Password 'also-not-real' } | Should -Throw -ErrorId 'OpenClaw.ConflictingCredentials'
    }

    It 'an unknown -Release is OpenClaw.InvalidRelease' {
        { Update-OpenClawDeviceScope -DeviceId 0123456789ab -Release 'next-tuesday' @offline } | Should -Throw -ErrorId 'OpenClaw.InvalidRelease'
    }
}

Describe 'Per-item errors against the test gateway' -Skip:(-not $TestGateway) {
    It 'an unknown device id is a non-terminating OpenClaw.DeviceNotFound; the other devices still come back' {
        $known = @(Get-OpenClawDevice @TestGateway)[0]
        $found = @(Get-OpenClawDevice @TestGateway -DeviceId 'ffffffffff00', $known.DeviceId -ErrorAction SilentlyContinue -ErrorVariable problems)
        $found | Should -HaveCount 1
        $found[0].DeviceId | Should -Be $known.DeviceId
        $problems | Should -HaveCount 1
        Get-ErrorId $problems[0] | Should -Be 'OpenClaw.DeviceNotFound'
        $problems[0].TargetObject | Should -Be 'ffffffffff00'
        "$($problems[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

    It 'Update-OpenClawDeviceScope reports an unknown device the same way and goes on' {
        $null = Update-OpenClawDeviceScope @TestGateway -DeviceId 'ffffffffff00' -ErrorAction SilentlyContinue -ErrorVariable problems
        @($problems | ForEach-Object { Get-ErrorId $_ }) | Should -Contain 'OpenClaw.DeviceNotFound'
    }

    It 'a scope the release does not know is OpenClaw.InvalidScope' {
        $known = @(Get-OpenClawDevice @TestGateway)[0]
        { Update-OpenClawDeviceScope @TestGateway -DeviceId $known.DeviceId -Scope 'operator.everything' -WhatIf } |
            Should -Throw -ErrorId 'OpenClaw.InvalidScope'
    }

    It 'a script can turn written errors into an exit code' {
        # The pattern of the README's unattended recipes: collect with -ErrorVariable, exit 1 when anything failed.
        $null = Get-OpenClawDevice @TestGateway -DeviceId 'ffffffffff00' -ErrorAction SilentlyContinue -ErrorVariable +failures
        $exitCode = if ($failures.Count -gt 0) { 1 } else { 0 }
        $exitCode | Should -Be 1
    }
}
