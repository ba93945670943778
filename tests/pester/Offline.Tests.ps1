# The offline repair on a private copy of the real stopped store (paired on 2026.2.17): Get-OpenClawDevice -Offline
# and its filters, Test-OpenClawDeviceScope -Offline -Release 2026.2.19, Update-OpenClawDeviceScope -Offline (-WhatIf
# writes nothing, the repair keeps every token value and backs up paired.json), and OpenClaw.GatewayRunning for the
# folder of a running gateway. See about_OpenClaw_OfflineRepair.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1

    function Get-TokenValue([string] $State) {
        # deviceId/role -> token value, to compare (never to print).
        $values = @{}
        foreach ($device in (Get-StoreJson $State 'paired.json').Values) {
            foreach ($role in $device.tokens.Keys) { $values["$($device.deviceId)/$role"] = $device.tokens[$role].token }
        }
        $values
    }
}

Describe 'Get-OpenClawDevice -Offline' -Skip:(-not $StoppedStore) {
    BeforeAll {
        $state = Copy-OfflineStore (Join-Path $TestDrive 'get')
        $records = Get-StoreJson $state 'paired.json'
    }

    It 'returns every paired record as a typed OpenClawDevice from the folder, writing nothing' {
        $before = Get-StoreSnapshot $state
        $devices = @(Get-OpenClawDevice -Offline -StateDirectory $state)
        Get-StoreSnapshot $state | Should -Be $before
        @($devices.DeviceId | Sort-Object) | Should -Be @($records.Keys | Sort-Object)
        foreach ($device in $devices) {
            $device | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDevice])
            $device.ShortId | Should -Be $device.DeviceId.Substring(0, 12)
            "$($device.GatewayUrl)" | Should -Be ([System.Uri]::new($state.TrimEnd('/') + '/').AbsoluteUri)
            $device.Scopes | Should -Be @('operator.admin', 'operator.approvals', 'operator.pairing')
        }
        @($devices | Where-Object IsCurrentIdentity).ClientId | Should -Be 'cli'
    }

    It 'shows no token value in any property or view' {
        $text = Get-OpenClawDevice -Offline -StateDirectory $state | Format-List * | Out-String
        $text += Get-OpenClawDevice -Offline -StateDirectory $state | Format-Table | Out-String
        $leaked = @((Get-TokenValue $state).Values | Where-Object { $text.Contains($_) })
        $leaked.Count | Should -Be 0 -Because 'token values must never be shown'
    }

    It 'filters by -DeviceId (short id), -Name and -Role' {
        $legacyId = @($records.Values | Where-Object displayName -EQ 'legacy-backend')[0].deviceId
        @(Get-OpenClawDevice -Offline -StateDirectory $state -DeviceId $legacyId.Substring(0, 12)).DeviceId | Should -Be $legacyId
        @(Get-OpenClawDevice -Offline -StateDirectory $state -Name 'legacy-*').DeviceId | Should -Be $legacyId
        @(Get-OpenClawDevice -Offline -StateDirectory $state -Role operator) | Should -HaveCount $records.Count
        @(Get-OpenClawDevice -Offline -StateDirectory $state -Role node) | Should -HaveCount 0
    }

    It 'an unknown -DeviceId is a non-terminating OpenClaw.DeviceNotFound' {
        $null = Get-OpenClawDevice -Offline -StateDirectory $state -DeviceId 'ffffffffff00' -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.DeviceNotFound Get-OpenClawDevice)
    }

    It '-Offline without -StateDirectory is OpenClaw.StateDirectoryRequired' {
        { Get-OpenClawDevice -Offline } | Should -Throw -ErrorId (Get-FullErrorId OpenClaw.StateDirectoryRequired Get-OpenClawDevice)
    }
}

Describe 'A gateway''s state folder where nothing has paired yet (no gateway needed)' {
    BeforeAll {
        # What a fresh gateway leaves before any device pairs (2026.2.22+ makes no devices/ folder until then).
        $fresh = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'fresh/identity')
        $fresh = $fresh.Parent.FullName
        Set-Content -LiteralPath (Join-Path $fresh 'openclaw.json') -Value '{}'
    }

    It 'lists no devices, with no error, and says why in verbose' {
        $verbose = Get-OpenClawDevice -Offline -StateDirectory $fresh -ErrorVariable problems -Verbose 4>&1
        $problems | Should -BeNullOrEmpty
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'nothing has paired yet'
    }

    It 'has nothing to repair' {
        Test-OpenClawDeviceScope -Offline -StateDirectory $fresh -Release 2026.2.19 | Should -BeNullOrEmpty
    }
}

Describe 'Test and Update -Offline -Release 2026.2.19' -Skip:(-not $StoppedStore) {
    BeforeAll {
        $state = Copy-OfflineStore (Join-Path $TestDrive 'repair')
        $offline = @{ Offline = $true; StateDirectory = $state; Release = '2026.2.19' }
        $tokensBefore = Get-TokenValue $state
        $pairedBefore = Get-Content -LiteralPath (Join-Path $state 'devices/paired.json') -Raw
    }

    It 'Test finds both legacy devices missing operator.read and operator.write' {
        $reports = @(Test-OpenClawDeviceScope @offline)
        $reports | Should -HaveCount 2
        foreach ($report in $reports) {
            $report | Should -BeOfType ([OpenClaw.PowerShell.DeviceScopeReport])
            $report.IsCompliant | Should -BeFalse
            @($report.MissingScopes) | Should -Be @('operator.read', 'operator.write')
            @($report.MissingTokenScopes) | Should -Be @('operator.read', 'operator.write')
            "$($report.GatewayRelease)" | Should -Be '2026.2.19'
        }
    }

    It 'Update -WhatIf writes nothing: no lock file, no backup, no temporary file' {
        $before = Get-StoreSnapshot $state
        $output = Test-OpenClawDeviceScope @offline | Update-OpenClawDeviceScope @offline -WhatIf -PassThru
        $output | Should -BeNullOrEmpty
        Get-StoreSnapshot $state | Should -Be $before
    }

    It 'Update -Confirm:$false -PassThru repairs both as OfflineEdit changes, verified, with a backup' {
        $changes = @(Test-OpenClawDeviceScope @offline | Where-Object { -not $_.IsCompliant } |
            Update-OpenClawDeviceScope @offline -Confirm:$false -PassThru)
        $changes | Should -HaveCount 2
        foreach ($change in $changes) {
            $change | Should -BeOfType ([OpenClaw.PowerShell.DeviceScopeChange])
            (Get-Command Update-OpenClawDeviceScope).OutputType.Type | Should -Contain $change.GetType()
            $change.Status | Should -Be 'Repaired' -Because $change.Error
            "$($change.Method)" | Should -Be 'OfflineEdit'
            $change.Verified | Should -BeTrue
            $change.TokenReissued | Should -BeFalse
            @($change.AddedScopes) | Should -Be @('operator.read', 'operator.write')
            foreach ($scope in $change.ScopesBefore) { $change.ScopesAfter | Should -Contain $scope }
            $change.StateFile | Should -Be (Join-Path $state 'devices/paired.json')
            $change.Backups | Should -Not -BeNullOrEmpty
            $change.Backups | ForEach-Object { Test-Path -LiteralPath $_ | Should -BeTrue }
        }
        $backups = @(Get-ChildItem -LiteralPath (Join-Path $state 'devices') -Filter 'paired.json.openclaw-powershell-*.bak')
        $backups | Should -HaveCount 1
        Get-Content -LiteralPath $backups[0].FullName -Raw | Should -BeExactly $pairedBefore
    }

    It 'a second Test finds every device compliant, and a second Update has nothing to do' {
        @(Test-OpenClawDeviceScope @offline | Where-Object { -not $_.IsCompliant }) | Should -HaveCount 0
        $before = Get-StoreSnapshot $state
        Test-OpenClawDeviceScope @offline | Update-OpenClawDeviceScope @offline -Confirm:$false -PassThru | Should -BeNullOrEmpty
        Get-StoreSnapshot $state | Should -Be $before
    }

    It 'keeps every token value in paired.json, and the scopes reach the records and their tokens' {
        $tokensAfter = Get-TokenValue $state
        @($tokensAfter.Keys | Sort-Object) | Should -Be @($tokensBefore.Keys | Sort-Object)
        # Compared as one boolean, so a failure never prints a token.
        $changed = @($tokensBefore.Keys | Where-Object { $tokensAfter[$_] -cne $tokensBefore[$_] })
        $changed | Should -BeNullOrEmpty -Because 'the offline repair must not change a token value'
        foreach ($record in (Get-StoreJson $state 'paired.json').Values) {
            $record.scopes | Should -Contain 'operator.read'
            $record.scopes | Should -Contain 'operator.write'
            $record.tokens.operator.scopes | Should -Contain 'operator.write'
        }
    }

    It 'an unknown -DeviceId is a non-terminating OpenClaw.DeviceNotFound' {
        Update-OpenClawDeviceScope @offline -DeviceId 'ffffffffff00' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.DeviceNotFound Update-OpenClawDeviceScope)
    }
}

Describe 'Offline changes to the folder of a running gateway' -Skip:(-not $TestGateway) {
    BeforeAll {
        # A device of this file with the legacy scopes, so an offline repair would have something to write.
        $answer = Connect-TestNamedDevice $Gateway -Name "pester-offline-$([guid]::NewGuid().ToString('N').Substring(0, 6))" -Scope operator.admin, operator.approvals, operator.pairing
        $deviceId = $answer.deviceId
        $running = @{ Offline = $true; StateDirectory = $TestGateway.StateDirectory; Release = '2026.2.19'; DeviceId = $deviceId }
    }
    AfterAll {
        if ($deviceId) { Remove-OpenClawDevice @TestGateway -DeviceId $deviceId -Confirm:$false -ErrorAction SilentlyContinue }
    }

    It 'the device is paired and non-compliant on the running gateway' {
        $answer.ok | Should -BeTrue
        (Test-OpenClawDeviceScope @TestGateway -DeviceId $deviceId -Release 2026.2.19).IsCompliant | Should -BeFalse
    }

    It 'Update -Offline stops with OpenClaw.GatewayRunning and writes nothing' {
        { Update-OpenClawDeviceScope @running -Confirm:$false } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.GatewayRunning Update-OpenClawDeviceScope)
        (Get-OpenClawDevice @TestGateway -DeviceId $deviceId).Scopes | Should -Not -Contain 'operator.read'
        @(Get-ChildItem -LiteralPath (Join-Path $TestGateway.StateDirectory 'devices') -Filter '*.openclaw-powershell-*' -Force) | Should -HaveCount 0
    }

    It 'Update -Offline -WhatIf only warns' {
        Update-OpenClawDeviceScope @running -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match 'running'
    }

    It 'Get-OpenClawDevice -Offline may read the store of a running gateway' {
        @(Get-OpenClawDevice -Offline -StateDirectory $TestGateway.StateDirectory).DeviceId | Should -Contain $deviceId
    }
}
