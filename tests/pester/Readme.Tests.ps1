# The README's PowerShell recipes are copied into scheduled tasks as they are, so each must at least parse; and the
# two fresh-machine commands it promises are the ones build.ps1 and .ci/run really run.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $readme = Get-Content -LiteralPath (Join-Path $RepoRoot 'README.md') -Raw
}

Describe 'README.md' {
    It 'every powershell block parses' {
        $blocks = @([regex]::Matches($readme, '```powershell\r?\n(.*?)```', 'Singleline') | ForEach-Object { $_.Groups[1].Value })
        $blocks.Count | Should -BeGreaterOrEqual 5
        foreach ($block in $blocks) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($block, [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because $block
        }
    }

    It 'gives the test command that .ci/run runs verbatim' {
        $command = 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test'
        $readme | Should -Match ([regex]::Escape($command))
        Get-Content -LiteralPath (Join-Path $RepoRoot '.ci/run') -Raw | Should -Match ([regex]::Escape($command))
    }

    It 'gives the demo command' {
        $readme | Should -Match ([regex]::Escape('dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo'))
    }
}

Describe 'The build scripts' {
    It '<_> parses' -ForEach @('build.ps1', 'build/Invoke-Tests.ps1', 'build/Publish-ModulePackage.ps1', 'build/Invoke-ReleaseMatrix.ps1', 'tests/demo/Invoke-Demo.ps1') {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $RepoRoot $_), [ref] $null, [ref] $errors)
        $errors | Should -BeNullOrEmpty
    }

    It 'pins one PowerShell release for pwsh and for the engine the C# tests host' {
        $tools = Get-Content -LiteralPath (Join-Path $RepoRoot 'dotnet-tools.json') -Raw | ConvertFrom-Json
        $packages = [xml] (Get-Content -LiteralPath (Join-Path $RepoRoot 'Directory.Packages.props') -Raw)
        $sdk = $packages.Project.ItemGroup.PackageVersion | Where-Object Include -EQ 'Microsoft.PowerShell.SDK'
        $sdk.Version | Should -Be $tools.tools.powershell.version
    }
}
