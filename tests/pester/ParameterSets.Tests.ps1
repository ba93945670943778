# A meta-test: every parameter set of every exported cmdlet is called somewhere in tests/pester/*.Tests.ps1. The test
# files are parsed (not run); each call of a cmdlet is resolved to the parameter set its parameters select, the way
# PowerShell's binder would: named parameters (full names, aliases or unique prefixes), splats (@TestGateway is -Url,
# -Token and -StateDirectory; a hashtable literal assigned in the same file gives its keys), positional arguments, and
# pipeline input (when the upstream cmdlet is one of the module's, only parameters its output type can bind by value
# or by property name count as piped). A call that fits several sets counts for the one PowerShell picks: the set
# whose by-value pipeline parameter takes the upstream output type, else the default set; a call that stays ambiguous
# counts for none.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1 -Discovery
    $SetCases = foreach ($name in $ExportedCmdlets | Sort-Object) {
        foreach ($set in (Get-Command $name).ParameterSets) { @{ Command = $name; Set = $set.Name } }
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1

    $SplatKeys = @{ TestGateway = @('Url', 'Token', 'StateDirectory') }

    function Resolve-ParameterName([System.Management.Automation.CommandInfo] $Command, [string] $Name) {
        # The full parameter name a -Name on the command line means: exact, alias, or unique prefix.
        if ($Command.Parameters.ContainsKey($Name)) { return $Command.Parameters[$Name].Name }
        foreach ($parameter in $Command.Parameters.Values) { if ($parameter.Aliases -contains $Name) { return $parameter.Name } }
        $matching = @($Command.Parameters.Keys | Where-Object { $_ -like "$Name*" })
        if ($matching.Count -eq 1) { return $Command.Parameters[$matching[0]].Name }
        $null
    }

    function Get-HashtableSplat([System.Management.Automation.Language.Ast] $Ast) {
        # $name = @{ Key = ...; ... } anywhere in the file: name -> keys.
        $found = @{}
        $assignments = $Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.AssignmentStatementAst] }, $true)
        foreach ($assignment in $assignments) {
            if ($assignment.Left -isnot [System.Management.Automation.Language.VariableExpressionAst]) { continue }
            $hashtable = $assignment.Right.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $true)
            if (-not $hashtable -or $assignment.Right.Extent.Text.TrimStart() -notmatch '^@\{') { continue }
            $found[$assignment.Left.VariablePath.UserPath] = @($hashtable.KeyValuePairs | ForEach-Object { $_.Item1.Extent.Text.Trim("'", '"') })
        }
        $found
    }

    function Get-UpstreamOutputType([System.Management.Automation.Language.CommandAst] $CommandAst) {
        # The output types of the nearest module cmdlet upstream in the same pipeline, looking through filters.
        $pipeline = $CommandAst.Parent
        $index = $pipeline.PipelineElements.IndexOf($CommandAst)
        for ($i = $index - 1; $i -ge 0; $i--) {
            $element = $pipeline.PipelineElements[$i]
            if ($element -isnot [System.Management.Automation.Language.CommandAst]) { return @() }
            $name = $element.GetCommandName()
            if ($name -in 'Where-Object', 'Sort-Object', 'Select-Object', 'Tee-Object', '?', 'where') { continue }
            if ($name -in $ExportedCmdlets) { return @((Get-Command $name).OutputType.Type) }
            return @()
        }
        @()
    }

    function Resolve-CommandParameterSet([System.Management.Automation.Language.CommandAst] $CommandAst, [hashtable] $Splats) {
        # The parameter set a call selects, or $null when it cannot be told.
        $command = Get-Command $CommandAst.GetCommandName()
        $named = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        $positional = 0
        $elements = $CommandAst.CommandElements
        for ($i = 1; $i -lt $elements.Count; $i++) {
            $element = $elements[$i]
            if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
                $name = Resolve-ParameterName $command $element.ParameterName
                if (-not $name) { return $null }
                $null = $named.Add($name)
                # A non-switch parameter without -Name:value takes the next element as its argument.
                if (-not $element.Argument -and -not $command.Parameters[$name].SwitchParameter) { $i++ }
            } elseif ($element -is [System.Management.Automation.Language.VariableExpressionAst] -and $element.Splatted) {
                $keys = $Splats[$element.VariablePath.UserPath]
                if ($null -eq $keys) { return $null }
                foreach ($key in $keys) { $name = Resolve-ParameterName $command $key; if ($name) { $null = $named.Add($name) } }
            } else {
                $positional++
            }
        }
        $pipeline = $CommandAst.Parent
        $piped = $pipeline -is [System.Management.Automation.Language.PipelineAst] -and $pipeline.PipelineElements.IndexOf($CommandAst) -gt 0
        $upstream = if ($piped) { @(Get-UpstreamOutputType $CommandAst) } else { @() }
        $takesInput = {
            # Whether pipeline input can bind this parameter: any input when the upstream type is unknown; otherwise
            # by value when the type fits, or by property name when the upstream type has that property.
            param($parameter)
            if (-not $piped) { return $false }
            if (-not $upstream.Count) { return $parameter.ValueFromPipeline -or $parameter.ValueFromPipelineByPropertyName }
            foreach ($type in $upstream) {
                if ($parameter.ValueFromPipeline -and ($parameter.ParameterType -eq $type -or $parameter.ParameterType.GetElementType() -eq $type)) { return $true }
                if ($parameter.ValueFromPipelineByPropertyName) {
                    foreach ($propertyName in @($parameter.Name) + @($parameter.Aliases)) { if ($type.GetProperty($propertyName)) { return $true } }
                }
            }
            $false
        }

        $candidates = foreach ($set in $command.ParameterSets) {
            $inSet = @{}
            foreach ($parameter in $set.Parameters) { $inSet[$parameter.Name] = $parameter }
            if (@($named | Where-Object { -not $inSet.ContainsKey($_) }).Count) { continue }
            $bound = [System.Collections.Generic.HashSet[string]]::new($named, [StringComparer]::OrdinalIgnoreCase)
            $positions = @($set.Parameters | Where-Object { $_.Position -ge 0 -and -not $named.Contains($_.Name) } | Sort-Object Position)
            if ($positional -gt $positions.Count) { continue }
            for ($p = 0; $p -lt $positional; $p++) { $null = $bound.Add($positions[$p].Name) }
            $unbound = @($set.Parameters | Where-Object { $_.IsMandatory -and -not $bound.Contains($_.Name) })
            if (@($unbound | Where-Object { -not (& $takesInput $_) }).Count) { continue }
            $set
        }
        $candidates = @($candidates)
        if ($candidates.Count -eq 1) { return $candidates[0].Name }
        if ($candidates.Count -eq 0) { return $null }
        if ($piped) {
            # PowerShell binds pipeline input by value first: a set whose by-value parameter takes the upstream type.
            $byValue = @($candidates | Where-Object {
                    $_.Parameters | Where-Object {
                        $parameter = $_
                        $_.ValueFromPipeline -and @($upstream | Where-Object { $parameter.ParameterType -eq $_ -or $parameter.ParameterType.GetElementType() -eq $_ }).Count
                    }
                })
            if ($byValue.Count -eq 1) { return $byValue[0].Name }
            # Otherwise only sets that bind the input by property name (or take no pipeline input at all) remain.
            $candidates = @($candidates | Where-Object { -not ($_.Parameters | Where-Object { $_.ValueFromPipeline -and $_.IsMandatory }) })
            if ($candidates.Count -eq 1) { return $candidates[0].Name }
        }
        $default = @($candidates | Where-Object IsDefault)
        if ($default.Count -eq 1) { return $default[0].Name }
        $null
    }

    function Get-ExercisedParameterSet([System.Management.Automation.Language.Ast] $Ast) {
        # Command -> the parameter sets its calls in one parsed script select.
        $splats = $SplatKeys.Clone()
        $fileSplats = Get-HashtableSplat $Ast
        foreach ($key in $fileSplats.Keys) { if (-not $splats.ContainsKey($key)) { $splats[$key] = $fileSplats[$key] } }
        $calls = $Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -in $ExportedCmdlets }, $true)
        foreach ($call in $calls) {
            $set = Resolve-CommandParameterSet $call $splats
            if ($set) { [pscustomobject]@{ Command = (Get-Command $call.GetCommandName()).Name; Set = $set } }
        }
    }

    function Get-ScriptCoverage([string] $Script) {
        $tokens = $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Script, [ref] $tokens, [ref] $parseErrors)
        @(Get-ExercisedParameterSet $ast | ForEach-Object { "$($_.Command)/$($_.Set)" })
    }

    $Covered = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    foreach ($file in Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.Tests.ps1') {
        $tokens = $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $tokens, [ref] $parseErrors)
        if ($parseErrors) { throw "$($file.Name) does not parse: $($parseErrors[0])" }
        # This file's own calls are examples for the resolver, not tests of the cmdlets.
        if ($file.FullName -eq $PSCommandPath) { continue }
        foreach ($use in Get-ExercisedParameterSet $ast) { $null = $Covered.Add("$($use.Command)/$($use.Set)") }
    }
}

Describe 'The parameter set resolver' {
    It 'resolves <Script> to <Expected>' -ForEach @(
        @{ Script = 'Get-OpenClawDeviceRequest @TestGateway'; Expected = 'Get-OpenClawDeviceRequest/List' }
        @{ Script = 'Get-OpenClawDeviceRequest @TestGateway -DeviceId $d -Wait -Timeout 8s'; Expected = 'Get-OpenClawDeviceRequest/Wait' }
        @{ Script = 'Get-OpenClawDeviceRequest -Offline -StateDirectory $s'; Expected = 'Get-OpenClawDeviceRequest/Offline' }
        @{ Script = 'Approve-OpenClawDeviceRequest -Offline -StateDirectory $s -DeviceId $d -Confirm:$false'; Expected = 'Approve-OpenClawDeviceRequest/ByDeviceOffline' }
        @{ Script = 'Approve-OpenClawDeviceRequest $r -cf:$false'; Expected = 'Approve-OpenClawDeviceRequest/ByRequestId' }
        @{ Script = 'Get-OpenClawDevice @TestGateway | Approve-OpenClawDeviceRequest @TestGateway'; Expected = 'Get-OpenClawDevice/Online', 'Approve-OpenClawDeviceRequest/ByDevice' }
        @{ Script = 'Get-OpenClawDeviceRequest @TestGateway | Deny-OpenClawDeviceRequest @TestGateway'; Expected = 'Get-OpenClawDeviceRequest/List', 'Deny-OpenClawDeviceRequest/ByRequestId' }
        @{ Script = '$requests | Deny-OpenClawDeviceRequest @TestGateway'; Expected = 'Deny-OpenClawDeviceRequest/ByRequestId' }
        @{ Script = 'Get-OpenClawDevice @TestGateway | Where-Object Name | Test-OpenClawDeviceScope'; Expected = 'Get-OpenClawDevice/Online', 'Test-OpenClawDeviceScope/Device' }
        @{ Script = 'Get-OpenClawScopeUpgradeEvent -Path $p | Test-OpenClawDeviceScope @TestGateway'; Expected = 'Get-OpenClawScopeUpgradeEvent/__AllParameterSets', 'Test-OpenClawDeviceScope/DeviceId' }
        @{ Script = '$o = @{ Offline = $true; StateDirectory = $s }; Remove-OpenClawDevice @o -DeviceId $d'; Expected = 'Remove-OpenClawDevice/Offline' }
        @{ Script = 'Disconnect-OpenClawGateway -All'; Expected = 'Disconnect-OpenClawGateway/All' }
        @{ Script = '$c | Disconnect-OpenClawGateway'; Expected = 'Disconnect-OpenClawGateway/Connection' }
    ) {
        Get-ScriptCoverage $Script | Should -Be $Expected
    }

    It 'counts nothing for a call it cannot resolve (an unknown splat, or -Offline with -Wait)' {
        Get-ScriptCoverage 'Get-OpenClawDevice @unknown' | Should -BeNullOrEmpty
        Get-ScriptCoverage 'Get-OpenClawDeviceRequest -Offline -Wait' | Should -BeNullOrEmpty
    }

    It 'leaves a set uncovered when no call selects it' {
        $sets = Get-ScriptCoverage 'Get-OpenClawDeviceRequest @TestGateway; Get-OpenClawDeviceRequest -Offline -StateDirectory $s'
        $sets | Should -Not -Contain 'Get-OpenClawDeviceRequest/Wait'
    }
}

Describe 'Every parameter set is exercised by a test' {
    It '<Command> [<Set>] is called in tests/pester/*.Tests.ps1' -ForEach $SetCases {
        $Covered.Contains("$Command/$Set") | Should -BeTrue -Because "no test calls $Command in its parameter set '$Set'"
    }
}
