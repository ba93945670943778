# The built module as a user imports it: what it exports, its version, its types and views.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    $outputTypes = [ordered]@{}
    foreach ($type in (Get-Command -Module OpenClaw.PowerShell).OutputType) { if ($type.Name -like 'OpenClaw.*') { $outputTypes[$type.Name] = $true } }
    $typeCases = @($outputTypes.Keys | ForEach-Object { @{ Type = $_ } })
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $module = Get-Module OpenClaw.PowerShell
}

Describe 'The built module' {
    It 'is imported from out/OpenClaw.PowerShell' {
        $module | Should -Not -BeNullOrEmpty
        $module.ModuleBase.TrimEnd('/', '\') | Should -Be $ModuleFolder
    }

    It 'exports exactly the cmdlets its manifest lists, and nothing else' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $listed = @($manifest.ExportedCmdlets.Keys)
        $ExportedCmdlets | Should -HaveCount $listed.Count
        foreach ($name in $listed) { $ExportedCmdlets | Should -Contain $name }
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }

    It 'carries the manifest version in its assemblies (the version lives only in the psd1)' {
        $assembly = ('OpenClaw.PowerShell.OpenClawDevice' -as [type]).Assembly.GetName().Version
        "$($assembly.Major).$($assembly.Minor).$($assembly.Build)" | Should -Be "$($module.Version)"
    }

    It 'has a CHANGELOG entry for its version' {
        $changelog = Get-Content -LiteralPath (Join-Path $RepoRoot 'CHANGELOG.md') -Raw
        $changelog | Should -Match ('## \[' + [regex]::Escape("$($module.Version)") + '\]')
    }

    It 'loads views and types for its output' {
        $module.ExportedFormatFiles | Should -HaveCount 1
        $module.ExportedTypeFiles | Should -HaveCount 1
    }

    It 'declares an output type <Type> that users can name' -ForEach $typeCases {
        ($Type -as [type]) | Should -Not -BeNullOrEmpty
        ($Type -as [type]).IsPublic | Should -BeTrue
    }
}
