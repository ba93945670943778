<#
.SYNOPSIS
    The Pester suite's common setup: dot-source it in BeforeAll, and in BeforeDiscovery where a file decides what
    to skip (-Skip:(-not $TestGateway)) or builds -TestCases from the module's commands.

.DESCRIPTION
    Imports the BUILT module (out/OpenClaw.PowerShell, made by `dotnet build -c Release` or ./build.ps1) and says
    which gateway to test against, from the environment:

      OPENCLAW_PS_TEST_URL        the gateway, e.g. ws://127.0.0.1:18789. Use a DISPOSABLE one: the suite repairs
                                  device scopes on it. Without it, every block that needs a gateway is skipped.
      OPENCLAW_PS_TEST_TOKEN      its shared token (never printed)
      OPENCLAW_PS_TEST_STATE_DIR  the OpenClaw state folder to act from (its CLI identity), if any

    tests/pester/Start-TestGateway.ps1 starts a provisioned release in a temporary folder and sets these.

    Only the engine's core commands are used (no Join-Path, Test-Path, Write-Host, Select-Object), so the same
    files also run in the hosted engine of tests/OpenClaw.PowerShell.Tests, against a scripted gateway.
#>
param([switch] $Discovery)

$RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
$ModuleFolder = [System.IO.Path]::Combine($RepoRoot, 'out', 'OpenClaw.PowerShell')
$ModuleManifest = [System.IO.Path]::Combine($ModuleFolder, 'OpenClaw.PowerShell.psd1')
if (-not [System.IO.File]::Exists($ModuleManifest)) {
    throw "The module is not built at $ModuleManifest; run 'dotnet build -c Release' (or ./build.ps1) first."
}
$loaded = Get-Module OpenClaw.PowerShell
if (-not $loaded -or $loaded.ModuleBase.TrimEnd('/', '\') -ne $ModuleFolder) {
    Import-Module $ModuleManifest -Force -ErrorAction Stop
}

# A splat for every online cmdlet: @TestGateway.
$TestGateway = $null
if ($env:OPENCLAW_PS_TEST_URL) {
    $TestGateway = @{ Url = $env:OPENCLAW_PS_TEST_URL }
    if ($env:OPENCLAW_PS_TEST_TOKEN) { $TestGateway.Token = $env:OPENCLAW_PS_TEST_TOKEN }
    if ($env:OPENCLAW_PS_TEST_STATE_DIR) { $TestGateway.StateDirectory = $env:OPENCLAW_PS_TEST_STATE_DIR }
}
$NoGatewayReason = 'no test gateway: set OPENCLAW_PS_TEST_URL (and OPENCLAW_PS_TEST_TOKEN, OPENCLAW_PS_TEST_STATE_DIR) ' +
    'to a disposable gateway, or start one with tests/pester/Start-TestGateway.ps1'
if ($Discovery -and -not $TestGateway -and -not $global:OpenClawPesterSkipNoticeShown) {
    # Pester 5's -Skip takes no reason, so the reason is said once, when the suite is discovered.
    $global:OpenClawPesterSkipNoticeShown = $true
    $Host.UI.WriteWarningLine("Skipping the blocks that need a gateway: $NoGatewayReason.")
}

# The exported cmdlets, e.g. for -TestCases: @{ Name = 'Get-OpenClawDevice' }, ...
$ExportedCmdlets = @((Get-Module OpenClaw.PowerShell).ExportedCmdlets.Keys | ForEach-Object { "$_" })

function New-TestFolder {
    # An empty folder under the temp folder (remove it with Remove-TestFolder).
    [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'openclaw-pester-' + [guid]::NewGuid().ToString('N'))).FullName
}

function Remove-TestFolder([string] $Path) {
    if ($Path -and [System.IO.Directory]::Exists($Path)) { [System.IO.Directory]::Delete($Path, $true) }
}

function Get-FreeTcpPort {
    # A loopback port nothing listens on, for "gateway unreachable".
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Get-ErrorId($ErrorRecord) {
    # The id part of FullyQualifiedErrorId ('OpenClaw.DeviceNotFound,OpenClaw.PowerShell.Commands…'). A terminating
    # error can reach -ErrorVariable as the exception that carries the record, so both are accepted.
    if ($ErrorRecord -is [System.Management.Automation.IContainsErrorRecord]) { $ErrorRecord = $ErrorRecord.ErrorRecord }
    "$($ErrorRecord.FullyQualifiedErrorId)".Split(',')[0]
}

function Complete([string] $InputScript) {
    # What TabExpansion2 offers with the cursor at the end of the line, as a console shows it.
    (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches | ForEach-Object { $_.CompletionText }
}
