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
        # The Pester suite runs against the gateway named by OPENCLAW_PS_TEST_URL/_TOKEN/_STATE_DIR (see
        # tests/pester/Common.ps1), else against a provisioned 2026.2.17 -> 2026.2.19 upgrade it starts here.
        if (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0') {
            Import-Module Pester -MinimumVersion 5.0   # not the Pester 3.4 that ships with Windows
            $gateway = if (-not $env:OPENCLAW_PS_TEST_URL -and $IsLinux) {
                & ./tests/pester/Start-TestGateway.ps1 -Release 2026.2.19 -PairedOn 2026.2.17
            }
            try { $result = Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests/pester') -Output Detailed -PassThru }
            finally { if ($gateway) { $gateway.Stop() } }
            if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
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
        # A PowerShell Gallery package of the built module, published by PSResourceGet to the local folder repository
        # OpenClawLocal (out/packages), from which Install-PSResource installs it. The version is the manifest's.
        $manifest = Join-Path $module 'OpenClaw.PowerShell.psd1'
        if (-not (Test-Path $manifest)) { throw 'Run -Task Build first.' }
        if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
            $feed = Join-Path $PSScriptRoot 'out/packages'
            New-Item -ItemType Directory -Force $feed | Out-Null
            $package = Join-Path $feed "OpenClaw.PowerShell.$((Import-PowerShellDataFile $manifest).ModuleVersion).nupkg"
            Remove-Item $package -ErrorAction Ignore   # a rebuild of the same version replaces it
            $repository = Get-PSResourceRepository -Name OpenClawLocal -ErrorAction SilentlyContinue
            if (-not $repository) {
                Register-PSResourceRepository -Name OpenClawLocal -Uri $feed -Trusted
            } elseif ($repository.Uri.LocalPath.TrimEnd('/', '\') -ne (Resolve-Path $feed).ProviderPath.TrimEnd('/', '\')) {
                throw "The repository OpenClawLocal points at $($repository.Uri), not $feed; Unregister-PSResourceRepository OpenClawLocal first."
            }
            Publish-PSResource -Path $module -Repository OpenClawLocal
            Write-Host "Package written to $package; install it with: Install-PSResource OpenClaw.PowerShell -Repository OpenClawLocal"
        } else {
            Write-Host 'Microsoft.PowerShell.PSResourceGet is not installed: cannot make the .nupkg (Install-Module Microsoft.PowerShell.PSResourceGet).'
        }
    }
}
