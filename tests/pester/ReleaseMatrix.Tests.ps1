# One release of each era of docs/release-matrix.md ("Releases in CI" says why each), through the checks of
# build.ps1 -Task Matrix (build/Invoke-ReleaseMatrix.ps1): a state that needs repair on that release, the list and
# its release label, the verdict, -WhatIf changing nothing, the online repair and a least-privilege call, the offline
# read, the offline repair and a call after the release restarted on the edited store.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    $Eras = (Import-PowerShellDataFile (Join-Path $PSScriptRoot 'ReleaseMatrix.Eras.psd1')).Eras
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $releases = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot 'ReleaseMatrix.Eras.psd1')).Eras.Release)
    if ($IsLinux) {
        & bash (Join-Path $root 'tests/gateway/provision.sh') @releases | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "tests/gateway/provision.sh $releases failed." }
        # -WhatIf writes its lines to the host; the lines of the matrix are the objects.
        $Lines = @(& (Join-Path $root 'build/Invoke-ReleaseMatrix.ps1') -Release $releases 6>$null)
    }
}

Describe 'OpenClaw <Release>' -ForEach $Eras -Skip:(-not $IsLinux) {
    BeforeAll {
        $line = $Lines | Where-Object Release -EQ $Release
    }

    It 'is seeded with two devices that need repair (<Seed>) and lists them as release <Shown>' {
        $line.Seed | Should -BeLike "$Seed*"
        $line.Listed | Should -BeGreaterOrEqual 2
        $line.ReleaseShown | Should -Be $Shown
        $line.Flagged | Should -BeLike '2/2 *'
    }

    It '-WhatIf leaves every device''s scopes and tokens as they were' {
        $line.WhatIf | Should -Be 'unchanged'
    }

    It 'repairs the first device online, verified, and its least-privilege call then succeeds' {
        $line.Repair | Should -BeLike 'verified*'
        $line.Call | Should -Be 'ok'
    }

    It 'reads the stopped <Store> store, repairs the second device offline, and the restarted release lets it in' {
        $line.Store | Should -Be $Store
        $line.OfflineRead | Should -Be $line.Listed
        $line.OfflineRepair | Should -Be 'verified'
        $line.RestartCall | Should -Be 'ok'
    }
}
