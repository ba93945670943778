# Objects act on the gateway or store they came from (issue 14): two real gateways of one release holding the same
# legacy device, the suite's stopped store, and objects that went through Export-Clixml/Import-Clixml.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $Run = [guid]::NewGuid().ToString('N').Substring(0, 6)
    $Legacy = 'operator.admin', 'operator.approvals', 'operator.pairing'
    # A second gateway of the suite's release; one device identity paired to both with the legacy scopes (a new
    # local device is paired silently with what it asks for on 2026.2.19).
    $Other = Start-TestGateway -Release $Gateway.Release
    $identity = Join-Path $Other.Root 'shared-device.json'
    $Shared = (Connect-TestDevice $Gateway -IdentityFile $identity -Scope $Legacy -DisplayName "pester-sources-$Run").deviceId
    $null = Connect-TestDevice $Other -IdentityFile $identity -Scope $Legacy -DisplayName "pester-sources-$Run"
    $Mixed = (Connect-TestNamedDevice $Gateway -Name "pester-sources-$Run-mixed" -Scope $Legacy).deviceId
    $ConnA = Connect-OpenClawGateway @TestGateway
    $ConnB = Connect-OpenClawGateway -Url $Other.Url -Token $Other.Token
    $Export = Join-Path $Other.Root 'devices-of-b.xml'

    function Test-Shared($Connection) { Test-OpenClawDeviceScope -Connection $Connection -DeviceId $Shared -Role operator }
    function Get-UpdatePreview($Devices) {
        # Update -WhatIf on piped devices; its verbose stream says which connection it used.
        @($Devices | Update-OpenClawDeviceScope -WhatIf -Verbose -ErrorAction Stop 4>&1 | ForEach-Object { "$_" })
    }
}

AfterAll {
    Disconnect-OpenClawGateway -All
    if ($Other) { Remove-TestGateway $Other }
    if ($TestGateway -and $Shared) { Remove-OpenClawDevice @TestGateway -DeviceId $Shared, $Mixed -Confirm:$false -ErrorAction SilentlyContinue }
}

Describe 'Objects act on the gateway or store they came from' -Skip:(-not $Gateway) {
    It 'a device read through -Connection $ConnA is repaired on A, not through the newest connection (B)' {
        (Test-Shared $ConnA).IsCompliant | Should -BeFalse
        (Test-Shared $ConnB).IsCompliant | Should -BeFalse
        $changes = @(Get-OpenClawDevice -Connection $ConnA -DeviceId $Shared | Test-OpenClawDeviceScope |
                Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Confirm:$false -PassThru)
        $changes | Should -HaveCount 1
        $changes[0].Origin.ConnectionId | Should -Be $ConnA.Id
        $changes[0].GatewayUrl | Should -Be $ConnA.Url
        $changes[0].Verified | Should -BeTrue
        (Test-Shared $ConnA).IsCompliant | Should -BeTrue
        (Test-Shared $ConnB).IsCompliant | Should -BeFalse
    }

    It 'an object from A given to -Connection $ConnB is refused with OpenClaw.SourceMismatch naming both; B is unchanged' {
        $errors = $null
        Get-OpenClawDevice -Connection $ConnA -DeviceId $Shared |
            Update-OpenClawDeviceScope -Connection $ConnB -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.SourceMismatch Update-OpenClawDeviceScope)
        "$($errors[0])" | Should -Match ([regex]::Escape($ConnA.Url.ToString()))
        "$($errors[0])" | Should -Match ([regex]::Escape($ConnB.Url.ToString()))
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'Select-Object DeviceId, Role'
        (Test-Shared $ConnB).IsCompliant | Should -BeFalse
    }

    It 'devices read back from Export-Clixml render with the same view and are judged by Test without a connection' {
        Get-OpenClawDevice -Connection $ConnB -DeviceId $Shared | Export-Clixml -LiteralPath $Export
        $back = @(Import-Clixml -LiteralPath $Export)
        $back[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.OpenClaw.PowerShell.OpenClawDevice'
        $back[0].Origin.Url | Should -Be $ConnB.Url
        ($back | Format-Table | Out-String -Width 120) | Should -Match "Gateway: $([regex]::Escape($ConnB.Url.ToString()))"

        $output = @($back | Test-OpenClawDeviceScope -Verbose 4>&1)
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose | Where-Object { "$_" -match '^(Using connection|Gateway ws)' } | Should -BeNullOrEmpty
        $report = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $report | Should -HaveCount 1
        $report[0].IsCompliant | Should -BeFalse
        $report[0].MissingScopes | Should -Be @('operator.read', 'operator.write')
        $report[0].GatewayUrl | Should -Be $ConnB.Url
        $report[0].GatewayRelease | Should -Be $back[0].GatewayRelease
        (Test-OpenClawDeviceScope -DeserializedDevice $back -Release 2026.2.19).MissingScopes | Should -Be @('operator.read', 'operator.write')
    }

    It 'a deserialized device that cannot be judged is refused: an unknown recorded release, or tokens saved as text' {
        $unknown = Import-Clixml -LiteralPath $Export
        $unknown.GatewayRelease = 'some-fork-1.0'
        $errors = $null
        $unknown | Test-OpenClawDeviceScope -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.ReleaseRequired Test-OpenClawDeviceScope)
        ($unknown | Test-OpenClawDeviceScope -Release 2026.2.19).IsCompliant | Should -BeFalse

        # Types.ps1xml's SerializationDepth keeps the tokens through Export-Clixml -Depth 1 ...
        $shallowFile = Join-Path $Other.Root 'shallow.xml'
        Get-OpenClawDevice -Connection $ConnB -DeviceId $Shared | Export-Clixml -LiteralPath $shallowFile -Depth 1
        (Import-Clixml -LiteralPath $shallowFile).Tokens[0].Scopes | Should -Not -BeNullOrEmpty
        # ... but a serializer that ignores it leaves each token as its text ("operator [..]"): too little to judge by.
        $shallow = Import-Clixml -LiteralPath $Export
        $shallow.Tokens = @("$($shallow.Tokens[0])")
        $errors = $null
        $shallow | Test-OpenClawDeviceScope -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.InvalidSource Test-OpenClawDeviceScope)
    }

    It 'a deserialized device piped to Update acts on B through its open connection; -WhatIf changes nothing' {
        $lines = Get-UpdatePreview (Import-Clixml -LiteralPath $Export)
        $lines | Should -Contain "Using connection $ConnB."
        (Test-Shared $ConnB).IsCompliant | Should -BeFalse
    }

    It 'an Origin that names no ws:// gateway is refused with OpenClaw.InvalidSource' {
        $crafted = Import-Clixml -LiteralPath $Export
        $crafted.Origin.Url = 'http://example.test/'
        $errors = $null
        $crafted | Update-OpenClawDeviceScope -WhatIf -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.InvalidSource Update-OpenClawDeviceScope)
    }

    It 'an Origin URL carrying a password is InvalidSource, and the password reaches no stream' {
        $crafted = Import-Clixml -LiteralPath $Export
        $crafted.Origin.Url = $crafted.Origin.Url.ToString() -replace '^ws://', 'ws://admin:hunter2-secret@'
        $errors = $null
        $all = $crafted | Update-OpenClawDeviceScope -WhatIf -Verbose -ErrorVariable errors -ErrorAction SilentlyContinue *>&1 | Out-String
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.InvalidSource Update-OpenClawDeviceScope)
        "$($errors[0]) $($errors[0].ErrorDetails) $($errors[0].CategoryInfo)" | Should -Not -Match 'hunter2'
        $all | Should -Not -Match 'hunter2'
    }

    It 'a device whose Origin cannot be read is still judged, and its report shows without one' {
        $unreadable = Import-Clixml -LiteralPath $Export
        $unreadable.Origin.Kind = 'Bogus'
        $report = $unreadable | Test-OpenClawDeviceScope
        $report.IsCompliant | Should -BeFalse
        $report.GatewayUrl | Should -BeNullOrEmpty
        "$($report.Origin)" | Should -Match 'unreadable source'
        ($report | Format-List * | Out-String) | Should -Match 'IsCompliant'
    }

    It 'an object that came through remoting from another computer, naming a loopback gateway, is a SourceMismatch' {
        $remote = Import-Clixml -LiteralPath $Export
        $remote | Add-Member -NotePropertyName PSComputerName -NotePropertyValue 'other-host.example'
        $errors = $null
        $remote | Update-OpenClawDeviceScope -WhatIf -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.SourceMismatch Update-OpenClawDeviceScope)
        "$($errors[0])" | Should -Match 'other-host\.example'

        $local = Import-Clixml -LiteralPath $Export
        $local | Add-Member -NotePropertyName PSComputerName -NotePropertyValue 'localhost'
        $lines = Get-UpdatePreview $local
        $lines | Should -Contain "Using connection $ConnB."
    }

    It 'credentials never follow a URL an object names: ambient ones only where ambient settings name that URL' {
        # A fresh session (no connection open) whose environment names gateway A but carries B's token: if the
        # token followed the object's URL (B), B would accept it. It must not; -Token, or settings that name B, do.
        $script = @"
Import-Module '$ModuleManifest'
`$device = Import-Clixml -LiteralPath '$Export'
try { `$device | Update-OpenClawDeviceScope -WhatIf -ErrorAction Stop; 'ambient: acted' } catch { 'ambient: ' + `$_.FullyQualifiedErrorId }
`$device | Update-OpenClawDeviceScope -WhatIf -Token '$($Other.Token)' -ErrorAction Stop; 'explicit: acted'
`$env:OPENCLAW_GATEWAY_URL = '$($Other.Url)'
`$device | Update-OpenClawDeviceScope -WhatIf -ErrorAction Stop; 'same url: acted'
"@
        $saved = $env:OPENCLAW_GATEWAY_URL, $env:OPENCLAW_GATEWAY_TOKEN
        try {
            $env:OPENCLAW_GATEWAY_URL = $Gateway.Url
            $env:OPENCLAW_GATEWAY_TOKEN = $Other.Token
            $output = @(Invoke-ChildPwsh -Command $script | ForEach-Object { "$_" })
        } finally {
            $env:OPENCLAW_GATEWAY_URL, $env:OPENCLAW_GATEWAY_TOKEN = $saved
        }
        $output | Should -Contain 'ambient: OpenClaw.AuthenticationFailed,OpenClaw.PowerShell.Commands.UpdateOpenClawDeviceScopeCommand'
        $output | Should -Contain 'explicit: acted'
        $output | Should -Contain 'same url: acted'
        (Test-Shared $ConnB).IsCompliant | Should -BeFalse
    }

    It 'offline devices are repaired in their own folder, with no gateway contacted' {
        $store = Copy-OfflineStore (Join-Path $Other.Root 'store-offline')
        $errors = $null
        $changes = @(Get-OpenClawDevice -Offline -StateDirectory $store | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } |
                Update-OpenClawDeviceScope -Confirm:$false -PassThru -ErrorVariable errors)
        $errors | Should -BeNullOrEmpty
        $changes.Count | Should -BeGreaterThan 0
        $changes | ForEach-Object { $_.Origin.Kind | Should -Be 'Offline'; $_.Origin.StateDirectory | Should -Be $store }
        @(Get-OpenClawDevice -Offline -StateDirectory $store | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant }) | Should -BeNullOrEmpty
    }

    It 'a batch that mixes a gateway and a store is repaired per source, each verified' {
        $store = Copy-OfflineStore (Join-Path $Other.Root 'store-mixed')
        $batch = @(Get-OpenClawDevice -Connection $ConnA -DeviceId $Mixed) + @(Get-OpenClawDevice -Offline -StateDirectory $store)
        $changes = @($batch | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Confirm:$false -PassThru)
        @($changes.GatewayUrl | Sort-Object -Unique) | Should -HaveCount 2
        $changes | ForEach-Object { $_.Verified | Should -BeTrue }
        (Test-OpenClawDeviceScope -Connection $ConnA -DeviceId $Mixed).IsCompliant | Should -BeTrue
    }

    It '-Connection $ConnA, $ConnB and Get-OpenClawConnection | Get-OpenClawDevice list both gateways, one device per gateway' {
        $both = @(Get-OpenClawDevice -Connection $ConnA, $ConnB -DeviceId $Shared)
        $both | Should -HaveCount 2
        @($both.GatewayUrl | Sort-Object -Unique) | Should -HaveCount 2
        @($both | Sort-Object -Unique) | Should -HaveCount 2
        @(Get-OpenClawConnection | Get-OpenClawDevice -DeviceId $Shared) | Should -HaveCount 2
        $everything = @(Get-OpenClawConnection | Get-OpenClawDevice)
        $everything.Count | Should -Be (@(Get-OpenClawDevice -Connection $ConnA).Count + @(Get-OpenClawDevice -Connection $ConnB).Count)
    }

    It 'a request read through -Connection $a is approved on A; given to -Connection $b it is a SourceMismatch' {
        # A device paired with operator.read (silently, as a new local device) that then asks for operator.write
        # files a repair request on A.
        $name = "pester-sources-$Run-request"
        $paired = Connect-TestNamedDevice $Gateway -Name $name -Scope operator.read
        $refused = Connect-TestNamedDevice $Gateway -Name $name -Scope operator.read, operator.write
        $refused.requestId | Should -Not -BeNullOrEmpty
        $errors = $null
        Get-OpenClawDeviceRequest -Connection $ConnA -DeviceId $paired.deviceId |
            Approve-OpenClawDeviceRequest -Connection $ConnB -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be (Get-FullErrorId OpenClaw.SourceMismatch Approve-OpenClawDeviceRequest)

        $approved = @(Get-OpenClawDeviceRequest -Connection $ConnA -DeviceId $paired.deviceId | Approve-OpenClawDeviceRequest -Confirm:$false -PassThru)
        $approved | Should -HaveCount 1
        $approved[0].GatewayUrl | Should -Be $ConnA.Url
        (Get-OpenClawDevice -Connection $ConnA -DeviceId $paired.deviceId).Scopes | Should -Contain 'operator.write'
        Remove-OpenClawDevice -Connection $ConnA -DeviceId $paired.deviceId -Confirm:$false
    }

    It 'Select-Object DeviceId, Role applies ids to another gateway on purpose' {
        $changes = @(Get-OpenClawDevice -Connection $ConnA -DeviceId $Shared | Select-Object DeviceId, Role |
                Update-OpenClawDeviceScope -Connection $ConnB -Confirm:$false -PassThru)
        $changes | Should -HaveCount 1
        $changes[0].GatewayUrl | Should -Be $ConnB.Url
        (Test-Shared $ConnB).IsCompliant | Should -BeTrue
    }
}
