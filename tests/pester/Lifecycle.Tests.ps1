# Remove-OpenClawDevice, Rename-OpenClawDevice and Revoke-OpenClawDeviceToken: online against the test gateway (by
# -DeviceId and from the pipeline) and -Offline against a private copy of the stopped store, each with -WhatIf first,
# -PassThru output types, backups (and -NoBackup) offline, and an unknown id as a non-terminating OpenClaw.DeviceNotFound.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1

    # An id no device has: 12 hex digits, so it is a valid prefix that matches nothing.
    $NoSuchDevice = 'ffffffffff00'
    # Device names unique to this file and run, so a rerun on a long-lived gateway starts from new devices.
    $Run = [guid]::NewGuid().ToString('N').Substring(0, 6)

    function New-LifecycleDevice([string] $Name, [string[]] $Scope = @('operator.read')) {
        # Pairs a new backend device (a new local device is paired silently on 2026.2.19) and returns it as listed.
        $answer = Connect-TestNamedDevice $Gateway -Name "pester-lifecycle-$Run-$Name" -Scope $Scope
        if (-not $answer.ok) { throw "Could not pair pester-lifecycle-$Run-${Name}: $($answer.code) $($answer.message)" }
        Get-OpenClawDevice @TestGateway -DeviceId $answer.deviceId
    }

    function Get-DeviceLine([string] $DeviceId) {
        # One comparable line of what a lifecycle change could alter: name, scopes, tokens and pending requests.
        $device = Get-OpenClawDevice @TestGateway -DeviceId $DeviceId -ErrorAction SilentlyContinue
        if (-not $device) { return '<gone>' }
        '{0} | {1} | {2} | {3}' -f $device.Name, ($device.Scopes -join ','),
            (($device.Tokens | ForEach-Object { "$($_.Role)[$($_.Scopes -join ',')] revoked=$($_.IsRevoked)" }) -join ';'),
            (@($device.PendingRequests).Count)
    }

    function New-StoreCopy([string] $Name) {
        Copy-OfflineStore (Join-Path $TestDrive $Name)
    }

    $Made = [System.Collections.Generic.List[string]]::new()
}

Describe 'Revoke-OpenClawDeviceToken against the test gateway' -Skip:(-not $TestGateway) {
    BeforeAll {
        $byId = New-LifecycleDevice 'revoke-1'
        $byPipe = New-LifecycleDevice 'revoke-2'
        $Made.Add($byId.DeviceId); $Made.Add($byPipe.DeviceId)
    }
    AfterAll {
        # A device with a revoked token cannot be repaired, and Pipeline.Tests.ps1 repairs every device it finds.
        if ($Made.Count) { Remove-OpenClawDevice @TestGateway -DeviceId $Made -Confirm:$false -ErrorAction SilentlyContinue }
        $Made.Clear()
    }

    It '-WhatIf revokes nothing and returns nothing' {
        $before = Get-DeviceLine $byId.DeviceId
        $output = Revoke-OpenClawDeviceToken @TestGateway -DeviceId $byId.DeviceId -WhatIf -PassThru
        $output | Should -BeNullOrEmpty
        Get-DeviceLine $byId.DeviceId | Should -Be $before
    }

    It '-DeviceId -Confirm:$false -PassThru revokes the token, verified, as a DeviceTokenRevocation' {
        $result = @(Revoke-OpenClawDeviceToken @TestGateway -DeviceId $byId.DeviceId -Confirm:$false -PassThru)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType ([OpenClaw.PowerShell.DeviceTokenRevocation])
        (Get-Command Revoke-OpenClawDeviceToken).OutputType.Type | Should -Contain $result[0].GetType()
        $result[0].Status | Should -Be 'Revoked' -Because $result[0].Error
        $result[0].Role | Should -Be 'operator'
        $result[0].Verified | Should -BeTrue
        $result[0].RevokedAt | Should -Not -BeNullOrEmpty
        (Get-OpenClawDevice @TestGateway -DeviceId $byId.DeviceId).Tokens.IsRevoked | Should -Be $true
        (Test-OpenClawDeviceScope @TestGateway -DeviceId $byId.DeviceId).TokenRevoked | Should -BeTrue
    }

    It 'a token that is already revoked is left alone (AlreadyRevoked)' {
        $result = Revoke-OpenClawDeviceToken @TestGateway -DeviceId $byId.DeviceId -Confirm:$false -PassThru
        $result.Status | Should -Be 'AlreadyRevoked'
    }

    It 'binds DeviceId and Role from Get-OpenClawDevice in the pipeline' {
        $result = @(Get-OpenClawDevice @TestGateway -DeviceId $byPipe.DeviceId |
            Revoke-OpenClawDeviceToken @TestGateway -Confirm:$false -PassThru)
        $result | Should -HaveCount 1
        $result[0].DeviceId | Should -Be $byPipe.DeviceId
        $result[0].Status | Should -Be 'Revoked' -Because $result[0].Error
        (Get-OpenClawDevice @TestGateway -DeviceId $byPipe.DeviceId).Tokens.IsRevoked | Should -Be $true
    }

    It 'an unknown id is a non-terminating OpenClaw.DeviceNotFound and nothing is returned for it' {
        $result = Revoke-OpenClawDeviceToken @TestGateway -DeviceId $NoSuchDevice -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable problems
        $result | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.DeviceNotFound Revoke-OpenClawDeviceToken)
        $problems[0].TargetObject | Should -Be $NoSuchDevice
    }

    It 'refuses the device the module signs in with (OpenClaw.CurrentIdentityProtected)' {
        $me = Get-OpenClawDevice @TestGateway | Where-Object IsCurrentIdentity
        $me | Should -Not -BeNullOrEmpty
        # -WhatIf as well, so a missing protection could not cut off the suite's own identity.
        Revoke-OpenClawDeviceToken @TestGateway -DeviceId $me.DeviceId -WhatIf -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems.FullyQualifiedErrorId | Should -Contain (Get-FullErrorId OpenClaw.CurrentIdentityProtected Revoke-OpenClawDeviceToken)
    }
}

Describe 'Remove-OpenClawDevice against the test gateway' -Skip:(-not $TestGateway) {
    BeforeAll {
        $byId = New-LifecycleDevice 'remove-1'
        $byPipe = New-LifecycleDevice 'remove-2'
        $Made.Add($byId.DeviceId); $Made.Add($byPipe.DeviceId)
    }
    AfterAll {
        if ($Made.Count) { Remove-OpenClawDevice @TestGateway -DeviceId $Made -Confirm:$false -ErrorAction SilentlyContinue }
        $Made.Clear()
    }

    It '-WhatIf removes nothing and returns nothing' {
        $before = Get-DeviceLine $byId.DeviceId
        Remove-OpenClawDevice @TestGateway -DeviceId $byId.DeviceId -WhatIf -PassThru | Should -BeNullOrEmpty
        Get-DeviceLine $byId.DeviceId | Should -Be $before
        $before | Should -Not -Be '<gone>'
    }

    It '-DeviceId -Confirm:$false -PassThru removes the device and rejects the request it left pending' {
        # Asking for more than it holds makes 2026.2.19 file a repair request, which removal must not leave behind.
        $refused = Connect-TestNamedDevice $Gateway -Name "pester-lifecycle-$Run-remove-1" -Scope operator.read, operator.write
        $refused.requestId | Should -Not -BeNullOrEmpty
        $result = @(Remove-OpenClawDevice @TestGateway -DeviceId $byId.DeviceId -Confirm:$false -PassThru)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType ([OpenClaw.PowerShell.DeviceRemoval])
        (Get-Command Remove-OpenClawDevice).OutputType.Type | Should -Contain $result[0].GetType()
        $result[0].Status | Should -Be 'Removed' -Because $result[0].Error
        $result[0].Verified | Should -BeTrue
        $result[0].RejectedRequests | Should -Contain $refused.requestId
        Get-DeviceLine $byId.DeviceId | Should -Be '<gone>'
        @(Get-OpenClawDeviceRequest @TestGateway -DeviceId $byId.DeviceId) | Should -HaveCount 0
    }

    It 'removes the devices piped from Get-OpenClawDevice' {
        $result = @(Get-OpenClawDevice @TestGateway -DeviceId $byPipe.DeviceId | Remove-OpenClawDevice @TestGateway -Confirm:$false -PassThru)
        $result.DeviceId | Should -Be $byPipe.DeviceId
        $result.Status | Should -Be 'Removed'
        Get-DeviceLine $byPipe.DeviceId | Should -Be '<gone>'
    }

    It 'an unknown id is a non-terminating OpenClaw.DeviceNotFound; the other ids of the batch are still removed' {
        $other = New-LifecycleDevice 'remove-3'
        $Made.Add($other.DeviceId)
        $result = @(Remove-OpenClawDevice @TestGateway -DeviceId $NoSuchDevice, $other.DeviceId -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable problems)
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.DeviceNotFound Remove-OpenClawDevice)
        "$($problems[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $result.DeviceId | Should -Be $other.DeviceId
        Get-DeviceLine $other.DeviceId | Should -Be '<gone>'
    }
}

Describe 'Rename-OpenClawDevice against the 2026.2.19 test gateway' -Skip:(-not $TestGateway) {
    # device.pair.rename arrived in OpenClaw 2026.7; 2026.2.19 does not advertise it, so the cmdlet must stop before
    # changing anything, by id and from the pipeline, even under -WhatIf.
    BeforeAll {
        $device = New-LifecycleDevice 'rename-1'
        $Made.Add($device.DeviceId)
    }
    AfterAll {
        if ($Made.Count) { Remove-OpenClawDevice @TestGateway -DeviceId $Made -Confirm:$false -ErrorAction SilentlyContinue }
        $Made.Clear()
    }

    It '-DeviceId -WhatIf stops with OpenClaw.NotSupportedByRelease' {
        { Rename-OpenClawDevice @TestGateway -DeviceId $device.DeviceId -NewName 'front desk' -WhatIf } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.NotSupportedByRelease Rename-OpenClawDevice)
    }

    It 'from the pipeline with -Confirm:$false -PassThru stops the same way and the name is unchanged' {
        $before = Get-DeviceLine $device.DeviceId
        { Get-OpenClawDevice @TestGateway -DeviceId $device.DeviceId |
                Rename-OpenClawDevice @TestGateway -NewName 'front desk' -Confirm:$false -PassThru } |
            Should -Throw -ErrorId (Get-FullErrorId OpenClaw.NotSupportedByRelease Rename-OpenClawDevice)
        Get-DeviceLine $device.DeviceId | Should -Be $before
    }

    It 'a -NewName longer than 64 characters is refused by parameter binding' {
        { Rename-OpenClawDevice @TestGateway -DeviceId $device.DeviceId -NewName ('x' * 65) -WhatIf } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,OpenClaw.PowerShell.Commands.RenameOpenClawDeviceCommand'
    }
}

Describe 'Lifecycle cmdlets -Offline on a copy of the stopped store' -Skip:(-not $StoppedStore) {
    BeforeAll {
        $offlineDevices = @(Get-OpenClawDevice -Offline -StateDirectory $StoppedStore)
        $legacy = $offlineDevices | Where-Object Name -EQ 'legacy-backend'
        $cli = $offlineDevices | Where-Object IsCurrentIdentity
    }

    It 'the stopped store holds the legacy backend device and the CLI identity' {
        $legacy | Should -HaveCount 1
        $cli | Should -HaveCount 1
    }

    Context 'Revoke-OpenClawDeviceToken -Offline' {
        BeforeAll { $state = New-StoreCopy 'revoke' }

        It '-WhatIf writes nothing: no lock file, no backup, no temporary file' {
            $before = Get-StoreSnapshot $state
            Revoke-OpenClawDeviceToken -Offline -StateDirectory $state -DeviceId $legacy.DeviceId -WhatIf -PassThru | Should -BeNullOrEmpty
            Get-StoreSnapshot $state | Should -Be $before
        }

        It '-Confirm:$false -PassThru marks the token revoked, keeps its value, and backs paired.json up' {
            $original = Get-Content -LiteralPath (Join-Path $state 'devices/paired.json') -Raw
            $result = @(Revoke-OpenClawDeviceToken -Offline -StateDirectory $state -DeviceId $legacy.DeviceId -Confirm:$false -PassThru)
            $result | Should -HaveCount 1
            $result[0] | Should -BeOfType ([OpenClaw.PowerShell.DeviceTokenRevocation])
            $result[0].Status | Should -Be 'Revoked' -Because $result[0].Error
            $result[0].Verified | Should -BeTrue
            "$($result[0].GatewayUrl)" | Should -BeLike 'file:///*'
            $record = (Get-StoreJson $state 'paired.json')[$legacy.DeviceId]
            $record.tokens.operator.revokedAtMs | Should -BeGreaterThan 0
            # The entry stays with its value, as device.token.revoke leaves it (compared, never printed).
            $record.tokens.operator.token -ceq ((ConvertFrom-Json $original -AsHashtable)[$legacy.DeviceId].tokens.operator.token) |
                Should -BeTrue -Because 'the revoked token entry keeps its value'
            $backups = Get-Backup $state 'paired.json'
            $backups | Should -HaveCount 1
            Get-Content -LiteralPath $backups[0].FullName -Raw | Should -BeExactly $original
            Get-Backup $state 'pending.json' | Should -HaveCount 0
        }

        It 'binds from Get-OpenClawDevice -Offline; -NoBackup leaves no new backup; a revoked token is AlreadyRevoked' {
            $result = Get-OpenClawDevice -Offline -StateDirectory $state -DeviceId $legacy.DeviceId |
                Revoke-OpenClawDeviceToken -Offline -StateDirectory $state -NoBackup -Confirm:$false -PassThru
            $result.Status | Should -Be 'AlreadyRevoked'
            Get-Backup $state 'paired.json' | Should -HaveCount 1
        }

        It 'an unknown id is a non-terminating OpenClaw.DeviceNotFound' {
            $before = Get-StoreSnapshot $state
            Revoke-OpenClawDeviceToken -Offline -StateDirectory $state -DeviceId $NoSuchDevice -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.DeviceNotFound Revoke-OpenClawDeviceToken)
            Get-StoreSnapshot $state | Should -Be $before
        }

        It 'the folder''s own CLI identity is protected (OpenClaw.CurrentIdentityProtected)' {
            Revoke-OpenClawDeviceToken -Offline -StateDirectory $state -DeviceId $cli.DeviceId -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems.FullyQualifiedErrorId | Should -Contain (Get-FullErrorId OpenClaw.CurrentIdentityProtected Revoke-OpenClawDeviceToken)
            (Get-StoreJson $state 'paired.json')[$cli.DeviceId].tokens.operator.Contains('revokedAtMs') | Should -BeFalse
        }
    }

    Context 'Remove-OpenClawDevice -Offline' {
        BeforeAll { $state = New-StoreCopy 'remove' }

        It '-WhatIf writes nothing' {
            $null = Add-PendingRequest $state $legacy.DeviceId
            $before = Get-StoreSnapshot $state
            Remove-OpenClawDevice -Offline -StateDirectory $state -DeviceId $legacy.DeviceId -WhatIf -PassThru | Should -BeNullOrEmpty
            Get-StoreSnapshot $state | Should -Be $before
        }

        It '-Confirm:$false -PassThru deletes the record and its pending request, with a backup of each file' {
            $pairedBefore = Get-Content -LiteralPath (Join-Path $state 'devices/paired.json') -Raw
            $pendingBefore = Get-Content -LiteralPath (Join-Path $state 'devices/pending.json') -Raw
            $result = @(Remove-OpenClawDevice -Offline -StateDirectory $state -DeviceId $legacy.DeviceId -Confirm:$false -PassThru)
            $result | Should -HaveCount 1
            $result[0] | Should -BeOfType ([OpenClaw.PowerShell.DeviceRemoval])
            $result[0].Status | Should -Be 'Removed' -Because $result[0].Error
            $result[0].Verified | Should -BeTrue
            (Get-StoreJson $state 'paired.json').Contains($legacy.DeviceId) | Should -BeFalse
            (Get-StoreJson $state 'paired.json').Contains($cli.DeviceId) | Should -BeTrue
            @((Get-Content -LiteralPath (Join-Path $state 'devices/pending.json') -Raw | ConvertFrom-Json -AsHashtable).Keys) | Should -HaveCount 0
            $pairedBackup = Get-Backup $state 'paired.json'
            $pendingBackup = Get-Backup $state 'pending.json'
            $pairedBackup | Should -HaveCount 1
            $pendingBackup | Should -HaveCount 1
            Get-Content -LiteralPath $pairedBackup[0].FullName -Raw | Should -BeExactly $pairedBefore
            Get-Content -LiteralPath $pendingBackup[0].FullName -Raw | Should -BeExactly $pendingBefore
        }

        It 'removes a device piped from Get-OpenClawDevice -Offline; -NoBackup leaves no backup' {
            $pipeState = New-StoreCopy 'remove-pipe'
            $result = Get-OpenClawDevice -Offline -StateDirectory $pipeState -Name legacy-backend |
                Remove-OpenClawDevice -Offline -StateDirectory $pipeState -NoBackup -Confirm:$false -PassThru
            $result.Status | Should -Be 'Removed'
            @(Get-OpenClawDevice -Offline -StateDirectory $pipeState).DeviceId | Should -Not -Contain $legacy.DeviceId
            Get-Backup $pipeState 'paired.json' | Should -HaveCount 0
        }

        It 'an unknown id is a non-terminating OpenClaw.DeviceNotFound' {
            Remove-OpenClawDevice -Offline -StateDirectory $state -DeviceId $NoSuchDevice -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.DeviceNotFound Remove-OpenClawDevice)
        }

        It 'refuses the folder''s own CLI identity without -Force' {
            Remove-OpenClawDevice -Offline -StateDirectory $state -DeviceId $cli.DeviceId -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems.FullyQualifiedErrorId | Should -Contain (Get-FullErrorId OpenClaw.CurrentIdentityProtected Remove-OpenClawDevice)
            (Get-StoreJson $state 'paired.json').Contains($cli.DeviceId) | Should -BeTrue
        }
    }

    Context 'Rename-OpenClawDevice -Offline' {
        It 'a JSON store that records no release is refused with OpenClaw.NotSupportedByRelease, writing nothing' {
            $state = New-StoreCopy 'rename-norelease'
            $before = Get-StoreSnapshot $state
            { Rename-OpenClawDevice -Offline -StateDirectory $state -DeviceId $legacy.DeviceId -NewName 'build server' -Confirm:$false } |
                Should -Throw -ErrorId (Get-FullErrorId OpenClaw.NotSupportedByRelease Rename-OpenClawDevice)
            Get-StoreSnapshot $state | Should -Be $before
        }

        It 'a store whose openclaw.json says <_> wrote it is refused too, under -WhatIf as well: labels arrived in 2026.8.1 with the SQLite store' -ForEach '2026.2.19', '2026.7.35' {
            $state = New-StoreCopy "rename-$_"
            @{ meta = @{ lastTouchedVersion = $_; lastTouchedAt = '2026-07-30T10:00:00.000Z' } } |
                ConvertTo-Json | Set-Content -LiteralPath (Join-Path $state 'openclaw.json')
            $before = Get-StoreSnapshot $state
            foreach ($switch in @{ Confirm = $false }, @{ WhatIf = $true }) {
                { Rename-OpenClawDevice -Offline -StateDirectory $state -DeviceId $legacy.DeviceId -NewName 'build server' @switch } |
                    Should -Throw -ErrorId (Get-FullErrorId OpenClaw.NotSupportedByRelease Rename-OpenClawDevice) -ExpectedMessage '*need OpenClaw 2026.8.1 or later*'
            }
            Get-StoreSnapshot $state | Should -Be $before
        }
    }
}
