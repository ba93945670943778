<#
.SYNOPSIS
    Starts the Pester suite's shared gateway: a real upgrade from -PairedOn to -Release, and a stopped store.
.DESCRIPTION
    The OpenClaw CLI pairs itself on -PairedOn (2026.2.17), whose device then carries the legacy scopes into -Release
    (2026.2.19), as after a real upgrade, so the suite has something to repair. A copy of the state taken while no
    gateway ran is the suite's real stopped store for -Offline tests. Sets, for tests/pester/Common.ps1:
      OPENCLAW_PS_TEST_URL, _TOKEN, _STATE_DIR   the running gateway (use a DISPOSABLE one: the suite changes it)
      OPENCLAW_PS_TEST_RELEASE, _ROOT            its release and folder (to pair test devices there)
      OPENCLAW_PS_TEST_OFFLINE_STATE_DIR         the stopped store; tests copy it before they change anything
    Returns an object whose Stop() ends the gateway, deletes its folder and restores the variables.
.EXAMPLE
    $gateway = ./tests/pester/Start-TestGateway.ps1
    try { Invoke-Pester -Path tests/pester -Output Detailed } finally { $gateway.Stop() }
#>
[CmdletBinding()]
param([string] $Release = '2026.2.19', [string] $PairedOn = '2026.2.17')
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../gateway/TestGateway.psm1')

if (-not ((Test-TestGatewayRelease $Release) -and (Test-TestGatewayRelease $PairedOn))) {
    if ($env:OPENCLAW_PS_REQUIRE_GATEWAYS -eq '1') { throw "OpenClaw $PairedOn and $Release must be installed: bash tests/gateway/provision.sh" }
    Write-Warning "OpenClaw $PairedOn or $Release is not installed: the Pester blocks that need a gateway are skipped."
    return
}

$names = 'OPENCLAW_PS_TEST_URL', 'OPENCLAW_PS_TEST_TOKEN', 'OPENCLAW_PS_TEST_STATE_DIR', 'OPENCLAW_PS_TEST_RELEASE',
    'OPENCLAW_PS_TEST_ROOT', 'OPENCLAW_PS_TEST_OFFLINE_STATE_DIR', 'OPENCLAW_POWERSHELL_HOME'
$saved = @{}
foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }

$gateway = Start-TestGateway -Release $PairedOn
try {
    # The CLI of the old release pairs its own device (identity/device.json) with the legacy scopes.
    $null = Invoke-TestGatewayCli $gateway devices list --json
    $null = Connect-TestNamedDevice $gateway -Name 'legacy-backend' -Scope operator.admin, operator.approvals, operator.pairing
    Stop-TestGateway $gateway
    $offline = Copy-TestGatewayState $gateway -Destination (Join-Path $gateway.Root 'stopped-store')
    $null = Start-TestGateway -Release $Release -Gateway $gateway
} catch {
    Remove-TestGateway $gateway
    throw
}

$env:OPENCLAW_PS_TEST_URL = $gateway.Url
$env:OPENCLAW_PS_TEST_TOKEN = $gateway.Token
$env:OPENCLAW_PS_TEST_STATE_DIR = $gateway.State
$env:OPENCLAW_PS_TEST_RELEASE = $Release
$env:OPENCLAW_PS_TEST_ROOT = $gateway.Root
$env:OPENCLAW_PS_TEST_OFFLINE_STATE_DIR = $offline
$env:OPENCLAW_POWERSHELL_HOME = $gateway.ModuleHome
$result = [pscustomobject]@{ Gateway = $gateway; Saved = $saved }
$result | Add-Member -MemberType ScriptMethod -Name Stop -Value {
    Remove-TestGateway $this.Gateway
    foreach ($name in $this.Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $this.Saved[$name]) }
}
$result
