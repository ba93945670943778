<#
.SYNOPSIS
    The Pester suite's common setup: dot-source it in BeforeAll, and in BeforeDiscovery where a file decides what
    to skip (-Skip:(-not $TestGateway)) or builds -ForEach cases from the module's commands.
.DESCRIPTION
    Imports the BUILT module (out/OpenClaw.PowerShell, from ./build.ps1 or `dotnet build -c Release`) and the gateway
    harness (tests/gateway/TestGateway.psm1), and says which gateway to test against, from the variables that
    tests/pester/Start-TestGateway.ps1 sets (build.ps1 -Task Test starts it):
      OPENCLAW_PS_TEST_URL, _TOKEN, _STATE_DIR   a DISPOSABLE gateway (the suite repairs device scopes on it)
      OPENCLAW_PS_TEST_RELEASE, _ROOT            its release and folder, to pair test devices there
      OPENCLAW_PS_TEST_OFFLINE_STATE_DIR         a stopped store; copy it (Copy-OfflineStore) before changing it
    Without them, every block that needs a gateway or a store is skipped.
#>
param([switch] $Discovery)

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$ModuleFolder = Join-Path $RepoRoot 'out/OpenClaw.PowerShell'
$ModuleManifest = Join-Path $ModuleFolder 'OpenClaw.PowerShell.psd1'
if (-not (Test-Path -LiteralPath $ModuleManifest)) {
    throw "The module is not built at $ModuleManifest; run ./build.ps1 (or dotnet build -c Release) first."
}
$loaded = Get-Module OpenClaw.PowerShell
if (-not $loaded -or $loaded.ModuleBase.TrimEnd('/', '\') -ne $ModuleFolder) {
    Import-Module $ModuleManifest -Force -ErrorAction Stop
}
Import-Module (Join-Path $RepoRoot 'tests/gateway/TestGateway.psm1')

# A splat for every online cmdlet (@TestGateway), and the harness's view of the same gateway ($Gateway).
$TestGateway = $null
$Gateway = $null
if ($env:OPENCLAW_PS_TEST_URL) {
    $TestGateway = @{ Url = $env:OPENCLAW_PS_TEST_URL }
    if ($env:OPENCLAW_PS_TEST_TOKEN) { $TestGateway.Token = $env:OPENCLAW_PS_TEST_TOKEN }
    if ($env:OPENCLAW_PS_TEST_STATE_DIR) { $TestGateway.StateDirectory = $env:OPENCLAW_PS_TEST_STATE_DIR }
    if ($env:OPENCLAW_PS_TEST_ROOT) {
        $Gateway = [pscustomobject]@{
            Root = $env:OPENCLAW_PS_TEST_ROOT; State = $env:OPENCLAW_PS_TEST_STATE_DIR; Home = Join-Path $env:OPENCLAW_PS_TEST_ROOT 'home'
            Url = $env:OPENCLAW_PS_TEST_URL; Token = $env:OPENCLAW_PS_TEST_TOKEN; Release = $env:OPENCLAW_PS_TEST_RELEASE
            Port = ([uri] $env:OPENCLAW_PS_TEST_URL).Port
        }
    }
}
$StoppedStore = $env:OPENCLAW_PS_TEST_OFFLINE_STATE_DIR
if ($Discovery -and -not $TestGateway -and -not (Get-Variable OpenClawPesterSkipNoticeShown -Scope Global -ErrorAction Ignore)) {
    # Pester 5's -Skip takes no reason, so the reason is said once, when the suite is discovered.
    $global:OpenClawPesterSkipNoticeShown = $true
    Write-Warning 'No test gateway: the blocks that need one are skipped. Run ./build.ps1 -Task Test, or start one with tests/pester/Start-TestGateway.ps1.'
}

# The exported cmdlets, e.g. for -ForEach: @{ Name = 'Get-OpenClawDevice' }, ...
$ExportedCmdlets = @((Get-Module OpenClaw.PowerShell).ExportedCmdlets.Keys)

function Get-FreeTcpPort {
    # A loopback port nothing listens on, for "gateway unreachable".
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Get-FullErrorId([string] $Id, [string] $Command) {
    # The FullyQualifiedErrorId a cmdlet's error record carries: 'OpenClaw.X,OpenClaw.PowerShell.Commands.<Verb><Noun>Command'.
    "$Id,OpenClaw.PowerShell.Commands.$($Command.Replace('-', ''))Command"
}

function Complete([string] $InputScript) {
    # What TabExpansion2 offers with the cursor at the end of the line, as a console shows it.
    (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches.CompletionText
}

function Copy-OfflineStore([string] $Destination) {
    # A private copy of the suite's stopped store, to read and repair offline.
    Copy-Item -LiteralPath $StoppedStore -Destination $Destination -Recurse
    (Resolve-Path -LiteralPath $Destination).ProviderPath
}

function Get-StoreSnapshot([string] $State) {
    # Every file of a store with its hash, hidden ones too (a lock file left by -WhatIf would show): equal
    # snapshots mean nothing was written.
    Get-ChildItem -LiteralPath $State -Recurse -File -Force | Sort-Object FullName |
        ForEach-Object { '{0} {1}' -f $_.FullName.Substring($State.Length), (Get-FileHash -LiteralPath $_.FullName).Hash }
}

function Get-StoreJson([string] $State, [string] $File) {
    # A JSON store file (paired.json, pending.json) as a hashtable keyed as the file is.
    Get-Content -LiteralPath (Join-Path $State "devices/$File") -Raw | ConvertFrom-Json -AsHashtable
}

function Get-Backup([string] $State, [string] $File) {
    # The backups an offline change left beside a store file.
    @(Get-ChildItem -LiteralPath (Join-Path $State 'devices') -Filter "$File.openclaw-powershell-*.bak" -Force)
}

function Add-PendingRequest([string] $State, [string] $DeviceId, [string[]] $Scope = @('operator.read')) {
    # A repair request as 2026.2.19 files it (openclaw-facts.md §1.2): keyed by requestId, with the device's
    # public key and client, only the scopes that connect asked for, isRepair, and ts in ms (it lives 5 minutes).
    $device = (Get-StoreJson $State 'paired.json')[$DeviceId]
    $pending = Get-StoreJson $State 'pending.json'
    if (-not $pending) { $pending = [ordered]@{} }
    $requestId = [guid]::NewGuid().ToString()
    $pending[$requestId] = [ordered]@{
        requestId = $requestId; deviceId = $DeviceId; publicKey = $device.publicKey; displayName = $device.displayName
        platform = $device.platform; clientId = $device.clientId; clientMode = $device.clientMode; role = 'operator'
        roles = @('operator'); scopes = @($Scope); silent = $false; isRepair = $true
        ts = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    }
    $pending | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath (Join-Path $State 'devices/pending.json') -NoNewline
    $requestId
}

function Invoke-ChildPwsh {
    <# Runs a script in a new process of this same PowerShell (the pinned pwsh runs as `dotnet pwsh.dll`). #>
    param([Parameter(Mandatory)] [string] $Command)
    $process = [Environment]::ProcessPath
    [string[]] $entry = if ((Split-Path -Leaf $process) -like 'dotnet*') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
    & $process @entry -NoProfile -NonInteractive -Command $Command
}
