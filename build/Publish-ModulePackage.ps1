<#
.SYNOPSIS
    Writes the built module as a PowerShell Gallery package (.nupkg) into a folder, with PSResourceGet.
.DESCRIPTION
    Publish-PSResource publishes only to a registered repository, so the folder is registered under a name of its
    own for the publish and unregistered in `finally`: the user's PSResourceGet configuration is left as it was.
    Returns the package file.
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Destination
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$manifest = Join-Path $Module 'OpenClaw.PowerShell.psd1'
if (-not (Test-Path -LiteralPath $manifest)) { throw "The module is not built at $Module; run ./build.ps1 -Task Build first." }
if (-not (Get-Command Publish-PSResource -ErrorAction Ignore)) {
    throw 'Microsoft.PowerShell.PSResourceGet is needed (built into PowerShell 7.4+; elsewhere Install-Module Microsoft.PowerShell.PSResourceGet).'
}

$null = New-Item -ItemType Directory -Force -Path $Destination
$version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
$package = Join-Path $Destination "OpenClaw.PowerShell.$version.nupkg"
Remove-Item -LiteralPath $package -ErrorAction Ignore   # a rebuild of the same version replaces it

$repository = 'OpenClawBuild-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path -LiteralPath $Destination).ProviderPath -Trusted
try {
    Publish-PSResource -Path $Module -Repository $repository
} finally {
    Unregister-PSResourceRepository -Name $repository
}
Write-Verbose "Package written to $package"
Get-Item -LiteralPath $package
