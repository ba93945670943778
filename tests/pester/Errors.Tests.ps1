# Failures as a script meets them: an exact error id in catch, in -ErrorVariable and in Should -Throw; terminating
# for setup problems and non-terminating for one bad item in a pipeline.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Setup errors stop the command (no gateway needed)' {
    BeforeAll {
        # An empty state folder and module home, so nothing of this computer's OpenClaw set-up is read or written.
        $savedHome = $env:OPENCLAW_POWERSHELL_HOME
        $env:OPENCLAW_POWERSHELL_HOME = Join-Path $TestDrive 'module-home'
        $unreachable = @{ Url = "ws://127.0.0.1:$(Get-FreeTcpPort)"; Token = 'not-a-real-token'; StateDirectory = "$TestDrive"; TimeoutSec = 5 }
    }
    AfterAll {
        $env:OPENCLAW_POWERSHELL_HOME = $savedHome
    }

    It 'an unreachable gateway is OpenClaw.GatewayUnreachable, in catch and in -ErrorVariable, without the token' {
        $caught = $null
        try { Get-OpenClawDevice @unreachable -ErrorVariable problems } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.GatewayUnreachable Get-OpenClawDevice)
        "$($caught.CategoryInfo.Category)" | Should -Be 'ConnectionError'
        # A terminating error reaches -ErrorVariable as the exception that carries its record.
        $problems[0] | Should -BeOfType ([System.Management.Automation.IContainsErrorRecord])
        $problems[0].ErrorRecord.FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.GatewayUnreachable Get-OpenClawDevice)
        "$caught" | Should -Not -Match 'not-a-real-token'
    }

    It '-Token with -Password is OpenClaw.ConflictingCredentials before anything is sent' {
        { Get-OpenClawDevice @unreachable -Password 'also-not-real' } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.ConflictingCredentials Get-OpenClawDevice)
    }

    It 'an unknown -Release is OpenClaw.InvalidRelease' {
        { Update-OpenClawDeviceScope -DeviceId 0123456789ab -Release 'next-tuesday' @unreachable } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.InvalidRelease Update-OpenClawDeviceScope)
    }

    It 'a URL that carries a password is refused without printing it' {
        $caught = $null
        try { Get-OpenClawDevice -Url 'ws://user:hunter2-secret@127.0.0.1:1' -StateDirectory "$TestDrive" } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        "$caught" | Should -Not -Match 'hunter2-secret'
    }

    It '-Offline on a folder that is no OpenClaw state is a clear error naming the folder' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'not-openclaw')
        $caught = $null
        try { Get-OpenClawDevice -Offline -StateDirectory $empty.FullName } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.PairingStoreNotFound Get-OpenClawDevice)
        "$caught" | Should -Match ([regex]::Escape($empty.FullName))
    }
}

Describe 'Per-item errors against the test gateway' -Skip:(-not $TestGateway) {
    It 'an unknown device id is a non-terminating OpenClaw.DeviceNotFound; the other devices still come back' {
        $known = @(Get-OpenClawDevice @TestGateway)[0]
        $found = @(Get-OpenClawDevice @TestGateway -DeviceId 'ffffffffff00', $known.DeviceId -ErrorAction SilentlyContinue -ErrorVariable problems)
        $found | Should -HaveCount 1
        $found[0].DeviceId | Should -Be $known.DeviceId
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.DeviceNotFound Get-OpenClawDevice)
        $problems[0].TargetObject | Should -Be 'ffffffffff00'
        "$($problems[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

    It 'Update-OpenClawDeviceScope reports an unknown device the same way and goes on' {
        $null = Update-OpenClawDeviceScope @TestGateway -DeviceId 'ffffffffff00' -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems.FullyQualifiedErrorId | Should -Contain (Get-FullErrorId OpenClaw.DeviceNotFound Update-OpenClawDeviceScope)
    }

    It 'a scope the release does not know is OpenClaw.InvalidScope' {
        $known = @(Get-OpenClawDevice @TestGateway)[0]
        { Update-OpenClawDeviceScope @TestGateway -DeviceId $known.DeviceId -Scope 'operator.everything' -WhatIf } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.InvalidScope Update-OpenClawDeviceScope)
    }

    It '-ErrorAction Stop turns a per-item error into one that ends the pipeline' {
        { Get-OpenClawDevice @TestGateway -DeviceId 'ffffffffff00' -ErrorAction Stop } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.DeviceNotFound Get-OpenClawDevice)
    }

    It 'a script can turn written errors into an exit code' {
        # The pattern of the README's unattended recipes: collect with -ErrorVariable, exit 1 when anything failed.
        $null = Get-OpenClawDevice @TestGateway -DeviceId 'ffffffffff00' -ErrorAction SilentlyContinue -ErrorVariable +failures
        $exitCode = if ($failures.Count -gt 0) { 1 } else { 0 }
        $exitCode | Should -Be 1
    }
}
