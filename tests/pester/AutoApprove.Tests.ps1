# The safe unattended approve of issue 14, in real pwsh against a real OpenClaw 2026.2.21 gateway of its own:
#   Get-OpenClawDeviceRequest -Wait | Where-Object IsWithinEntitlement | Approve-OpenClawDeviceRequest -Confirm:$false
# approves a legacy admin device's request for operator.write (within its entitlement), leaves a read-only device's
# request for operator.admin to a person, and refuses a listed request that 2026.2.21 grew under the same id
# (OpenClaw.RequestNoLongerEntitled), online and then -Offline on the stopped gateway's store.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    $HasRelease = Test-TestGatewayRelease '2026.2.21'
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Legacy = 'operator.admin', 'operator.approvals', 'operator.pairing'
    if (Test-TestGatewayRelease '2026.2.21') {
        $AutoGateway = Start-TestGateway -Release '2026.2.21'
        # The module signs as an identity of its own in this gateway's folder; on 2.21 a new local device is paired
        # silently with what it asks for. The suite's shared gateway sets the variable too, so it is put back after.
        $SavedModuleHome = $env:OPENCLAW_POWERSHELL_HOME
        $env:OPENCLAW_POWERSHELL_HOME = $AutoGateway.ModuleHome
        $Auto = Get-TestGatewaySplat $AutoGateway
    }

    function New-Device([string] $Name, [string[]] $Scope) {
        # Paired silently as a new local device with exactly these scopes.
        $paired = Connect-TestNamedDevice $AutoGateway -Name $Name -Scope $Scope
        if (-not $paired.ok) { throw "Could not pair ${Name}: $($paired.code) $($paired.message)" }
        $paired.deviceId
    }

    function Request-Scope([string] $Name, [string[]] $Scope) {
        # A connect asking for more than the device holds: 2.21 answers "pairing required" and files (or merges into) a request.
        $refused = Connect-TestNamedDevice $AutoGateway -Name $Name -Scope $Scope
        if (-not $refused.requestId) { throw "$Name filed no request: $($refused | ConvertTo-Json -Compress)" }
        $refused.requestId
    }
}

AfterAll {
    if ($AutoGateway) {
        Remove-TestGateway $AutoGateway
        $env:OPENCLAW_POWERSHELL_HOME = $SavedModuleHome
    }
}

Describe 'A safe unattended approve on OpenClaw 2026.2.21' -Skip:(-not $HasRelease) {
    It 'approves, during -Wait, the legacy device''s request for write; the device then works; a read-only device''s request for admin is left pending' {
        $null = New-Device 'auto-legacy' $Legacy
        $null = New-Device 'auto-reader' 'operator.read'
        $readerRequest = Request-Scope 'auto-reader' 'operator.admin'
        @(Get-OpenClawDeviceRequest @Auto -RequestId $readerRequest).IsWithinEntitlement | Should -Be $false

        # The legacy device asks for write two seconds into the wait, as an agent's tool call would.
        $job = Start-ThreadJob -ArgumentList $AutoGateway, $RepoRoot -ScriptBlock {
            param($gateway, $repoRoot)
            Import-Module (Join-Path $repoRoot 'tests/gateway/TestGateway.psm1')
            Start-Sleep -Seconds 2
            Connect-TestNamedDevice $gateway -Name 'auto-legacy' -Scope 'operator.write'
        }
        try {
            $approved = @(Get-OpenClawDeviceRequest @Auto -Wait -Timeout 12s | Where-Object IsWithinEntitlement |
                Approve-OpenClawDeviceRequest @Auto -Confirm:$false -PassThru -ErrorVariable problems)
            $refused = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally { $job | Remove-Job -Force }

        $problems | Should -BeNullOrEmpty
        $refused.requestId | Should -Not -BeNullOrEmpty
        $approved | Should -HaveCount 1
        $approved[0].RequestId | Should -Be $refused.requestId
        $approved[0].IsWithinEntitlement | Should -BeTrue
        $approved[0].Status | Should -Be 'Approved' -Because $approved[0].Error
        $approved[0].Verified | Should -BeTrue
        $approved[0].ScopesAfter | Should -Contain 'operator.write'
        $approved[0].ScopesAfter | Should -Contain 'operator.admin'
        (Connect-TestNamedDevice $AutoGateway -Name 'auto-legacy' -Scope 'operator.write').ok | Should -BeTrue
        (Connect-TestNamedDevice $AutoGateway -Name 'auto-legacy' -Scope $Legacy).ok | Should -BeTrue

        $left = @(Get-OpenClawDeviceRequest @Auto -RequestId $readerRequest)
        $left | Should -HaveCount 1
        $left[0].IsWithinEntitlement | Should -BeFalse
        (Get-OpenClawDevice @Auto -DeviceId $left[0].DeviceId).Scopes | Should -Be @('operator.read')
    }

    Context 'a request that grows between the list and the approval' {
        BeforeAll {
            $growerId = New-Device 'auto-grower' $Legacy
            $requestId = Request-Scope 'auto-grower' 'operator.write'
            $listed = @(Get-OpenClawDeviceRequest @Auto -RequestId $requestId)
            # 2.21 merges the second connect into the same request (facts §1.2): same id, the union of the scopes.
            $merged = Request-Scope 'auto-grower' 'operator.write', 'operator.talk.secrets'
        }

        It 'was listed as within its entitlement and grew under the same id' {
            $listed | Should -HaveCount 1
            $listed[0].IsWithinEntitlement | Should -BeTrue
            $merged | Should -Be $requestId
        }

        It 'piped stale into the auto-approve, it is refused with OpenClaw.RequestNoLongerEntitled and nothing is approved' {
            $result = @($listed | Where-Object IsWithinEntitlement |
                Approve-OpenClawDeviceRequest @Auto -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable problems)
            $result | Should -BeNullOrEmpty
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNoLongerEntitled Approve-OpenClawDeviceRequest)
            $problems[0].TargetObject | Should -Be $requestId
            "$problems" | Should -BeLike "*$($growerId.Substring(0, 12))*"
            "$problems" | Should -BeLike '*now asks for `[operator.write, operator.talk.secrets`]: `[operator.talk.secrets`] is beyond*'
            $problems[0].ErrorDetails.RecommendedAction | Should -BeLike "*Get-OpenClawDeviceRequest -DeviceId $($growerId.Substring(0, 12)) | Format-List*"
            $now = @(Get-OpenClawDeviceRequest @Auto -RequestId $requestId)
            $now.IsWithinEntitlement | Should -BeFalse
            $now.Scopes | Sort-Object | Should -Be @('operator.talk.secrets', 'operator.write')
            (Get-OpenClawDevice @Auto -DeviceId $growerId).Scopes | Should -Not -Contain 'operator.write'
        }

        It 'is refused the same way -Offline, with the gateway stopped, and no file changes' {
            Stop-TestGateway $AutoGateway
            $before = Get-StoreSnapshot $AutoGateway.State
            # The listed object names the gateway as its source; Select-Object keeps its id and claim and drops the
            # source, which is how ids are applied to another target (here the stopped gateway's store) on purpose.
            $listed | Where-Object IsWithinEntitlement | Select-Object RequestId, IsWithinEntitlement |
                Approve-OpenClawDeviceRequest -Offline -StateDirectory $AutoGateway.State -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.RequestNoLongerEntitled Approve-OpenClawDeviceRequest)
            Get-StoreSnapshot $AutoGateway.State | Should -Be $before
        }
    }
}
