# Get-OpenClawScopeUpgradeEvent on the shared gateway's real logs: its captured console output
# (gateway-<release>-<port>.log under OPENCLAW_PS_TEST_ROOT, with colour codes) and the daily JSON-lines log its startup
# line names ("log file: ..."). A refused 2026.2.19 scope upgrade is triggered first, then read with -Path, -Since,
# -DeviceId and -Unique, and the event is piped to Test-OpenClawDeviceScope.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1

    function Wait-ScopeEvent([string[]] $Path, [string] $DeviceId, [int] $Count) {
        # The gateway writes its logs asynchronously: wait (bounded) until each file shows the refused connects.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        do {
            $ready = $true
            foreach ($file in $Path) {
                if (@(Get-OpenClawScopeUpgradeEvent -Path $file -DeviceId $DeviceId -ErrorAction SilentlyContinue).Count -lt $Count) { $ready = $false }
            }
            if ($ready) { return }
            Start-Sleep -Milliseconds 250
        } while ([DateTime]::UtcNow -lt $deadline)
        throw "The gateway logged fewer than $Count refused connects of $DeviceId in $($Path -join ', ')."
    }
}

Describe 'Get-OpenClawScopeUpgradeEvent on the test gateway''s logs' -Skip:(-not $TestGateway) {
    BeforeAll {
        $consoleLog = Join-Path $Gateway.Root "gateway-$($Gateway.Release)-$($Gateway.Port).log"
        # The daily JSON-lines file, as the gateway names it in its startup line (colour codes stripped).
        $startup = (Get-Content -LiteralPath $consoleLog) -replace '\x1b\[[0-9;]*m', '' | Select-String -Pattern 'log file: (\S+)' | Select-Object -First 1
        $dailyLog = $startup.Matches[0].Groups[1].Value

        $name = "pester-events-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $paired = Connect-TestNamedDevice $Gateway -Name $name -Scope operator.read
        $deviceId = $paired.deviceId
        $beforeTrigger = [DateTime]::UtcNow.AddSeconds(-1)
        # Asking for more than it holds: 2026.2.19 refuses with "pairing required" and logs the audit line, twice.
        $refused = Connect-TestNamedDevice $Gateway -Name $name -Scope operator.read, operator.write
        $null = Connect-TestNamedDevice $Gateway -Name $name -Scope operator.read, operator.write
        Wait-ScopeEvent -Path $consoleLog, $dailyLog -DeviceId $deviceId -Count 2
    }
    AfterAll {
        if ($deviceId) { Remove-OpenClawDevice @TestGateway -DeviceId $deviceId -Confirm:$false -ErrorAction SilentlyContinue }
    }

    It 'the refused connect filed a repair request and the gateway named its daily log' {
        $paired.ok | Should -BeTrue
        $refused.requestId | Should -Not -BeNullOrEmpty
        $dailyLog | Should -Exist
    }

    It '-Path (console output) returns one typed event per refused connect, with its source line' {
        $events = @(Get-OpenClawScopeUpgradeEvent -Path $consoleLog -DeviceId $deviceId)
        $events | Should -HaveCount 2
        foreach ($event in $events) {
            $event | Should -BeOfType ([OpenClaw.PowerShell.ScopeUpgradeEvent])
            (Get-Command Get-OpenClawScopeUpgradeEvent).OutputType.Type | Should -Contain $event.GetType()
            $event.Reason | Should -Be 'scope-upgrade'
            $event.Role | Should -Be 'operator'
            $event.ScopesFrom | Should -Be @('operator.read')
            $event.ScopesTo | Should -Contain 'operator.write'
            $event.Client | Should -Be 'gateway-client'
            "$($event.LogFormat)" | Should -Be 'Text'
            $event.Source | Should -Be "$($consoleLog):$($event.LineNumber)"
            (Get-Content -LiteralPath $consoleLog)[$event.LineNumber - 1] | Should -Match 'device access upgrade requested'
        }
    }

    It '-Path (the daily JSON-lines log) and a short -DeviceId find the same events' {
        $events = @(Get-OpenClawScopeUpgradeEvent -Path $dailyLog -DeviceId $deviceId.Substring(0, 12))
        $events | Should -HaveCount 2
        "$($events[0].LogFormat)" | Should -Be 'Json'
        $events.DeviceId | Should -Be @($deviceId, $deviceId)
    }

    It '-Unique collapses both files into one event per device, role and scopes, counting each connect once' {
        $events = @(Get-OpenClawScopeUpgradeEvent -Path $consoleLog, $dailyLog -DeviceId $deviceId -Unique)
        $events | Should -HaveCount 1
        $events[0].Occurrences | Should -Be 2
        $events[0].FirstTime | Should -BeLessThan $events[0].Time
    }

    It '-Since keeps only the events from then on' {
        @(Get-OpenClawScopeUpgradeEvent -Path $consoleLog -DeviceId $deviceId -Since $beforeTrigger) | Should -HaveCount 2
        @(Get-OpenClawScopeUpgradeEvent -Path $consoleLog -DeviceId $deviceId -Since ([DateTime]::UtcNow.AddMinutes(1))) | Should -HaveCount 0
    }

    It 'binds -Path from Get-ChildItem in the pipeline' {
        @(Get-ChildItem -LiteralPath $consoleLog | Get-OpenClawScopeUpgradeEvent -DeviceId $deviceId) | Should -HaveCount 2
    }

    It 'pipes into Test-OpenClawDeviceScope, which judges the device that looped' {
        $reports = @(Get-OpenClawScopeUpgradeEvent -Path $consoleLog, $dailyLog -DeviceId $deviceId -Unique |
            Test-OpenClawDeviceScope @TestGateway)
        $reports | Should -HaveCount 1
        $reports[0] | Should -BeOfType ([OpenClaw.PowerShell.DeviceScopeReport])
        $reports[0].DeviceId | Should -Be $deviceId
        # It holds operator.read only and is not entitled to write, so nothing is missing; its request is pending.
        $reports[0].IsCompliant | Should -BeTrue
        @($reports[0].PendingRequests).Count | Should -BeGreaterThan 0
    }

    It 'a missing -Path is a non-terminating OpenClaw.LogNotFound; the other files are still read' {
        $missing = Join-Path $TestDrive 'no-such-gateway.log'
        $events = @(Get-OpenClawScopeUpgradeEvent -Path $missing, $consoleLog -DeviceId $deviceId -ErrorAction SilentlyContinue -ErrorVariable problems)
        $events | Should -HaveCount 2
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.LogNotFound Get-OpenClawScopeUpgradeEvent)
    }

    It 'without -Path it reads today''s daily log of the state folder''s gateway' {
        $saved = $env:OPENCLAW_STATE_DIR, $env:OPENCLAW_CONFIG_PATH
        try {
            $env:OPENCLAW_STATE_DIR = $Gateway.State
            $env:OPENCLAW_CONFIG_PATH = $null
            $events = @(Get-OpenClawScopeUpgradeEvent -DeviceId $deviceId)
        } finally { $env:OPENCLAW_STATE_DIR, $env:OPENCLAW_CONFIG_PATH = $saved }
        $events | Should -HaveCount 2
        $events[0].LogFile | Should -Be $dailyLog
    }
}
