# Pending pairing requests: Get-OpenClawDeviceRequest (List, Wait and Offline sets), Approve- and
# Deny-OpenClawDeviceRequest (ByRequestId, ByDevice, ByRequestIdOffline, ByDeviceOffline), each with -WhatIf first,
# -PassThru output and an unknown request as a non-terminating OpenClaw.RequestNotFound. Online requests are real
# 2026.2.19 repair requests; offline ones are written into a copy of the stopped store in the format of
# openclaw-facts.md §1.2.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1

    $Run = [guid]::NewGuid().ToString('N').Substring(0, 6)
    $NoSuchRequest = '00000000-0000-4000-8000-000000000000'
    $Made = [System.Collections.Generic.List[string]]::new()

    function New-PendingRequest([string] $Name) {
        # Pairs a device with operator.read (silently, as a new local device on 2026.2.19), then connects it again
        # asking for operator.write as well: 2026.2.19 answers "pairing required" and files a repair request.
        $deviceName = "pester-requests-$Run-$Name"
        $paired = Connect-TestNamedDevice $Gateway -Name $deviceName -Scope operator.read
        if (-not $paired.ok) { throw "Could not pair ${deviceName}: $($paired.code) $($paired.message)" }
        $Made.Add($paired.deviceId)
        $refused = Connect-TestNamedDevice $Gateway -Name $deviceName -Scope operator.read, operator.write
        if (-not $refused.requestId) { throw "$deviceName filed no request: $($refused | ConvertTo-Json -Compress)" }
        [pscustomobject]@{ DeviceId = $paired.deviceId; RequestId = $refused.requestId; Name = $deviceName }
    }

    function Get-Scopes([string] $DeviceId) {
        (Get-OpenClawDevice @TestGateway -DeviceId $DeviceId).Scopes -join ','
    }

}

AfterAll {
    # Leave no test device behind for the files that run later (Pipeline.Tests.ps1 repairs every device it finds).
    if ($TestGateway -and $Made.Count) { Remove-OpenClawDevice @TestGateway -DeviceId $Made -Confirm:$false -ErrorAction SilentlyContinue }
}

Describe 'Get-OpenClawDeviceRequest against the test gateway' -Skip:(-not $TestGateway) {
    BeforeAll {
        $request = New-PendingRequest 'list-1'
    }

    It 'lists the repair request as a typed OpenClawDeviceRequest that says what approving it would add' {
        $listed = @(Get-OpenClawDeviceRequest @TestGateway | Where-Object RequestId -EQ $request.RequestId)
        $listed | Should -HaveCount 1
        $listed[0] | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDeviceRequest])
        (Get-Command Get-OpenClawDeviceRequest).OutputType.Type | Should -Contain $listed[0].GetType()
        $listed[0].DeviceId | Should -Be $request.DeviceId
        $listed[0].Status | Should -Be 'Pending'
        $listed[0].IsRepair | Should -BeTrue
        $listed[0].IsScopeUpgrade | Should -BeTrue
        $listed[0].AddedScopes | Should -Be @('operator.write')
        $listed[0].ApprovedScopes | Should -Be @('operator.read')
        $listed[0].TimeLeft | Should -BeGreaterThan ([timespan]::Zero)
        $listed[0].GatewayRelease | Should -Be $Gateway.Release
    }

    It '-DeviceId (short id) and -RequestId narrow the list' {
        @(Get-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId.Substring(0, 12)).RequestId | Should -Be $request.RequestId
        @(Get-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId).DeviceId | Should -Be $request.DeviceId
    }

    It 'a -RequestId that is not pending is a non-terminating OpenClaw.RequestNotFound' {
        $found = @(Get-OpenClawDeviceRequest @TestGateway -RequestId $NoSuchRequest, $request.RequestId -ErrorAction SilentlyContinue -ErrorVariable problems)
        $found.RequestId | Should -Be $request.RequestId
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNotFound Get-OpenClawDeviceRequest)
    }

    It '-Wait returns a request filed during the wait and ends at -Timeout' {
        $deviceName = "pester-requests-$Run-wait-1"
        $paired = Connect-TestNamedDevice $Gateway -Name $deviceName -Scope operator.read
        $paired.ok | Should -BeTrue
        $Made.Add($paired.deviceId)
        # The refused connect runs in a thread job two seconds into the wait, so the request is announced to it.
        $job = Start-ThreadJob -ArgumentList $Gateway, $RepoRoot, $deviceName -ScriptBlock {
            param($gateway, $repoRoot, $name)
            Import-Module (Join-Path $repoRoot 'tests/gateway/TestGateway.psm1')
            Start-Sleep -Seconds 2
            Connect-TestNamedDevice $gateway -Name $name -Scope operator.read, operator.write
        }
        try {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $seen = @(Get-OpenClawDeviceRequest @TestGateway -DeviceId $paired.deviceId -Wait -Timeout 8s)
            $clock.Stop()
            $refused = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally { $job | Remove-Job -Force }
        $refused.requestId | Should -Not -BeNullOrEmpty
        $seen | Should -HaveCount 1
        $seen[0] | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDeviceRequest])
        $seen[0].RequestId | Should -Be $refused.requestId
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 7
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
    }
}

Describe 'Approve-OpenClawDeviceRequest against the test gateway' -Skip:(-not $TestGateway) {
    It '-RequestId -WhatIf approves nothing' {
        $request = New-PendingRequest 'approve-whatif'
        $before = Get-Scopes $request.DeviceId
        Approve-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId -WhatIf -PassThru | Should -BeNullOrEmpty
        Get-Scopes $request.DeviceId | Should -Be $before
        @(Get-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId).RequestId | Should -Be $request.RequestId
    }

    It '-RequestId -Confirm:$false -PassThru grants the requested scope, verified, and keeps what the device had' {
        $request = New-PendingRequest 'approve-id'
        $result = @(Approve-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId -Confirm:$false -PassThru)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDeviceRequest])
        $result[0].Status | Should -Be 'Approved' -Because $result[0].Error
        $result[0].Verified | Should -BeTrue
        $result[0].ScopesAfter | Should -Contain 'operator.read'
        $result[0].ScopesAfter | Should -Contain 'operator.write'
        $result[0].TokenScopesAfter | Should -Contain 'operator.write'
        (Get-OpenClawDevice @TestGateway -DeviceId $request.DeviceId).Scopes | Should -Contain 'operator.write'
        @(Get-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId) | Should -HaveCount 0
    }

    It 'approves the current request of a device piped from Get-OpenClawDevice (ByDevice)' {
        $request = New-PendingRequest 'approve-device'
        $result = @(Get-OpenClawDevice @TestGateway -DeviceId $request.DeviceId |
            Approve-OpenClawDeviceRequest @TestGateway -Confirm:$false -PassThru)
        $result.RequestId | Should -Be $request.RequestId
        $result.Status | Should -Be 'Approved'
        (Get-OpenClawDevice @TestGateway -DeviceId $request.DeviceId).Scopes | Should -Contain 'operator.write'
    }

    It '-DeviceId -WhatIf approves nothing' {
        $request = New-PendingRequest 'approve-device-whatif'
        $before = Get-Scopes $request.DeviceId
        Approve-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId -Role operator -WhatIf
        Get-Scopes $request.DeviceId | Should -Be $before
        @(Get-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId) | Should -HaveCount 1
    }

    It 'a request that is not pending is a non-terminating OpenClaw.RequestNotFound' {
        Approve-OpenClawDeviceRequest @TestGateway -RequestId $NoSuchRequest -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNotFound Approve-OpenClawDeviceRequest)
    }
}

Describe 'Deny-OpenClawDeviceRequest against the test gateway' -Skip:(-not $TestGateway) {
    It '-RequestId -WhatIf denies nothing' {
        $request = New-PendingRequest 'deny-whatif'
        Deny-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId -WhatIf -PassThru | Should -BeNullOrEmpty
        @(Get-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId) | Should -HaveCount 1
    }

    It 'denies requests piped from Get-OpenClawDeviceRequest; the device keeps its scopes' {
        $request = New-PendingRequest 'deny-id'
        $before = Get-Scopes $request.DeviceId
        $result = @(Get-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId |
            Deny-OpenClawDeviceRequest @TestGateway -Confirm:$false -PassThru)
        $result | Should -HaveCount 1
        $result[0] | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDeviceRequest])
        (Get-Command Deny-OpenClawDeviceRequest).OutputType.Type | Should -Contain $result[0].GetType()
        $result[0].Status | Should -Be 'Denied'
        @(Get-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId) | Should -HaveCount 0
        Get-Scopes $request.DeviceId | Should -Be $before
    }

    It '-DeviceId denies the device''s current request' {
        $request = New-PendingRequest 'deny-device'
        $result = Deny-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId -Confirm:$false -PassThru
        $result.RequestId | Should -Be $request.RequestId
        $result.Status | Should -Be 'Denied'
        @(Get-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId) | Should -HaveCount 0
    }

    It 'a device without a pending request is a non-terminating OpenClaw.RequestNotFound' {
        $request = New-PendingRequest 'deny-none'
        Deny-OpenClawDeviceRequest @TestGateway -RequestId $request.RequestId -Confirm:$false
        Deny-OpenClawDeviceRequest @TestGateway -DeviceId $request.DeviceId -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNotFound Deny-OpenClawDeviceRequest)
    }
}

Describe 'Requests -Offline on a copy of the stopped store' -Skip:(-not $StoppedStore) {
    BeforeAll {
        $offlineDevices = @(Get-OpenClawDevice -Offline -StateDirectory $StoppedStore)
        $legacy = $offlineDevices | Where-Object Name -EQ 'legacy-backend'
        $cli = $offlineDevices | Where-Object IsCurrentIdentity
        $offline = @{ Offline = $true }
    }

    Context 'Get-OpenClawDeviceRequest -Offline' {
        BeforeAll {
            $state = Copy-OfflineStore (Join-Path $TestDrive 'get')
            $legacyRequest = Add-PendingRequest $state $legacy.DeviceId
            $cliRequest = Add-PendingRequest $state $cli.DeviceId -Scope operator.read, operator.write
        }

        It 'returns the pending requests as the online objects, from the folder, and writes nothing' {
            $before = Get-StoreSnapshot $state
            $listed = @(Get-OpenClawDeviceRequest -Offline -StateDirectory $state)
            Get-StoreSnapshot $state | Should -Be $before
            $listed | Should -HaveCount 2
            foreach ($request in $listed) {
                $request | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDeviceRequest])
                "$($request.GatewayUrl)" | Should -BeLike 'file:///*'
                $request.Status | Should -Be 'Pending'
            }
            $fromLegacy = $listed | Where-Object RequestId -EQ $legacyRequest
            $fromLegacy.DeviceId | Should -Be $legacy.DeviceId
            $fromLegacy.AddedScopes | Should -Be @('operator.read')
        }

        It '-DeviceId and -RequestId narrow the list; an unknown -RequestId is OpenClaw.RequestNotFound' {
            @(Get-OpenClawDeviceRequest @offline -StateDirectory $state -DeviceId $cli.ShortId).RequestId | Should -Be $cliRequest
            @(Get-OpenClawDeviceRequest @offline -StateDirectory $state -RequestId $legacyRequest).DeviceId | Should -Be $legacy.DeviceId
            $null = Get-OpenClawDeviceRequest -Offline -StateDirectory $state -RequestId $NoSuchRequest -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNotFound Get-OpenClawDeviceRequest)
        }

        It '-Wait cannot be combined with -Offline' {
            { Get-OpenClawDeviceRequest -Offline -StateDirectory $state -Wait } |
                Should -Throw -ErrorId 'AmbiguousParameterSet,OpenClaw.PowerShell.Commands.GetOpenClawDeviceRequestCommand'
        }
    }

    Context 'Approve-OpenClawDeviceRequest -Offline' {
        BeforeAll {
            $state = Copy-OfflineStore (Join-Path $TestDrive 'approve')
            $tokenBefore = (Get-StoreJson $state 'paired.json')[$legacy.DeviceId].tokens.operator.token
        }

        It '-RequestId -WhatIf writes nothing' {
            $requestId = Add-PendingRequest $state $legacy.DeviceId
            $before = Get-StoreSnapshot $state
            Approve-OpenClawDeviceRequest -Offline -StateDirectory $state -RequestId $requestId -WhatIf -PassThru | Should -BeNullOrEmpty
            Get-StoreSnapshot $state | Should -Be $before
        }

        It 'approves requests piped from Get-OpenClawDeviceRequest -Offline, widening the token in place, with backups' {
            $pairedBefore = Get-Content -LiteralPath (Join-Path $state 'devices/paired.json') -Raw
            $result = @(Get-OpenClawDeviceRequest -Offline -StateDirectory $state |
                Approve-OpenClawDeviceRequest -Offline -StateDirectory $state -Confirm:$false -PassThru)
            $result | Should -HaveCount 1
            $result[0] | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDeviceRequest])
            $result[0].Status | Should -Be 'Approved' -Because $result[0].Error
            $result[0].Verified | Should -BeTrue
            $result[0].TokenRotated | Should -BeFalse
            $result[0].ScopesAfter | Should -Be @('operator.admin', 'operator.approvals', 'operator.pairing', 'operator.read')
            $record = (Get-StoreJson $state 'paired.json')[$legacy.DeviceId]
            $record.scopes | Should -Contain 'operator.read'
            $record.tokens.operator.scopes | Should -Contain 'operator.read'
            $record.tokens.operator.token -ceq $tokenBefore | Should -BeTrue -Because 'an offline approval keeps the token value'
            @((Get-StoreJson $state 'pending.json').Keys) | Should -HaveCount 0
            (Get-Backup $state 'paired.json') | Should -HaveCount 1
            (Get-Backup $state 'pending.json') | Should -HaveCount 1
            Get-Content -LiteralPath (Get-Backup $state 'paired.json')[0].FullName -Raw | Should -BeExactly $pairedBefore
        }

        It '-DeviceId approves the device''s current request (ByDeviceOffline); -NoBackup adds no backup' {
            $null = Add-PendingRequest $state $legacy.DeviceId -Scope operator.write
            $result = Approve-OpenClawDeviceRequest @offline -StateDirectory $state -DeviceId $legacy.DeviceId -Role operator -NoBackup -Confirm:$false -PassThru
            $result.Status | Should -Be 'Approved' -Because $result.Error
            (Get-StoreJson $state 'paired.json')[$legacy.DeviceId].scopes | Should -Contain 'operator.write'
            (Get-Backup $state 'paired.json') | Should -HaveCount 1
        }

        It '-DeviceId -WhatIf writes nothing' {
            $null = Add-PendingRequest $state $cli.DeviceId
            $before = Get-StoreSnapshot $state
            Approve-OpenClawDeviceRequest -Offline -StateDirectory $state -DeviceId $cli.DeviceId -WhatIf
            Get-StoreSnapshot $state | Should -Be $before
        }

        It 'an unknown request id is a non-terminating OpenClaw.RequestNotFound' {
            Approve-OpenClawDeviceRequest -Offline -StateDirectory $state -RequestId $NoSuchRequest -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNotFound Approve-OpenClawDeviceRequest)
        }
    }

    Context 'Deny-OpenClawDeviceRequest -Offline' {
        BeforeAll {
            $state = Copy-OfflineStore (Join-Path $TestDrive 'deny')
            $pairedBefore = Get-Content -LiteralPath (Join-Path $state 'devices/paired.json') -Raw
        }

        It '-RequestId -WhatIf writes nothing' {
            $requestId = Add-PendingRequest $state $legacy.DeviceId
            $before = Get-StoreSnapshot $state
            Deny-OpenClawDeviceRequest -Offline -StateDirectory $state -RequestId $requestId -WhatIf -PassThru | Should -BeNullOrEmpty
            Get-StoreSnapshot $state | Should -Be $before
        }

        It '-RequestId -PassThru deletes the request only; paired.json is not touched' {
            $requestId = @((Get-StoreJson $state 'pending.json').Keys)[0]
            $result = @(Deny-OpenClawDeviceRequest -Offline -StateDirectory $state -RequestId $requestId -Confirm:$false -PassThru)
            $result | Should -HaveCount 1
            $result[0] | Should -BeOfType ([OpenClaw.PowerShell.OpenClawDeviceRequest])
            $result[0].Status | Should -Be 'Denied'
            @((Get-StoreJson $state 'pending.json').Keys) | Should -HaveCount 0
            Get-Content -LiteralPath (Join-Path $state 'devices/paired.json') -Raw | Should -BeExactly $pairedBefore
            (Get-Backup $state 'pending.json') | Should -HaveCount 1
            (Get-Backup $state 'paired.json') | Should -HaveCount 0
        }

        It '-DeviceId denies the device''s current request (ByDeviceOffline), -NoBackup' {
            $null = Add-PendingRequest $state $cli.DeviceId
            $result = Deny-OpenClawDeviceRequest -Offline -StateDirectory $state -DeviceId $cli.ShortId -NoBackup -Confirm:$false -PassThru
            $result.Status | Should -Be 'Denied'
            $result.DeviceId | Should -Be $cli.DeviceId
            @((Get-StoreJson $state 'pending.json').Keys) | Should -HaveCount 0
            (Get-Backup $state 'pending.json') | Should -HaveCount 1
        }

        It 'a device without a request is a non-terminating OpenClaw.RequestNotFound' {
            Deny-OpenClawDeviceRequest -Offline -StateDirectory $state -DeviceId $legacy.DeviceId -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNotFound Deny-OpenClawDeviceRequest)
        }
    }
}
