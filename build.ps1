<#
.SYNOPSIS
    Builds, tests, documents and packages OpenClaw.PowerShell, using the same dotnet commands as the README.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$module = Join-Path $PSScriptRoot 'out/OpenClaw.PowerShell'

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Build' {
        # Lays out out/OpenClaw.PowerShell: manifest, assemblies, views and en-US help generated from docs/.
        Invoke-Native dotnet @('build', 'OpenClaw.PowerShell.sln', '-c', $Configuration)
    }
    'Test' {
        if ($IsLinux -or $IsMacOS) { Invoke-Native bash @('tests/gateway/provision.sh') }
        else { Write-Warning 'Real-gateway tests need tests/gateway/provision.sh (Linux x64); they are skipped here.' }
        Invoke-Native dotnet @('test', 'OpenClaw.PowerShell.sln', '-c', $Configuration)
        if (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0') {
            Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests') -Output Detailed -CI
        } else {
            Write-Host 'Pester 5 is not installed: skipping the Pester suite (Install-Module Pester -MinimumVersion 5.0).'
        }
    }
    'Docs' {
        if (Get-Module -ListAvailable platyPS) {
            Import-Module platyPS
            New-ExternalHelp -Path docs/en-US -OutputPath (Join-Path $module 'en-US') -Force | Out-Null
            Write-Host "Help written to $module/en-US with PlatyPS."
        } else {
            Write-Host 'PlatyPS is not installed: dotnet build already generated the same MAML help from docs/en-US.'
        }
    }
    'Package' {
        if (-not (Test-Path (Join-Path $module 'OpenClaw.PowerShell.psd1'))) { throw 'Run -Task Build first.' }
        if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
            $feed = Join-Path $PSScriptRoot 'out/packages'
            New-Item -ItemType Directory -Force $feed | Out-Null
            if (-not (Get-PSResourceRepository -Name OpenClawLocal -ErrorAction SilentlyContinue)) {
                Register-PSResourceRepository -Name OpenClawLocal -Uri $feed -Trusted
            }
            Publish-PSResource -Path $module -Repository OpenClawLocal
            Write-Host "Package written to $feed."
        } else {
            Write-Host 'Microsoft.PowerShell.PSResourceGet is not installed: cannot make the .nupkg (Install-Module Microsoft.PowerShell.PSResourceGet).'
        }
    }
}
