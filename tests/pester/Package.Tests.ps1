# The package as a user gets it: build.ps1's Package task makes the .nupkg with PSResourceGet, which installs it
# from a folder repository into a module folder, where Import-Module finds it by name. Neither step may leave a
# repository registered in the user's PSResourceGet configuration.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $repositoriesBefore = @(Get-PSResourceRepository | ForEach-Object Name)
    $feed = Join-Path $TestDrive 'feed'
    $package = & (Join-Path $RepoRoot 'build/Publish-ModulePackage.ps1') -Module $ModuleFolder -Destination $feed
    $repositoriesAfterPublish = @(Get-PSResourceRepository | ForEach-Object Name)

    # What the README tells a user to do: register the folder, install, unregister.
    $modules = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'modules')
    Register-PSResourceRepository -Name PesterOpenClawFeed -Uri $feed -Trusted
    try { Save-PSResource -Name OpenClaw.PowerShell -Repository PesterOpenClawFeed -Path $modules.FullName -IncludeXml }
    finally { Unregister-PSResourceRepository -Name PesterOpenClawFeed }
}

Describe 'build.ps1 -Task Package' {
    It 'writes OpenClaw.PowerShell.<version>.nupkg' {
        $version = (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion
        $package.Name | Should -Be "OpenClaw.PowerShell.$version.nupkg"
        $package.Length | Should -BeGreaterThan 0
    }

    It 'leaves no repository registered' {
        $repositoriesAfterPublish | Should -Be $repositoriesBefore
    }
}

Describe 'The installed package' {
    BeforeAll {
        # A new process whose module path has only the folder it was installed to (and the engine's own modules).
        $script = @"
`$env:PSModulePath = '$($modules.FullName)' + [IO.Path]::PathSeparator + (Join-Path `$PSHOME 'Modules')
Import-Module OpenClaw.PowerShell -ErrorAction Stop
`$module = Get-Module OpenClaw.PowerShell
[pscustomobject]@{
    ModuleBase = `$module.ModuleBase
    Version    = "`$(`$module.Version)"
    Cmdlets    = `$module.ExportedCmdlets.Count
    Synopsis   = (Get-Help Get-OpenClawDevice).Synopsis
    Devices    = @(Get-OpenClawDevice -Offline -StateDirectory '$StoppedStore' | ForEach-Object DeviceId)
} | ConvertTo-Json -Compress
"@
        $installed = Invoke-ChildPwsh $script | ConvertFrom-Json
    }

    It 'imports by name from the folder it was installed to' {
        $installed.ModuleBase | Should -BeLike "$($modules.FullName)*"
        $installed.Version | Should -Be "$((Get-Module OpenClaw.PowerShell).Version)"
        $installed.Cmdlets | Should -Be $ExportedCmdlets.Count
    }

    It 'has its help' {
        $installed.Synopsis | Should -Not -BeNullOrEmpty
        $installed.Synopsis | Should -Not -BeLike 'Get-OpenClawDevice*'
    }

    It 'reads a stopped store offline' -Skip:(-not $StoppedStore) {
        $expected = @(Get-OpenClawDevice -Offline -StateDirectory $StoppedStore | ForEach-Object DeviceId)
        $installed.Devices | Should -Be $expected
        $expected.Count | Should -BeGreaterThan 0
    }
}
