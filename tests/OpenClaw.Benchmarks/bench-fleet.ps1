<#
.SYNOPSIS
    The fleet audit (Get-OpenClawDevice | Test-OpenClawDeviceScope over 2026.2.19, 2026.2.21 and 2026.9.6 gateways
    and a stopped 2026.2.19 store) one gateway after another and with ForEach-Object -Parallel, taking turns.
.DESCRIPTION
    Run by hand from the repository root after `dotnet build -c Release` (it is not part of the benchmark program,
    whose children each time one pipeline against one gateway):
        dotnet pwsh -NoProfile -File tests/OpenClaw.Benchmarks/bench-fleet.ps1 -Rounds 7
    The gateways are started once, together, and each holds one device that needs repair; the audit changes
    nothing, so every round sees the same fleet. One by one runs in this runspace with the module imported once (as
    a loop in a script does); Parallel makes new runspaces each round, which import the module (its assemblies are
    already loaded in the process), as the README's recipe does. The order alternates between rounds so neither
    always runs second; RunspacesOnly times the new runspaces and imports alone. Prints one line per round and a summary object (milliseconds; medians, min and max).
#>
param([int] $Rounds = 7)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$harness = Join-Path $root 'tests/gateway/TestGateway.psm1'
$manifest = Join-Path $root 'out/OpenClaw.PowerShell/OpenClaw.PowerShell.psd1'
Import-Module $harness
Import-Module $manifest
$env:OPENCLAW_POWERSHELL_HOME = Join-Path ([IO.Path]::GetTempPath()) "openclaw-bench-fleet-$PID"

# 'store' is a 2026.2.19 gateway that is stopped after pairing, so its state folder is a real stopped store.
$starts = foreach ($name in '2026.2.19', '2026.2.21', '2026.9.6', 'store') {
    Start-ThreadJob -ArgumentList $harness, $name -ScriptBlock {
        param($harness, $name)
        Import-Module $harness
        $release = if ($name -eq 'store') { '2026.2.19' } else { $name }
        $gateway = Start-TestGateway -Release $release -Gateway (New-TestGateway -Name "bench-$name")
        # A legacy device, non-compliant on 2.19 and 2.21 (on 9.6 the same client is let in without pairing).
        $null = Connect-TestNamedDevice $gateway -Name bench-legacy -Scope operator.admin, operator.approvals, operator.pairing
        if ($name -eq 'store') { Stop-TestGateway $gateway }
        $gateway | Add-Member -NotePropertyName Name -NotePropertyValue $name -PassThru
    }
}
$gateways = @($starts | Receive-Job -Wait -AutoRemoveJob)
try {
    $fleet = foreach ($gateway in $gateways) {
        if ($gateway.Name -eq 'store') { @{ Offline = $true; StateDirectory = $gateway.State; Release = '2026.2.19' } }
        else { @{ Url = $gateway.Url; Token = $gateway.Token } }
    }

    function Invoke-Audit($Target) {
        # Get | Test for one gateway or store; returns the reports.
        $source = @{} + $Target
        $judge = @{}
        if ($source.Release) { $judge.Release = $source.Release; $source.Remove('Release') }
        Get-OpenClawDevice @source | Test-OpenClawDeviceScope @judge
    }

    $auditText = ${function:Invoke-Audit}.ToString()
    $modes = [ordered]@{
        OneByOne = { foreach ($target in $fleet) { Invoke-Audit $target } }
        Parallel = {
            $fleet | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:manifest
                ${function:Invoke-Audit} = $using:auditText
                Invoke-Audit $_
            }
        }
        # What Parallel pays before any audit: new runspaces, each importing the module.
        RunspacesOnly = { $fleet | ForEach-Object -ThrottleLimit 4 -Parallel { Import-Module $using:manifest } }
    }
    $null = & $modes.OneByOne   # warm-up: the module's first connect, JIT, and pairing its identity everywhere
    $times = @{ OneByOne = @(); Parallel = @(); RunspacesOnly = @() }
    foreach ($round in 1..$Rounds) {
        $order = if ($round % 2) { 'OneByOne', 'Parallel', 'RunspacesOnly' } else { 'RunspacesOnly', 'Parallel', 'OneByOne' }
        foreach ($mode in $order) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $reports = @(& $modes[$mode])
            $ms = [math]::Round($watch.Elapsed.TotalMilliseconds)
            if ($mode -ne 'RunspacesOnly' -and $reports.Count -lt 4) { throw "$mode round $round returned $($reports.Count) reports." }
            $times[$mode] += $ms
            "round $round $mode ${ms} ms, $($reports.Count) reports, $(@($reports | Where-Object { -not $_.IsCompliant }).Count) non-compliant"
        }
    }
    foreach ($mode in $modes.Keys) {
        $sorted = $times[$mode] | Sort-Object
        [pscustomobject]@{ Mode = $mode; MedianMs = $sorted[[int][math]::Floor($sorted.Count / 2)]; MinMs = $sorted[0]; MaxMs = $sorted[-1]; Rounds = $Rounds }
    }
    "load average after: $((Get-Content /proc/loadavg) -replace ' \d+/.*$')"
} finally {
    foreach ($gateway in $gateways) { Remove-TestGateway $gateway }
    Remove-Item -LiteralPath $env:OPENCLAW_POWERSHELL_HOME -Recurse -Force -ErrorAction Ignore
}
