# Fleets (issue 14): the README's ForEach-Object -Parallel recipe, run as it is printed, audits and repairs real
# gateways of three releases, a stopped store and an unreachable URL at once; Start-ThreadJob does the same through
# Connect-OpenClawGateway. Each runspace keeps its own connections, and no socket outlives its runspace.
# The gateways are started together (2026.9.6 alone takes minutes on a loaded machine) and shared by every It.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    $Releases = '2026.2.19', '2026.2.21', '2026.9.6'
    $FleetReady = -not @($Releases | Where-Object { -not (Test-TestGatewayRelease $_) })
    # In discovery: Pester runs no BeforeAll for a file whose tests are all skipped.
    if (-not $FleetReady -and $env:OPENCLAW_PS_REQUIRE_GATEWAYS -eq '1') {
        throw "OpenClaw $($Releases -join ', ') must be installed for the fleet tests: bash tests/gateway/provision.sh"
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $harness = Join-Path $RepoRoot 'tests/gateway/TestGateway.psm1'
    $Releases = '2026.2.19', '2026.2.21', '2026.9.6'
    $FleetReady = -not @($Releases | Where-Object { -not (Test-TestGatewayRelease $_) })
    $LegacyScopes = 'operator.admin', 'operator.approvals', 'operator.pairing'

    function Start-FleetGateway([string[]] $Release) {
        # One thread job per release; 2026.2.19 also leaves a copy of its state taken while it was stopped, with a
        # legacy device in it, for the offline repair. If one fails, the others are stopped before the error.
        $jobs = foreach ($version in $Release) {
            Start-ThreadJob -ArgumentList $harness, $version, $LegacyScopes -ScriptBlock {
                param($harness, $version, $legacy)
                Import-Module $harness
                function Start-Once($gateway) {
                    # On a loaded machine 2026.9.6 can give up at start ("state lease heartbeat did not become
                    # ready" after 5 s); a second start on the same state goes on from there.
                    try { $null = Start-TestGateway -Release $version -Gateway $gateway }
                    catch { if ("$_" -notmatch 'exited while starting') { throw }; $null = Start-TestGateway -Release $version -Gateway $gateway }
                }
                $gateway = New-TestGateway -Name "fleet-$version"
                try {
                    Start-Once $gateway
                    $store = $null
                    if ($version -eq '2026.2.19') {
                        $stored = Connect-TestNamedDevice $gateway -Name fleet-stored -Scope $legacy
                        if (-not $stored.ok) { throw "pairing fleet-stored failed: $($stored.message)" }
                        Stop-TestGateway $gateway
                        $store = Copy-TestGatewayState $gateway -Destination (Join-Path $gateway.Root 'stopped-store')
                        Start-Once $gateway
                    }
                    $gateway | Add-Member -NotePropertyName Store -NotePropertyValue $store -PassThru
                } catch { Remove-TestGateway $gateway; throw }
            }
        }
        $started = @(); $failures = @()
        foreach ($job in $jobs) {
            try { $started += Receive-Job $job -Wait -AutoRemoveJob -ErrorAction Stop } catch { $failures += $_ }
        }
        if ($failures) { $started | ForEach-Object { Remove-TestGateway $_ }; throw $failures[0] }
        $started
    }

    function Add-DeviceToRepair($Gateway, [string] $Name) {
        # A device the release leaves in need of repair; returns its id.
        if ($Gateway.Release -ne '2026.9.6') {
            # 2.19/2.21 pair a local legacy client silently with exactly the scopes it asks for. Its call for the
            # read and write it lacks is refused and files the repair request that 2.21's repair needs (a rotation
            # cannot widen the approved scopes there); the request lives 5 minutes.
            $answer = Connect-TestNamedDevice $Gateway -Name $Name -Scope $LegacyScopes
            if (-not $answer.ok) { throw "pairing $Name on $($Gateway.Release) failed: $($answer.message)" }
            $null = Connect-TestNamedDevice $Gateway -Name $Name -Scope operator.read, operator.write
            return $answer.deviceId
        }
        # 9.6 pairs a local cli-mode client silently (a backend one it lets in unpaired); an operator's shared-token
        # admin client then narrows its token below the approved read and write.
        $identity = Join-Path $Gateway.Root "devices/$Name.json"
        $answer = Connect-TestDevice $Gateway -IdentityFile $identity -ClientId cli -ClientMode cli -Scope operator.read, operator.write -DisplayName $Name
        if (-not $answer.ok) { throw "pairing $Name on 2026.9.6 failed: $($answer.message)" }
        $rotate = Connect-TestDevice $Gateway -IdentityFile (Join-Path $Gateway.Root 'devices/fleet-operator.json') -ClientId cli -ClientMode cli `
            -Scope operator.admin, operator.pairing -Method device.token.rotate -Params @{ deviceId = $answer.deviceId; role = 'operator'; scopes = @('operator.read') }
        if (-not $rotate.ok) { throw "narrowing $Name on 2026.9.6 failed: $($rotate.code) $($rotate.message)" }
        $answer.deviceId
    }

    function Get-GatewaySocketCount([int[]] $Port) {
        # This process's ESTABLISHED TCP connections to these ports: the socket inodes among its open files, looked
        # up in /proc/net/tcp and tcp6 (.NET's sockets are dual-mode IPv6 ones even to 127.0.0.1), where st 01 is
        # ESTABLISHED and rem_address ends in the port in hex.
        $inodes = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($fd in [System.IO.Directory]::GetFiles("/proc/$PID/fd")) {
            if ([System.IO.FileInfo]::new($fd).LinkTarget -match '^socket:\[(\d+)\]$') { $null = $inodes.Add($Matches[1]) }
        }
        $ports = $Port | ForEach-Object { '{0:X4}' -f $_ }
        @(Get-Content /proc/net/tcp, /proc/net/tcp6 | Where-Object { $_ -notmatch '^\s*sl' } | Where-Object {
                $fields = -split $_
                $fields[3] -eq '01' -and $inodes.Contains($fields[9]) -and ($fields[2] -replace '^.*:') -in $ports
            }).Count
    }

    function Invoke-ReadmeFleetRecipe($Fleet) {
        # The README's fleet block as printed (it imports the module by name, so the built one comes first on
        # PSModulePath); returns what it leaves in $results and $report.
        $block = [regex]::Match($readme, '```powershell\r?\n(# fleet audit and repair.*?)```', 'Singleline').Groups[1].Value
        if (-not $block) { throw 'README.md has no block starting "# fleet audit and repair".' }
        $fleet = $Fleet
        . ([scriptblock]::Create($block))
        [pscustomobject]@{ Results = $results; Report = $report }
    }

    function Get-FleetDevice($Report, [string] $Gateway) {
        @($Report.Results | Where-Object Gateway -EQ $Gateway | ForEach-Object Reports)
    }

    $readme = Get-Content -LiteralPath (Join-Path $RepoRoot 'README.md') -Raw
    $savedModulePath = $env:PSModulePath
    $savedHome = $env:OPENCLAW_POWERSHELL_HOME
    $env:PSModulePath = (Split-Path $ModuleFolder) + [System.IO.Path]::PathSeparator + $env:PSModulePath
    $root = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'fleet')).FullName
    # A module home no runspace has used yet: the runspaces create the module's identity at the same moment, as on
    # a new machine.
    $env:OPENCLAW_POWERSHELL_HOME = Join-Path $root 'module-home'
    $Gateways = @{}
    if ($FleetReady) {
        foreach ($gateway in Start-FleetGateway $Releases) { $Gateways[$gateway.Release] = $gateway }
    }
    $Seeded = @{}
    foreach ($gateway in $Gateways.Values) {
        $Seeded[$gateway.Release] = @(Add-DeviceToRepair $gateway fleet-1)
        [Environment]::SetEnvironmentVariable("OPENCLAW_FLEET_TOKEN_$($gateway.Port)", $gateway.Token)
    }
    $Unreachable = "ws://127.0.0.1:$(Get-FreeTcpPort)"
    $env:OPENCLAW_FLEET_TOKEN_NONE = 'no-gateway-listens-here'
    $Ports = @($Gateways.Values.Port)

    function Copy-FleetStore([string] $Name) {
        # A private copy of the stopped 2026.2.19 store: each run repairs its own.
        Copy-TestGatewayState ([pscustomobject]@{ State = $Gateways['2026.2.19'].Store }) -Destination (Join-Path $root $Name)
    }

    function New-Fleet([string] $Store) {
        @(foreach ($gateway in $Gateways.Values) { @{ Name = $gateway.Release; Url = $gateway.Url; Secret = "OPENCLAW_FLEET_TOKEN_$($gateway.Port)" } }
            @{ Name = 'stopped'; StateDirectory = $Store; Release = '2026.2.19' }
            @{ Name = 'unreachable'; Url = $Unreachable; Secret = 'OPENCLAW_FLEET_TOKEN_NONE' })
    }
}

AfterAll {
    foreach ($gateway in $Gateways.Values) {
        [Environment]::SetEnvironmentVariable("OPENCLAW_FLEET_TOKEN_$($gateway.Port)", $null)
        Remove-TestGateway $gateway
    }
    $env:OPENCLAW_FLEET_TOKEN_NONE = $null
    $env:PSModulePath = $savedModulePath
    $env:OPENCLAW_POWERSHELL_HOME = $savedHome
}

Describe 'A fleet with ForEach-Object -Parallel (the README recipe)' -Skip:(-not $FleetReady) {
    BeforeAll {
        $store = Copy-FleetStore store-parallel
        $storedId = (Get-StoreJson $store 'paired.json').Values | Where-Object displayName -EQ 'fleet-stored' | ForEach-Object deviceId
        $socketsBefore = Get-GatewaySocketCount $Ports
        $first = Invoke-ReadmeFleetRecipe (New-Fleet $store)
        $socketsAfter = Get-GatewaySocketCount $Ports
        $second = Invoke-ReadmeFleetRecipe (New-Fleet $store)
    }

    It 'reports one OpenClaw.GatewayUnreachable naming the unreachable URL, and no other error' {
        foreach ($run in $first, $second) {
            $run.Report.Errors | Should -HaveCount 1
            $run.Report.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OpenClaw.GatewayUnreachable,*'
            "$($run.Report.Errors[0])" | Should -Match ([regex]::Escape(([uri] $Unreachable).Authority))
        }
    }

    It 'finds the devices that need repair on <_>, each report tagged with its gateway' -ForEach @('2026.2.19', '2026.2.21', '2026.9.6') {
        $reports = Get-FleetDevice $first $_
        @($reports | Where-Object { -not $_.IsCompliant }).DeviceId | Should -Contain $Seeded[$_][0]
        @($reports.Origin.Kind | Select-Object -Unique) | Should -Be 'Gateway'
        @($reports.Origin.Url.Port | Select-Object -Unique) | Should -Be $Gateways[$_].Port
    }

    It 'repairs every flagged device, online and in the stopped store, and verifies each' {
        $flagged = @($first.Report.Reports | Where-Object { -not $_.IsCompliant })
        $flagged.DeviceId | Should -Contain $storedId
        @($first.Report.Changes) | Should -HaveCount $flagged.Count
        @($first.Report.Changes | Where-Object { -not $_.Verified }) | Should -BeNullOrEmpty
        $offline = @($first.Report.Changes | Where-Object { $_.Origin.Kind -eq 'Offline' })
        $offline.DeviceId | Should -Contain $storedId
        $offline.Origin.StateDirectory | Should -Be $store
    }

    It 'signs with the one module identity on disk in every runspace, though they all created it at once' {
        $onDisk = (Get-Content -LiteralPath (Join-Path $env:OPENCLAW_POWERSHELL_HOME 'identity/device.json') -Raw | ConvertFrom-Json).deviceId
        # 2.19 and 2.21 pair the module's local connect silently, so its device is in their lists.
        foreach ($release in '2026.2.19', '2026.2.21') { (Get-FleetDevice $first $release).DeviceId | Should -Contain $onDisk }
    }

    It 'leaves nothing to do on the second run' {
        @($second.Report.Reports).Count | Should -BeGreaterOrEqual @($first.Report.Reports).Count
        @($second.Report.Reports | Where-Object { -not $_.IsCompliant }) | Should -BeNullOrEmpty
        @($second.Report.Changes) | Should -BeNullOrEmpty
    }

    It 'leaves no socket open once the runspaces are gone' {
        $socketsAfter | Should -Be $socketsBefore
    }
}

Describe 'A fleet with Start-ThreadJob and Connect-OpenClawGateway' -Skip:(-not $FleetReady) {
    BeforeAll {
        $socketCounter = ${function:Get-GatewaySocketCount}.ToString()
        $fresh = @{}
        foreach ($gateway in $Gateways.Values) { $fresh[$gateway.Url] = Add-DeviceToRepair $gateway fleet-2 }
        $store = Copy-FleetStore store-threadjob
        $fresh[$store] = (Get-StoreJson $store 'paired.json').Values | Where-Object displayName -EQ 'fleet-stored' | ForEach-Object deviceId
        $socketsBefore = Get-GatewaySocketCount $Ports
        $jobs = foreach ($target in New-Fleet $store) {
            Start-ThreadJob -ArgumentList $target -ScriptBlock {
                param($target)
                $ErrorActionPreference = 'Stop'   # the unreachable one ends at its connect
                ${function:Get-GatewaySocketCount} = $using:socketCounter
                Import-Module OpenClaw.PowerShell
                $result = [pscustomobject]@{
                    Target = $target.Url + $target.StateDirectory; Connection = $null; Connections = @(); Changes = @()
                    SocketsWhileOpen = $null; Error = $null
                }
                try {
                    if ($target.StateDirectory) {
                        $reports = Get-OpenClawDevice -Offline -StateDirectory $target.StateDirectory | Test-OpenClawDeviceScope -Release $target.Release
                    } else {
                        $result.Connection = Connect-OpenClawGateway -Url $target.Url -Token ([Environment]::GetEnvironmentVariable($target.Secret))
                        $reports = Get-OpenClawDevice | Test-OpenClawDeviceScope
                    }
                    $result.Changes = @($reports | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope -Confirm:$false -PassThru)
                } catch { $result.Error = $_ }
                # The connection is left open on purpose: closing the runspace must close it.
                $result.Connections = @(Get-OpenClawConnection)
                if ($result.Connection) { $result.SocketsWhileOpen = Get-GatewaySocketCount $result.Connection.Url.Port }
                $result
            }
        }
        $results = @($jobs | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop)
        $failures = @($results | Where-Object Error)
        $socketsAfter = Get-GatewaySocketCount $Ports
    }

    It 'ships with pwsh 7.6 as Microsoft.PowerShell.ThreadJob' {
        (Get-Command Start-ThreadJob).Source | Should -Be 'Microsoft.PowerShell.ThreadJob'
    }

    It 'repairs exactly the new device of each gateway and of the store, through that job''s connection' {
        $results | Should -HaveCount 5
        foreach ($result in $results | Where-Object { -not $_.Error }) {
            @($result.Changes).DeviceId | Should -Be $fresh[$result.Target] -Because "on $($result.Target)"
            $result.Changes[0].Verified | Should -BeTrue
            $result.Changes[0].Origin.ConnectionId | Should -Be $result.Connection.Id
        }
    }

    It 'fails only the unreachable job, with OpenClaw.GatewayUnreachable naming its URL' {
        $failures | Should -HaveCount 1
        $failures[0].Target | Should -Be $Unreachable
        $failures[0].Error.FullyQualifiedErrorId | Should -BeLike 'OpenClaw.GatewayUnreachable,*'
        "$($failures[0].Error)" | Should -Match ([regex]::Escape(([uri] $Unreachable).Authority))
    }

    It 'shows each job only its own connection, and this runspace none of them' {
        $online = @($results | Where-Object Connection)
        $online | Should -HaveCount 3
        foreach ($result in $online) {
            @($result.Connections).Url | Should -Be $result.Connection.Url
        }
        @($results | Where-Object { -not $_.Connection }).Connections | Should -BeNullOrEmpty
        @(Get-OpenClawConnection) | Should -BeNullOrEmpty
    }

    It 'closes each job''s open connection when its runspace ends' {
        $online = @($results | Where-Object Connection)
        $online | Should -HaveCount 3
        foreach ($result in $online) { $result.SocketsWhileOpen | Should -BeGreaterOrEqual 1 }
        $socketsAfter | Should -Be $socketsBefore
        $online.Connection.IsOpen | Should -Not -Contain $true
    }
}

Describe 'Connect-OpenClawGateway inside ForEach-Object -Parallel' -Skip:(-not $FleetReady) {
    BeforeAll {
        # pwsh reuses a runspace for the next item unless -UseNewRunspace is given, and a connection belongs to its
        # runspace: the README says so, and tells to pass -UseNewRunspace (or disconnect) when the block connects.
        $gateway = $Gateways['2026.2.19']
        function Get-ConnectionCountSeen([switch] $UseNewRunspace) {
            1..2 | ForEach-Object -ThrottleLimit 1 -UseNewRunspace:$UseNewRunspace -Parallel {
                Import-Module OpenClaw.PowerShell
                $seen = @(Get-OpenClawConnection).Count
                $null = Connect-OpenClawGateway -Url ($using:gateway).Url -Token ($using:gateway).Token
                $seen
            }
        }
    }

    It 'shows the next item a reused runspace''s connection' {
        Get-ConnectionCountSeen | Should -Be 0, 1
    }

    It 'gives each item a clean runspace with -UseNewRunspace, and closes every socket' {
        $before = Get-GatewaySocketCount $gateway.Port
        Get-ConnectionCountSeen -UseNewRunspace | Should -Be 0, 0
        Get-GatewaySocketCount $gateway.Port | Should -Be $before
    }
}
