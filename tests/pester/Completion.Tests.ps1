# Tab completion as a console offers it: TabExpansion2, the same entry point PSReadLine and editors use.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    # Every -DeviceId that declares a completer (Get-OpenClawScopeUpgradeEvent reads logs and declares none).
    $deviceIdCases = @(Get-Command -Module OpenClaw.PowerShell | Where-Object {
            $_.Parameters.ContainsKey('DeviceId') -and
            ($_.Parameters['DeviceId'].Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] })
        } | ForEach-Object { @{ Command = $_.Name } })
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Completion that needs no gateway' {
    It 'completes the cmdlet names' {
        Complete 'Get-OpenClawDev' | Should -Contain 'Get-OpenClawDevice'
        Complete 'Update-OpenClaw' | Should -Contain 'Update-OpenClawDeviceScope'
    }

    It 'completes parameter names' {
        Complete 'Update-OpenClawDeviceScope -Pass' | Should -Contain '-PassThru'
        Complete 'Get-OpenClawDevice -State' | Should -Contain '-StateDirectory'
    }

    It 'offers operator scopes for -Scope' {
        $offered = @(Complete 'Update-OpenClawDeviceScope -DeviceId x -Scope operator.')
        $offered | Should -Contain 'operator.read'
        $offered | Should -Contain 'operator.write'
        $offered | Where-Object { $_ -notlike 'operator.*' } | Should -BeNullOrEmpty
    }
}

Describe 'Completion from what was listed from the test gateway' -Skip:(-not $TestGateway) {
    BeforeAll {
        $devices = @(Get-OpenClawDevice @TestGateway)
        $device = $devices[0]
    }

    It '<Command> -DeviceId completes the ids of listed devices' -ForEach $deviceIdCases {
        Complete "$Command -DeviceId $($device.DeviceId.Substring(0, 8))" | Should -Contain $device.DeviceId
    }

    It 'Get-OpenClawDevice -Name completes names, quoted when they have spaces' {
        $named = @($devices | Where-Object { "$($_.DisplayName)".Length -ge 2 })
        foreach ($each in $named) {
            $expected = if ($each.DisplayName -match '\s') { "'$($each.DisplayName)'" } else { $each.DisplayName }
            Complete "Get-OpenClawDevice -Name $($each.DisplayName.Substring(0, 2))" | Should -Contain $expected
        }
    }

    It 'the scopes offered are the ones the gateway release knows' {
        $offered = @(Complete 'Update-OpenClawDeviceScope -DeviceId x -Scope operator.')
        foreach ($scope in @($devices | ForEach-Object { $_.Scopes })) { $offered | Should -Contain $scope }
    }
}
