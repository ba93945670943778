<#
.SYNOPSIS
    The README's demo: upstream issue 23006 reproduced on real OpenClaw releases and repaired through the pipeline.
.DESCRIPTION
    Pairs the OpenClaw CLI and two backend devices on 2026.2.17, upgrades the same state to 2026.2.19, shows an
    agent-style tool call failing with "pairing required", repairs the devices with the module (imported from
    out/OpenClaw.PowerShell) in this PowerShell's own console, and makes the same call again. Exits 0 when the call
    works after the repair. Run it with: dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param([string] $Before = '2026.2.17', [string] $After = '2026.2.19')
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
Import-Module (Join-Path $root 'tests/gateway/TestGateway.psm1')
Import-Module (Join-Path $root 'out/OpenClaw.PowerShell/OpenClaw.PowerShell.psd1')

# Colours in a terminal, plain text in a CI log or a file.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

function Show-Step([string] $Text) { Write-Host "`n>> $Text" -ForegroundColor Cyan }

$gateway = New-TestGateway -Name demo
$savedHome = $env:OPENCLAW_POWERSHELL_HOME
try {
    Show-Step "Starting OpenClaw $Before in $($gateway.Root); the CLI and two backend devices pair"
    $null = Start-TestGateway -Release $Before -Gateway $gateway
    $null = Invoke-TestGatewayCli $gateway devices list --json
    $null = Connect-TestNamedDevice $gateway -Name agent-backend -Scope operator.admin, operator.approvals, operator.pairing
    $null = Connect-TestNamedDevice $gateway -Name status-probe -Scope operator.read

    Show-Step "Upgrading the same state to OpenClaw $After; an agent tool call asks for operator.read"
    $null = Start-TestGateway -Release $After -Gateway $gateway
    Write-Host "   tool call: $(Invoke-TestToolCall $gateway)"

    Show-Step 'Repairing through the module'
    $env:OPENCLAW_POWERSHELL_HOME = $gateway.ModuleHome
    $c = Get-TestGatewaySplat $gateway

    Show-Step 'The paired devices, as the gateway sees them'
    Get-OpenClawDevice @c | Out-Host

    Show-Step 'Which of them are under-scoped on this release?'
    Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Out-Host

    Show-Step 'Dry run: what would the repair do?'
    Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -WhatIf

    Show-Step 'Repair, verified'
    Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } |
        Update-OpenClawDeviceScope @c -PassThru | Out-Host

    Show-Step 'After'
    Test-OpenClawDeviceScope @c | Out-Host

    Show-Step 'The same agent tool call after the repair'
    $result = Invoke-TestToolCall $gateway
    Write-Host "   tool call: $result"
    if (-not $result.StartsWith('OK')) { throw "The tool call still fails after the repair: $result" }
} finally {
    $env:OPENCLAW_POWERSHELL_HOME = $savedHome
    Remove-TestGateway $gateway
}
