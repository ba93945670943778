<#
.SYNOPSIS
    Runs every test: the xunit projects (dotnet test) and the Pester 5 suite in this PowerShell, against real gateways.
.DESCRIPTION
    Results go to out/TestResults: one TRX file per test project and pester.xml (NUnit XML). The last line printed
    is "N passed, N failed" over both; the script returns the number failed (a build failure counts as one).

    Pester: an installed Pester 5 (at least the pinned version, below 6) is used as it is; otherwise the pinned
    version is restored from NuGet (tests/pester/tools/PesterModule.csproj) into the NuGet packages folder.
    Gateways: the suite's shared gateway is started here (tests/pester/Start-TestGateway.ps1) unless
    OPENCLAW_PS_TEST_URL already names one; where no release is installed the gateway blocks are skipped, and
    with OPENCLAW_PS_REQUIRE_GATEWAYS=1 (CI) that is a failure instead.
#>
[CmdletBinding()]
[OutputType([int])]
param([string] $Configuration = 'Release')
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
$results = Join-Path $root 'out/TestResults'
Remove-Item -LiteralPath $results -Recurse -Force -ErrorAction Ignore
$null = New-Item -ItemType Directory -Force -Path $results
$pinnedPester = [version] '5.7.1'

function Import-Pester {
    $installed = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge $pinnedPester -and $_.Version.Major -eq 5 } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $installed) {
        & dotnet restore (Join-Path $root 'tests/pester/tools/PesterModule.csproj') --verbosity quiet | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Restoring Pester $pinnedPester from NuGet failed." }
        $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        $installed = Join-Path $packages "pester/$pinnedPester/tools/Pester.psd1"
    }
    Import-Module $installed -Force -PassThru | ForEach-Object { Write-Host "Pester $($_.Version) from $($_.ModuleBase)" }
}

# 1. xunit: dotnet test prints one summary per test assembly ("Passed!  - Failed: F, Passed: P, Skipped: S, ...").
$log = Join-Path $results 'dotnet-test.log'
& dotnet test (Join-Path $root 'OpenClaw.PowerShell.sln') -c $Configuration --logger trx --results-directory $results 2>&1 |
    Tee-Object -FilePath $log | Out-Host
$xunitExit = $LASTEXITCODE
$passed = 0; $failed = 0
foreach ($summary in Select-String -LiteralPath $log -Pattern '(Passed|Failed)! +- Failed: *(\d+), Passed: *(\d+)') {
    $failed += [int] $summary.Matches[0].Groups[2].Value
    $passed += [int] $summary.Matches[0].Groups[3].Value
}
if ($xunitExit -ne 0 -and $failed -eq 0) { $failed = 1 }   # a build failure runs no test but must not pass

# 2. Pester, against the built module and a gateway started here.
$gateway = $null
try {
    Import-Pester
    if (-not $env:OPENCLAW_PS_TEST_URL) { $gateway = & (Join-Path $root 'tests/pester/Start-TestGateway.ps1') }
    $pesterConfiguration = New-PesterConfiguration
    $pesterConfiguration.Run.Path = Join-Path $root 'tests/pester'
    $pesterConfiguration.Run.PassThru = $true
    $pesterConfiguration.Output.Verbosity = 'Detailed'
    $pesterConfiguration.TestResult.Enabled = $true
    $pesterConfiguration.TestResult.OutputFormat = 'NUnitXml'
    $pesterConfiguration.TestResult.OutputPath = Join-Path $results 'pester.xml'
    # The suite runs as a user's session would, without this script's strict mode (Set-StrictMode is inherited).
    $run = & { Set-StrictMode -Off; Invoke-Pester -Configuration $pesterConfiguration }
    $passed += $run.PassedCount
    $failed += $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
} catch {
    Write-Host "The Pester suite could not run: $_" -ForegroundColor Red
    $failed += 1
} finally {
    if ($gateway) { $gateway.Stop() }
}

Write-Host "$passed passed, $failed failed"
$failed
