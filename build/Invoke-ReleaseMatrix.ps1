<#
.SYNOPSIS
    Runs the module against real gateways of the given OpenClaw releases and prints one line per release.
.DESCRIPTION
    For each release (installed by tests/gateway/provision.sh): a new gateway with a state of its own, a device
    paired there, then what a user sees: the online list and the release label on its objects, the verdict of
    Test-OpenClawDeviceScope, and, with the gateway stopped, the offline read of the store that release wrote.
    Returns one object per release (Format-Table prints the lines); a failed step is written as its error id.
    This first version checks listing, labels and offline reads; repair columns come with issue 13's matrix.
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

function Get-StepResult([scriptblock] $Step) {
    # The step's output objects, or the error that stopped it, so one broken release does not end the matrix.
    try { [pscustomobject]@{ Objects = @(& $Step); Error = $null } }
    catch { [pscustomobject]@{ Objects = @(); Error = "ERROR $($_.FullyQualifiedErrorId -replace ',.*$', ''): $($_.Exception.Message)" } }
}

function Format-StepResult($Result, [scriptblock] $Summary) {
    if ($Result.Error) { $Result.Error } else { & $Summary $Result.Objects }
}

$savedHome = $env:OPENCLAW_POWERSHELL_HOME
foreach ($version in $Release) {
    Write-Progress -Activity 'Release matrix' -Status $version -PercentComplete (100 * [array]::IndexOf($Release, $version) / $Release.Count)
    $gateway = New-TestGateway -Name matrix
    $env:OPENCLAW_POWERSHELL_HOME = $gateway.ModuleHome
    $started = [Diagnostics.Stopwatch]::StartNew()
    try {
        $null = Start-TestGateway -Release $version -Gateway $gateway
        $paired = Connect-TestNamedDevice $gateway -Name matrix-reader -Scope operator.read
        $c = Get-TestGatewaySplat $gateway
        $online = Get-StepResult { Get-OpenClawDevice @c }
        $verdicts = Get-StepResult { Get-OpenClawDevice @c | Test-OpenClawDeviceScope }
        Stop-TestGateway $gateway
        $offline = Get-StepResult { Get-OpenClawDevice -Offline -StateDirectory $gateway.State }
        $store = if (Test-Path (Join-Path $gateway.State 'state/openclaw.sqlite')) { 'sqlite' } else { 'json' }
        if (Test-Path (Join-Path $gateway.State 'devices/paired.json')) { $store = if ($store -eq 'sqlite') { 'json+sqlite' } else { 'json' } }
        [pscustomobject]@{
            Release      = $version
            Paired       = if ($paired.ok) { 'yes' } else { "no: $($paired.code) $($paired.message)" }
            Listed       = Format-StepResult $online { param($o) $o.Count }
            ReleaseShown = Format-StepResult $online { param($o) @($o.GatewayRelease | Select-Object -Unique) -join ', ' }
            Compliant    = Format-StepResult $verdicts { param($o) "$(@($o | Where-Object IsCompliant).Count)/$($o.Count)" }
            Store        = $store
            OfflineRead  = Format-StepResult $offline { param($o) $o.Count }
            Seconds      = [math]::Round($started.Elapsed.TotalSeconds)
        }
    } catch {
        [pscustomobject]@{ Release = $version; Paired = $false; Listed = "ERROR $_"; ReleaseShown = ''; Compliant = ''; Store = ''; OfflineRead = ''
            Seconds = [math]::Round($started.Elapsed.TotalSeconds) }
    } finally {
        Remove-TestGateway $gateway
        $env:OPENCLAW_POWERSHELL_HOME = $savedHome
    }
}
Write-Progress -Activity 'Release matrix' -Completed
