<#
.SYNOPSIS
    The one entry point: builds, tests, documents, packages, demonstrates and benchmarks OpenClaw.PowerShell.
.DESCRIPTION
    Run it with the pinned PowerShell of dotnet-tools.json, which needs only the .NET SDK:
        dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
    Test   builds, runs the xunit projects (dotnet test) and the Pester 5 suite (tests/pester) against real gateways
           it starts, writes out/TestResults (TRX and NUnit XML), and ends with one line "N passed, N failed".
    Demo   reproduces the 2026.2.19 scope bug on a real gateway and repairs it through the pipeline (tests/demo/Invoke-Demo.ps1).
    Bench  runs the benchmark program (tests/OpenClaw.Benchmarks); -BenchArguments passes options through.
    Matrix runs the module against real gateways of each -Release and prints one line per release.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build, Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo', 'Bench', 'Matrix')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Options for the benchmark program as one string, e.g. -BenchArguments '--runs 3 --skip-cli' (one string, so it
    # passes the same from pwsh and from a bash command line).
    [string] $BenchArguments = '',

    # The OpenClaw releases for -Task Matrix, e.g. -Release 2026.5.12, 2026.8.1.
    [string[]] $Release = @('2026.2.19', '2026.2.21', '2026.9.6')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location $PSScriptRoot
$module = Join-Path $PSScriptRoot 'out/OpenClaw.PowerShell'

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Install-TestGateways([string[]] $Releases) {
    # Node 24 and OpenClaw releases from npm (Linux x64), cached; the Pester suite and the demo start them.
    if (-not $IsLinux) { Write-Warning 'Real gateways need tests/gateway/provision.sh (Linux x64); their tests are skipped here.'; return }
    Invoke-Native bash (@('tests/gateway/provision.sh') + $Releases)
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            # Lays out out/OpenClaw.PowerShell: manifest, assemblies, views and en-US help generated from docs/.
            Invoke-Native dotnet @('build', 'OpenClaw.PowerShell.sln', '-c', $Configuration)
        }
        'Test' {
            Install-TestGateways @()
            $failed = & (Join-Path $PSScriptRoot 'build/Invoke-Tests.ps1') -Configuration $Configuration
            if ($failed -gt 0) { exit 1 }
        }
        'Docs' {
            # dotnet build generates the MAML help from docs/en-US (src/OpenClaw.HelpBuilder); PlatyPS is not needed.
            Invoke-Native dotnet @('build', 'src/OpenClaw.PowerShell', '-c', $Configuration)
            Write-Host "Help written to $module/en-US from docs/en-US."
        }
        'Package' {
            & (Join-Path $PSScriptRoot 'build/Publish-ModulePackage.ps1') -Module $module -Destination (Join-Path $PSScriptRoot 'out/packages')
        }
        'Demo' {
            Install-TestGateways @('2026.2.17', '2026.2.19')
            Invoke-Native dotnet @('build', 'src/OpenClaw.PowerShell', '-c', $Configuration)
            & (Join-Path $PSScriptRoot 'tests/demo/Invoke-Demo.ps1')
        }
        'Matrix' {
            # From bash the list arrives as one word ("2026.2.12,2026.8.1"); from pwsh as an array.
            $Release = @($Release -split ',' | ForEach-Object Trim | Where-Object { $_ })
            Install-TestGateways $Release
            Invoke-Native dotnet @('build', 'src/OpenClaw.PowerShell', '-c', $Configuration)
            # -Property *: without it Format-Table shows only the first 10 of the line's 13 columns.
            & (Join-Path $PSScriptRoot 'build/Invoke-ReleaseMatrix.ps1') -Release $Release | Format-Table -Property * -AutoSize | Out-Host
        }
        'Bench' {
            Install-TestGateways @('2026.2.17', '2026.2.19')
            # The benchmark program is not in the solution (dotnet test must not run it); run builds it and the module.
            Invoke-Native dotnet (@('run', '--project', 'tests/OpenClaw.Benchmarks', '-c', 'Release', '--') + ($BenchArguments -split '\s+' -ne ''))
        }
    }
}
