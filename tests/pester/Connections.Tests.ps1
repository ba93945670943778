# Session connections: Connect-OpenClawGateway (a typed OpenClawConnection that never shows the token),
# Get-OpenClawConnection (all, -Default), -Connection on Get-OpenClawDevice and Test-OpenClawDeviceScope,
# Disconnect-OpenClawGateway (-Connection, pipeline, -All); and Test-OpenClawDeviceScope in its DeviceId, Device
# (-InputObject and pipeline) and Offline sets with -Release and -RequiredScope.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Run = [guid]::NewGuid().ToString('N').Substring(0, 6)
    $Made = [System.Collections.Generic.List[string]]::new()

    function New-ConnectionsDevice([string] $Name, [string[]] $Scope) {
        $answer = Connect-TestNamedDevice $Gateway -Name "pester-connections-$Run-$Name" -Scope $Scope
        if (-not $answer.ok) { throw "Could not pair pester-connections-$Run-${Name}: $($answer.code) $($answer.message)" }
        $Made.Add($answer.deviceId)
        $answer.deviceId
    }
}

AfterAll {
    Disconnect-OpenClawGateway -All
    if ($TestGateway -and $Made.Count) { Remove-OpenClawDevice @TestGateway -DeviceId $Made -Confirm:$false -ErrorAction SilentlyContinue }
}

Describe 'Connect, list, use and disconnect against the test gateway' -Skip:(-not $TestGateway) {
    BeforeAll {
        Disconnect-OpenClawGateway -All
        $first = Connect-OpenClawGateway @TestGateway
        $second = Connect-OpenClawGateway @TestGateway -TimeoutSec 20
    }
    AfterAll {
        Disconnect-OpenClawGateway -All
    }

    It 'returns an open OpenClawConnection that signs as the CLI identity of the state folder' {
        $first | Should -BeOfType ([OpenClaw.PowerShell.OpenClawConnection])
        (Get-Command Connect-OpenClawGateway).OutputType.Type | Should -Contain $first.GetType()
        $first.IsOpen | Should -BeTrue
        $first.GatewayRelease | Should -Be $Gateway.Release
        "$($first.Url)" | Should -Be "$(([uri] $Gateway.Url).AbsoluteUri)"
        "$($first.IdentitySource)" | Should -Be 'OpenClawCli'
        $first.Scopes | Should -Be @('operator.pairing')
        $second.Id | Should -Not -Be $first.Id
    }

    It 'never shows the token: not in a property, ToString, Format-List * or the verbose stream' {
        $token = [regex]::Escape($TestGateway.Token)
        foreach ($property in $first.PSObject.Properties) { "$($property.Value)" | Should -Not -Match $token -Because $property.Name }
        "$first" | Should -Not -Match $token
        $first | Format-List * | Out-String | Should -Not -Match $token
        $first | Format-Table | Out-String | Should -Not -Match $token
        $verbose = @(Connect-OpenClawGateway @TestGateway -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Count | Should -BeGreaterThan 0
        $verbose.Message -join "`n" | Should -Not -Match $token
    }

    It 'Get-OpenClawConnection lists them oldest first; -Default is the newest' {
        $all = @(Get-OpenClawConnection)
        $all.Count | Should -BeGreaterOrEqual 2
        $all | ForEach-Object { $_ | Should -BeOfType ([OpenClaw.PowerShell.OpenClawConnection]) }
        $all.Id | Should -Contain $first.Id
        @($all.Id | Sort-Object) | Should -Be @($all.Id)
        $default = @(Get-OpenClawConnection -Default)
        $default | Should -HaveCount 1
        $default[0].Id | Should -Be $all[-1].Id
        $default[0].IsDefault | Should -BeTrue
        @($all | Where-Object IsDefault) | Should -HaveCount 1
    }

    It '-Connection selects a connection for Get-OpenClawDevice and Test-OpenClawDeviceScope' {
        $devices = @(Get-OpenClawDevice -Connection $first)
        $devices.Count | Should -BeGreaterThan 0
        $devices[0].GatewayUrl | Should -Be $first.Url
        $reports = @(Test-OpenClawDeviceScope -Connection $first -DeviceId $devices[0].DeviceId)
        $reports | Should -Not -BeNullOrEmpty
        $reports[0] | Should -BeOfType ([OpenClaw.PowerShell.DeviceScopeReport])
    }

    It '-Connection with connection settings is OpenClaw.ConflictingConnection' {
        { Get-OpenClawDevice -Connection $first -Url $TestGateway.Url } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.ConflictingConnection Get-OpenClawDevice)
    }

    It 'Disconnect-OpenClawGateway -Connection closes that one for good; the newest remaining becomes the default' {
        $third = Connect-OpenClawGateway @TestGateway
        Disconnect-OpenClawGateway -Connection $third
        (Get-OpenClawConnection).Id | Should -Not -Contain $third.Id
        (Get-OpenClawConnection -Default).Id | Should -Be (@(Get-OpenClawConnection)[-1].Id)
        { Get-OpenClawDevice -Connection $third } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.ConnectionNotFound Get-OpenClawDevice)
    }

    It 'a connection that is already closed is a non-terminating OpenClaw.ConnectionNotFound; the others still close' {
        $gone = Connect-OpenClawGateway @TestGateway
        $other = Connect-OpenClawGateway @TestGateway
        Disconnect-OpenClawGateway -Connection $gone
        $gone, $other | Disconnect-OpenClawGateway -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.ConnectionNotFound Disconnect-OpenClawGateway)
        (Get-OpenClawConnection).Id | Should -Not -Contain $other.Id
    }

    It 'Disconnect-OpenClawGateway -All closes every connection; Get-OpenClawConnection then returns nothing' {
        Disconnect-OpenClawGateway -All
        Get-OpenClawConnection | Should -BeNullOrEmpty
        Get-OpenClawConnection -Default | Should -BeNullOrEmpty
        $first.IsOpen | Should -BeFalse
    }
}

Describe 'Test-OpenClawDeviceScope parameter sets against the test gateway' -Skip:(-not $TestGateway) {
    BeforeAll {
        # Devices of this file: one with the legacy scopes (a new local device is paired silently with what it asks
        # for on 2026.2.19), and one holding only operator.read.
        $legacyId = New-ConnectionsDevice 'legacy' -Scope operator.admin, operator.approvals, operator.pairing
        $readerId = New-ConnectionsDevice 'reader' -Scope operator.read
    }

    It 'DeviceId set: -Release <Release> decides what a legacy device misses' -ForEach @(
        @{ Release = '2026.2.19'; Missing = @('operator.read', 'operator.write') }
        @{ Release = '2026.2.21'; Missing = @('operator.write') }
        @{ Release = '2026.2.22'; Missing = @() }
    ) {
        $report = Test-OpenClawDeviceScope @TestGateway -DeviceId $legacyId -Release $Release
        $report | Should -BeOfType ([OpenClaw.PowerShell.DeviceScopeReport])
        @($report.MissingScopes) | Should -Be $Missing
        $report.IsCompliant | Should -Be ($Missing.Count -eq 0)
    }

    It 'DeviceId set: -RequiredScope judges against the given list' {
        (Test-OpenClawDeviceScope @TestGateway -DeviceId $readerId).IsCompliant | Should -BeTrue
        $report = Test-OpenClawDeviceScope @TestGateway -DeviceId $readerId -RequiredScope operator.read, operator.write
        $report.IsCompliant | Should -BeFalse
        @($report.MissingScopes) | Should -Be @('operator.write')
    }

    It 'Device set: devices piped from Get-OpenClawDevice are judged as read' {
        $reports = @(Get-OpenClawDevice @TestGateway -DeviceId $legacyId, $readerId | Test-OpenClawDeviceScope -Release 2026.2.19)
        $reports | Should -HaveCount 2
        ($reports | Where-Object DeviceId -EQ $legacyId).MissingScopes | Should -Be @('operator.read', 'operator.write')
        ($reports | Where-Object DeviceId -EQ $readerId).IsCompliant | Should -BeTrue
    }

    It 'Device set: -InputObject with -RequiredScope and -Role' {
        $device = Get-OpenClawDevice @TestGateway -DeviceId $readerId
        $report = Test-OpenClawDeviceScope -InputObject $device -Role operator -RequiredScope operator.write -Release 2026.2.19
        $report.IsCompliant | Should -BeFalse
        @($report.MissingScopes) | Should -Be @('operator.write')
    }

    It 'a -Role the device does not hold is a non-terminating OpenClaw.RoleNotFound' {
        $null = Test-OpenClawDeviceScope @TestGateway -DeviceId $readerId -Role node -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RoleNotFound Test-OpenClawDeviceScope)
    }
}

Describe 'Test-OpenClawDeviceScope -Offline on the stopped store' -Skip:(-not $StoppedStore) {
    It 'Offline set: -Release <Release> and -RequiredScope' -ForEach @(
        @{ Release = '2026.2.19'; Missing = @('operator.read', 'operator.write') }
        @{ Release = '2026.2.21'; Missing = @('operator.write') }
        @{ Release = '2026.9.6'; Missing = @() }
    ) {
        $before = Get-StoreSnapshot $StoppedStore
        $reports = @(Test-OpenClawDeviceScope -Offline -StateDirectory $StoppedStore -Release $Release)
        $reports | Should -HaveCount 2
        foreach ($report in $reports) {
            @($report.MissingScopes) | Should -Be $Missing
            "$($report.GatewayRelease)" | Should -Be $Release
        }
        $pinned = Test-OpenClawDeviceScope -Offline -StateDirectory $StoppedStore -DeviceId (@($reports)[0].DeviceId) -Release $Release -RequiredScope operator.admin
        $pinned.IsCompliant | Should -BeTrue
        Get-StoreSnapshot $StoppedStore | Should -Be $before
    }
}
