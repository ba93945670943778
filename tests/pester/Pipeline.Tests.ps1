# The pipeline the module exists for, against the test gateway: Get | Test | Update, with -WhatIf first.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    function Get-Report { Get-OpenClawDevice @TestGateway | Test-OpenClawDeviceScope }
    function Get-Snapshot {
        # Each device's approved scopes and token scopes, as one comparable line per device and role.
        @(Get-Report | ForEach-Object { "$($_.DeviceId)/$($_.Role): $($_.ApprovedScopes -join ',') | $($_.TokenScopes -join ',')" })
    }
}

Describe 'Get | Test | Update against the test gateway' -Skip:(-not $TestGateway) {
    It 'Get-OpenClawDevice returns typed devices without token values' {
        $devices = @(Get-OpenClawDevice @TestGateway)
        $devices.Count | Should -BeGreaterThan 0
        foreach ($device in $devices) {
            $device | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDevice])
            $device.ShortId | Should -Be $device.DeviceId.Substring(0, 12)
            $device.GatewayRelease | Should -Not -BeNullOrEmpty
            $device.PSObject.Properties.Name | Should -Not -Contain 'Token'
        }
    }

    It 'Test-OpenClawDeviceScope judges every device and role, with a reason' {
        $reports = @(Get-Report)
        $reports.Count | Should -BeGreaterThan 0
        foreach ($report in $reports) {
            $report | Should -BeOfType ([OpenClaw.PowerShell.DeviceScopeReport])
            $report.Reason | Should -Not -BeNullOrEmpty
            # A device is compliant exactly when nothing is missing.
            $report.IsCompliant | Should -Be (@($report.MissingScopes).Count + @($report.MissingTokenScopes).Count -eq 0)
        }
    }

    It 'Update-OpenClawDeviceScope -WhatIf changes nothing' {
        $before = Get-Snapshot
        $output = Get-Report | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @TestGateway -WhatIf -PassThru
        $output | Should -BeNullOrEmpty
        Get-Snapshot | Should -Be $before
    }

    It 'Update-OpenClawDeviceScope repairs every non-compliant device, verified, and never removes a scope' {
        $needy = @(Get-Report | Where-Object { -not $_.IsCompliant })
        $changes = @($needy | Update-OpenClawDeviceScope @TestGateway -PassThru -Confirm:$false)
        $changes | Should -HaveCount $needy.Count
        foreach ($change in $changes) {
            $change | Should -BeOfType ([OpenClaw.PowerShell.DeviceScopeChange])
            $change.Status | Should -Be 'Repaired' -Because $change.Error
            $change.Verified | Should -BeTrue
            foreach ($scope in $change.ScopesBefore) { $change.ScopesAfter | Should -Contain $scope }
        }
    }

    It 'a second Test finds every device compliant, so a second Update has nothing to do' {
        @(Get-Report | Where-Object { -not $_.IsCompliant }) | Should -HaveCount 0
        Get-Report | Update-OpenClawDeviceScope @TestGateway -PassThru | Should -BeNullOrEmpty
    }
}
