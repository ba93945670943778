# The module manifest. ModuleVersion here is the project's one version number: Directory.Build.props reads it
# into the assemblies and the package, so it is never written anywhere else.
@{
    RootModule           = 'OpenClaw.PowerShell.dll'
    ModuleVersion        = '0.2.0'
    GUID                 = '6f1f7c8e-4a0e-4f7e-9a53-2f4f5a0c9d11'
    Author               = 'OpenClaw.PowerShell contributors'
    CompanyName          = 'OpenClaw.PowerShell'
    Copyright            = '(c) OpenClaw.PowerShell contributors. MIT License.'
    Description          = 'Inspect and repair OpenClaw gateway device pairings: find devices left under-scoped by an upgrade (gateway closed (1008): pairing required) and fix them safely in one pipeline.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('OpenClaw.PowerShell.Format.ps1xml')
    TypesToProcess       = @('OpenClaw.PowerShell.Types.ps1xml')
    CmdletsToExport      = @(
        'Approve-OpenClawDeviceRequest'
        'Connect-OpenClawGateway'
        'Deny-OpenClawDeviceRequest'
        'Disconnect-OpenClawGateway'
        'Get-OpenClawConnection'
        'Get-OpenClawDevice'
        'Get-OpenClawDeviceRequest'
        'Get-OpenClawScopeUpgradeEvent'
        'Remove-OpenClawDevice'
        'Rename-OpenClawDevice'
        'Revoke-OpenClawDeviceToken'
        'Test-OpenClawDeviceScope'
        'Update-OpenClawDeviceScope'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('OpenClaw', 'Gateway', 'Pairing', 'Devices', 'Scopes', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
