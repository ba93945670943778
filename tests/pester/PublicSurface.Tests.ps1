# The module's public surface as a snapshot, so that every change to it is deliberate: each exported cmdlet's
# parameters (name, type, position, mandatory, pipeline binding, aliases) per parameter set, its default set and
# [OutputType], and the public properties of each output type. After an intended change, regenerate the snapshot
#   Invoke-Pester -Container (New-PesterContainer -Path tests/pester/PublicSurface.Tests.ps1 -Data @{ Update = $true })
# and say in CHANGELOG.md what changed for users.
param([switch] $Update)

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $snapshotPath = Join-Path $PSScriptRoot 'snapshots/public-surface.json'
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    function Get-PublicSurface {
        $commands = [ordered]@{}
        foreach ($command in Get-Command -Module OpenClaw.PowerShell | Sort-Object Name) {
            $sets = [ordered]@{}
            foreach ($set in $command.ParameterSets | Sort-Object Name) {
                $sets[$set.Name] = @($set.Parameters | Where-Object Name -NotIn $common | Sort-Object Name | ForEach-Object {
                        $binding = @(if ($_.ValueFromPipeline) { 'ByValue' }; if ($_.ValueFromPipelineByPropertyName) { 'ByPropertyName' }) -join ','
                        '{0} [{1}] position={2} mandatory={3} pipeline={4} aliases={5}' -f $_.Name, $_.ParameterType.FullName,
                            $(if ($_.Position -ge 0) { $_.Position } else { 'named' }), $_.IsMandatory, $binding, (@($_.Aliases | Sort-Object) -join ',')
                    })
            }
            $commands[$command.Name] = [ordered]@{
                DefaultParameterSet = "$($command.DefaultParameterSet)"
                OutputType          = @($command.OutputType.Name | Sort-Object)
                ParameterSets       = $sets
            }
        }
        $types = [ordered]@{}
        foreach ($name in $commands.Values.OutputType | Where-Object { $_ -like 'OpenClaw.*' } | Sort-Object -Unique) {
            $types[$name] = @(([type] $name).GetProperties() | Sort-Object Name | ForEach-Object { "$($_.Name) [$($_.PropertyType.FullName)]" })
        }
        [ordered]@{ Commands = $commands; OutputTypes = $types } | ConvertTo-Json -Depth 6
    }

    if ($Update) { Get-PublicSurface | Set-Content -LiteralPath $snapshotPath }
}

Describe 'The public surface' {
    It 'matches tests/pester/snapshots/public-surface.json' {
        $snapshotPath | Should -Exist
        $expected = (Get-Content -LiteralPath $snapshotPath -Raw).Trim() -split '\r?\n'
        $actual = (Get-PublicSurface).Trim() -split '\r?\n'
        # Compare-Object names each line that changed, which is what a reviewer wants to see.
        $differences = Compare-Object $expected $actual | ForEach-Object { "$($_.SideIndicator) $($_.InputObject.Trim())" }
        $differences | Should -BeNullOrEmpty -Because 'a change to the public surface must be deliberate: regenerate the snapshot (see the file header) and record it in CHANGELOG.md'
    }
}
