<#
.SYNOPSIS
    Runs the module against real gateways of the given OpenClaw releases and prints one line per release.
.DESCRIPTION
    For each release (installed by tests/gateway/provision.sh), on a gateway with a state of its own:
    1. Seeds two devices that need repair on that release (docs/release-matrix.md, "The matrix"):
       - up to 2026.2.21, legacy devices (operator.admin, approvals, pairing; paired on the release itself), each of
         which has asked once for the read/write scopes it lacks, as the bug loop does;
       - from 2026.2.22 on, where legacy devices are compliant, devices paired with operator.read and write on
         2026.2.19 (the last release that pairs a local shared-token connect silently), carried in by the upgrade,
         whose tokens the release's own CLI then narrows to operator.read (openclaw devices rotate --scope).
    2. Online: the list, the release label, the Test verdict, Update -WhatIf (the devices' scopes and tokens must
       not change), the repair of the first device, and a least-privilege call by it: a connect that asks for
       exactly the scopes it lacked (for a narrowed token, with its device token).
    3. Stopped: the offline read, the offline repair of the second device, then the release restarted on the edited
       store and the same least-privilege call by that device (with the token value it already held).
    Returns one object per release; a failed step shows its error id. Format-Table prints the lines.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Matrix -Release 2026.5.12,2026.7.35,2026.8.1
#>
[CmdletBinding()]
param([Parameter(Mandatory)] [string[]] $Release)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'tests/gateway/TestGateway.psm1')
Import-Module (Join-Path $root 'out/OpenClaw.PowerShell/OpenClaw.PowerShell.psd1')

# The last release whose local shared-token connect pairs a device silently (2026.2.22 lets it in unpaired), and
# the first whose legacy devices are compliant.
$PairingRelease = [version]'2026.2.19'
$FirstAdminImplication = [version]'2026.2.22'

function Get-StepResult([scriptblock] $Step) {
    # The step's output objects, or the error that stopped it, so one broken release does not end the matrix.
    try { [pscustomobject]@{ Objects = @(& $Step); Error = $null } }
    catch { [pscustomobject]@{ Objects = @(); Error = "ERROR $($_.FullyQualifiedErrorId -replace ',.*$', ''): $($_.Exception.Message)" } }
}

function Format-StepResult($Result, [scriptblock] $Summary) {
    if ($Result.Error) { $Result.Error } else { & $Summary $Result.Objects }
}

function Get-DeviceState($Splat) {
    # Scopes and token scopes of every device (never token values): what -WhatIf must leave as it was.
    Get-OpenClawDevice @Splat | Sort-Object DeviceId | ForEach-Object {
        "$($_.DeviceId) [$($_.Scopes -join ',')] " + (($_.Tokens | ForEach-Object { "$($_.Role)=[$($_.Scopes -join ',')]" }) -join ' ')
    }
}

function Test-LeastPrivilege($Gateway, [string] $Name, [string[]] $Scope, [switch] $DeviceToken, [switch] $Refresh) {
    # The connect a client makes for exactly the scopes it lacked; "ok" or the gateway's refusal. An online repair
    # re-mints the token, which a client picks up at its next shared-token connect (-Refresh); an offline repair
    # keeps the value the client already holds.
    if ($Refresh) { $null = Connect-TestNamedDevice $Gateway -Name $Name -Scope operator.read -KeepToken }
    $answer = Connect-TestNamedDevice $Gateway -Name $Name -Scope $Scope -UseDeviceToken:$DeviceToken -KeepToken
    if ($answer.ok) { 'ok' } else { "refused: $($answer.message)" }
}

function Invoke-OperatorRequest($Gateway, [string] $Method, [hashtable] $Params) {
    # One gateway request as an operator's own admin client signed in with the shared token.
    Connect-TestDevice $Gateway -IdentityFile (Join-Path $Gateway.Root 'devices/matrix-operator.json') -ClientId cli -ClientMode cli `
        -Scope operator.admin, operator.pairing -Method $Method -Params $Params
}

function Update-FlaggedDevice($Reports, $Splat, $Gateway) {
    # Update-OpenClawDeviceScope; when the module's identity must first be granted operator.admin (2026.4.5 and
    # later do not grant a scope upgrade silently), the operator approves the request it names, and it runs again.
    try { $Reports | Update-OpenClawDeviceScope @Splat -Confirm:$false -PassThru }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'OpenClaw.PairingRequired*' -or "$_" -notmatch 'pairing request ([0-9a-f-]{36})') { throw }
        $approved = Invoke-OperatorRequest $Gateway device.pair.approve @{ requestId = $Matches[1] }
        if (-not $approved.ok) { throw "approving the module's request failed: $($approved.code) $($approved.message)" }
        $script:RepairNote = ' after approving the module''s admin request'
        $Reports | Update-OpenClawDeviceScope @Splat -Confirm:$false -PassThru
    }
}

function Start-UpgradedGateway($Gateway, [string] $Version) {
    # Starts the release on the state an older release left, doing what an operator does when the upgraded gateway
    # asks for "openclaw doctor --fix": either it refuses to start (9.6: "Auth profile store ... requires legacy
    # credential migration"), or it starts and warns "Legacy pairing stores require repair". 8.1-9.4 imported the
    # JSON pairing store into SQLite at startup; from 9.5 only doctor does (docs/gateway/pairing.md: "Normal Gateway
    # startup reports pending legacy stores without changing them"), so without it the seeded devices are unknown
    # to the release and every rotate of them is refused (docs/release-matrix.md, Part 2, 2026-12-07).
    Stop-TestGateway $Gateway
    try {
        $null = Start-TestGateway -Release $Version -Gateway $Gateway
        if ((Get-Content -LiteralPath $Gateway.LogFile -Raw) -notmatch 'Legacy pairing stores require repair') { return }
        Stop-TestGateway $Gateway   # doctor edits the state: the release asks for the gateway to be stopped first
    } catch {
        if ("$_" -notmatch 'doctor --fix') { throw }
    }
    $doctor = Invoke-TestGatewayCli $Gateway -Release $Version doctor --fix --non-interactive --yes
    if ($doctor.ExitCode -ne 0) { throw "openclaw doctor --fix of $Version failed: $($doctor.Errors)" }
    $null = Start-TestGateway -Release $Version -Gateway $Gateway
}

function Invoke-ReleaseCheck([string] $Version, $Gateway) {
    $script:NarrowedBy = 'cli'; $script:RepairNote = ''
    $narrowed = [version]($Version -replace '-.*$') -ge $FirstAdminImplication
    $seedRelease = if ($narrowed) { "$PairingRelease" } else { $Version }
    $seedScopes = if ($narrowed) { 'operator.read', 'operator.write' } else { 'operator.admin', 'operator.approvals', 'operator.pairing' }
    $null = Start-TestGateway -Release $seedRelease -Gateway $Gateway
    $devices = foreach ($name in 'matrix-online', 'matrix-offline') {
        $answer = Connect-TestNamedDevice $Gateway -Name $name -Scope $seedScopes -KeepToken
        if (-not $answer.ok) { throw "pairing $name on $seedRelease failed: $($answer.code) $($answer.message)" }
        [pscustomobject]@{ Name = $name; DeviceId = $answer.deviceId }
    }
    if ($seedRelease -ne $Version) { Start-UpgradedGateway $Gateway $Version }
    foreach ($device in $devices) {
        if ($narrowed) {
            # An operator's CLI of its own: the gateway's CLI would sign in with its cached device token, and from
            # 2026.4.5 a device-token caller without operator.admin may not rotate another device's token.
            $rotate = Invoke-TestGatewayCli $Gateway -ClientState (Join-Path $Gateway.Root 'operator-cli') devices rotate `
                --device $device.DeviceId --role operator --scope operator.read --url $Gateway.Url --token $Gateway.Token --json
            if ($rotate.ExitCode -ne 0 -and "$($rotate.Errors)" -match 'rotation denied') {
                # The CLI caches a device token at its first connect and then signs in with it for the least
                # scopes a command needs, and from 2026.4.5 such a caller may not rotate another device's token
                # (#50627); 4.5-8.1 refuse it. The same RPC from a shared-token admin connection.
                $answer = Invoke-OperatorRequest $Gateway device.token.rotate @{ deviceId = $device.DeviceId; role = 'operator'; scopes = @('operator.read') }
                if (-not $answer.ok) { throw "device.token.rotate failed on ${Version}: $($answer.code) $($answer.message)" }
                $script:NarrowedBy = 'rpc'
            } elseif ($rotate.ExitCode -ne 0) { throw "openclaw devices rotate failed on ${Version}: $($rotate.Errors)" }
            # The client picks up its narrowed token as a real one does at its next connect.
            $null = Connect-TestNamedDevice $Gateway -Name $device.Name -Scope operator.read -KeepToken
        } else {
            # The bug loop: the device asks for what it lacks, is refused with "pairing required" and files a request.
            $null = Connect-TestNamedDevice $Gateway -Name $device.Name -Scope operator.read, operator.write
        }
    }
    $online, $offline = $devices
    $c = Get-TestGatewaySplat $Gateway

    $listed = Get-StepResult { Get-OpenClawDevice @c }
    $verdicts = Get-StepResult { Get-OpenClawDevice @c | Test-OpenClawDeviceScope }
    $flagged = @($verdicts.Objects | Where-Object { $_.DeviceId -in $devices.DeviceId -and -not $_.IsCompliant })
    $missing = @($flagged | Where-Object DeviceId -eq $online.DeviceId | ForEach-Object { $_.MissingScopes + $_.MissingTokenScopes } | Select-Object -Unique)
    $before = Get-DeviceState $c
    $whatIf = Get-StepResult { $flagged | Update-OpenClawDeviceScope @c -WhatIf 6>$null }
    $after = Get-DeviceState $c
    $whatIfKept = if ($whatIf.Error) { $whatIf.Error } elseif ("$after" -eq "$before") { 'unchanged' }
        else { "CHANGED: $((Compare-Object $before $after | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }) -join '; ')" }
    $repair = Get-StepResult { Update-FlaggedDevice @($flagged | Where-Object DeviceId -eq $online.DeviceId) $c $Gateway }
    $call = if ($missing) { Test-LeastPrivilege $Gateway $online.Name $missing -DeviceToken:$narrowed -Refresh:$narrowed } else { 'nothing missing' }

    Stop-TestGateway $Gateway
    $o = @{ Offline = $true; StateDirectory = $Gateway.State }
    $read = Get-StepResult { Get-OpenClawDevice @o }
    $offlineMissing = @(Get-OpenClawDevice @o -DeviceId $offline.DeviceId | Test-OpenClawDeviceScope @o |
        ForEach-Object { $_.MissingScopes + $_.MissingTokenScopes } | Select-Object -Unique)
    $offlineRepair = Get-StepResult {
        Get-OpenClawDevice @o -DeviceId $offline.DeviceId | Test-OpenClawDeviceScope @o | Where-Object { -not $_.IsCompliant } |
            Update-OpenClawDeviceScope @o -Confirm:$false -PassThru
    }
    $null = Start-TestGateway -Release $Version -Gateway $Gateway
    $restartCall = if ($offlineMissing) { Test-LeastPrivilege $Gateway $offline.Name $offlineMissing -DeviceToken:$narrowed } else { 'nothing missing' }

    [pscustomobject]@{
        Release       = $Version
        Seed          = if (-not $narrowed) { 'legacy' } elseif ($script:NarrowedBy -eq 'cli') { 'narrowed token' } else { 'narrowed token (rpc)' }
        Listed        = Format-StepResult $listed { param($d) $d.Count }
        ReleaseShown  = Format-StepResult $listed { param($d) @($d.GatewayRelease | Select-Object -Unique) -join ', ' }
        Flagged       = Format-StepResult $verdicts { param($v) "$($flagged.Count)/2 [$($missing -join ',')]" }
        WhatIf        = $whatIfKept
        Repair        = Format-StepResult $repair { param($r) if ($r.Count -eq 1 -and $r[0].Verified) { "verified$script:RepairNote" } else { "not verified: $($r.Status) $($r.Error)" } }
        Call          = $call
        Store         = Get-StoreKind $Gateway.State
        OfflineRead   = Format-StepResult $read { param($d) $d.Count }
        OfflineRepair = Format-StepResult $offlineRepair { param($r) if ($r.Count -eq 1 -and $r[0].Verified) { 'verified' } else { "not verified ($($r.Count))" } }
        RestartCall   = $restartCall
    }
}

function Get-StoreKind([string] $State) {
    $json = Test-Path (Join-Path $State 'devices/paired.json')
    $sqlite = Test-Path (Join-Path $State 'state/openclaw.sqlite')
    if ($json -and $sqlite) { 'json+sqlite' } elseif ($sqlite) { 'sqlite' } else { 'json' }
}

$savedHome = $env:OPENCLAW_POWERSHELL_HOME
foreach ($version in $Release) {
    Write-Progress -Activity 'Release matrix' -Status $version -PercentComplete (100 * [array]::IndexOf($Release, $version) / $Release.Count)
    $gateway = New-TestGateway -Name matrix
    $env:OPENCLAW_POWERSHELL_HOME = $gateway.ModuleHome
    $started = [Diagnostics.Stopwatch]::StartNew()
    try {
        $line = Invoke-ReleaseCheck $version $gateway
    } catch {
        $line = [pscustomobject]@{ Release = $version; Seed = "ERROR $_" }
    } finally {
        Remove-TestGateway $gateway
        $env:OPENCLAW_POWERSHELL_HOME = $savedHome
    }
    $line | Add-Member -NotePropertyName Seconds -NotePropertyValue ([math]::Round($started.Elapsed.TotalSeconds)) -PassThru
}
Write-Progress -Activity 'Release matrix' -Completed
