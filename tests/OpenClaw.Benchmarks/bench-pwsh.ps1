# The issue's pipeline as a user runs it: in a new pwsh process, the module imported by its manifest. Started by
# PwshChild.cs with `pwsh -NoProfile -NonInteractive -File`; the token comes in OPENCLAW_BENCH_TOKEN, never as an
# argument. Prints one line "RESULT {json}": pwsh's own start (process start to this script's first line), the
# import and the pipeline (first command to last answer) in milliseconds.
param([string] $Manifest, [string] $Url, [string] $StateDirectory)
$scriptStarted = [DateTime]::UtcNow
$ErrorActionPreference = 'Stop'
$processStarted = (Get-Process -Id $PID).StartTime.ToUniversalTime()
$watch = [Diagnostics.Stopwatch]::StartNew()
Import-Module -Name $Manifest
$importMs = $watch.Elapsed.TotalMilliseconds

$c = @{ Url = $Url; Token = $env:OPENCLAW_BENCH_TOKEN; StateDirectory = $StateDirectory }
$watch.Restart()
$changes = @(Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } |
        Update-OpenClawDeviceScope @c -PassThru -ErrorAction Continue -ErrorVariable failures)
$pipelineMs = $watch.Elapsed.TotalMilliseconds

'RESULT ' + (@{
        startMs    = [math]::Round(($scriptStarted - $processStarted).TotalMilliseconds, 1)
        importMs   = [math]::Round($importMs, 2)
        pipelineMs = [math]::Round($pipelineMs, 2)
        repaired   = @($changes | Where-Object Status -EQ 'Repaired').Count
        errors     = $failures.Count
        firstError = if ($failures) { "$($failures[0].FullyQualifiedErrorId): $($failures[0])" } else { $null }
    } | ConvertTo-Json -Compress)
