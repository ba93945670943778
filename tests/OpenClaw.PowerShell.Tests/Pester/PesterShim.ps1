<#
    A small Pester 5 look-alike for the hosted engine, where Pester cannot be installed and only the engine's core
    cmdlets exist. It runs tests/pester/*.Tests.ps1 with Pester 5's two phases: discovery (the file and its
    Describe/Context bodies run, It registers tests) and run (BeforeAll, then each It in a scope of its own).

    Supported: Describe, Context, It (-Skip, -TestCases with <name> in the title), BeforeDiscovery, BeforeAll,
    AfterAll, BeforeEach, AfterEach, and Should -Be, -BeExactly, -BeTrue, -BeFalse, -Contain, -BeNullOrEmpty,
    -HaveCount, -Match, -BeLike, -BeGreaterThan, -Throw (-ExpectedMessage, -ErrorId, -ExceptionType, -PassThru),
    -BeOfType, with -Not and -Because. Nothing else: the suite keeps to these.

    Dot-source this file into a runspace's global scope, then: Invoke-PesterShim -Path <files>. It returns one
    object per It: Path, Result (Passed, Failed, Skipped), Message. Scoping follows PowerShell's dynamic scopes,
    so the runner's own variables are all named $__ps* to stay out of the tests' way.
#>

$global:__PesterShim = @{ Current = $null; Results = $null }

function New-ShimBlock([string] $Name, [bool] $Skip, $Parent) {
    [pscustomobject]@{
        Name = $Name; Skip = $Skip; Parent = $Parent; Children = [System.Collections.ArrayList]::new()
        BeforeAll = [System.Collections.ArrayList]::new(); AfterAll = [System.Collections.ArrayList]::new()
        BeforeEach = [System.Collections.ArrayList]::new(); AfterEach = [System.Collections.ArrayList]::new()
        Path = if ($Parent) { "$($Parent.Path) > $Name" } else { $Name }
    }
}

function Add-ShimBlock([string] $Name, [scriptblock] $Fixture, [bool] $Skip) {
    $__psParent = $global:__PesterShim.Current
    if (-not $__psParent) { throw "Describe '$Name' must run inside Invoke-PesterShim." }
    $__psBlock = New-ShimBlock $Name ($Skip -or $__psParent.Skip) $__psParent
    $null = $__psParent.Children.Add($__psBlock)
    $global:__PesterShim.Current = $__psBlock
    try { $null = . $Fixture } finally { $global:__PesterShim.Current = $__psParent }
}

function Describe {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Fixture, [switch] $Skip, [string[]] $Tag)
    Add-ShimBlock $Name $Fixture $Skip.IsPresent
}

function Context {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Fixture, [switch] $Skip, [string[]] $Tag)
    Add-ShimBlock $Name $Fixture $Skip.IsPresent
}

function It {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Test, [switch] $Skip,
        [hashtable[]] $TestCases, [string[]] $Tag)
    $__psBlock = $global:__PesterShim.Current
    # Assigned in each branch: `$x = if … { @($null) }` would unroll the one-null array to nothing.
    if ($TestCases) { $__psCases = $TestCases } else { $__psCases = @($null) }
    foreach ($__psCase in $__psCases) {
        $__psTitle = $Name
        if ($__psCase) { foreach ($__psKey in $__psCase.Keys) { $__psTitle = $__psTitle.Replace("<$__psKey>", "$($__psCase[$__psKey])") } }
        $null = $__psBlock.Children.Add([pscustomobject]@{
                Name = $__psTitle; Body = $Test; Data = $__psCase; Skip = ($Skip.IsPresent -or $__psBlock.Skip -or -not $Test)
                Path = "$($__psBlock.Path) > $__psTitle"
            })
    }
}

function BeforeAll([Parameter(Mandatory)] [scriptblock] $Scriptblock) { $null = $global:__PesterShim.Current.BeforeAll.Add($Scriptblock) }
function AfterAll([Parameter(Mandatory)] [scriptblock] $Scriptblock) { $null = $global:__PesterShim.Current.AfterAll.Add($Scriptblock) }
function BeforeEach([Parameter(Mandatory)] [scriptblock] $Scriptblock) { $null = $global:__PesterShim.Current.BeforeEach.Add($Scriptblock) }
function AfterEach([Parameter(Mandatory)] [scriptblock] $Scriptblock) { $null = $global:__PesterShim.Current.AfterEach.Add($Scriptblock) }

# Pester runs BeforeDiscovery in the file's scope. A function cannot, so the variables the block creates are copied
# into the file's script scope afterwards (the file runs as a script, so that scope is the file's own).
function BeforeDiscovery([Parameter(Mandatory)] [scriptblock] $Scriptblock) {
    $__psBefore = @{}
    foreach ($__psVariable in $ExecutionContext.InvokeProvider.ChildItem.Get('variable:', $false)) { $__psBefore[$__psVariable.Name] = $true }
    $null = . $Scriptblock
    foreach ($__psVariable in $ExecutionContext.InvokeProvider.ChildItem.Get('variable:', $false)) {
        if (-not $__psBefore.ContainsKey($__psVariable.Name) -and -not $__psVariable.Name.StartsWith('__ps')) {
            $ExecutionContext.SessionState.PSVariable.Set("script:$($__psVariable.Name)", $__psVariable.Value)
        }
    }
}

function Format-ShimValue($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [System.Collections.IEnumerable]) { return '@(' + ((@($Value) | ForEach-Object { Format-ShimValue $_ }) -join ', ') + ')' }
    return "$Value"
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)] $ActualValue,
        [Parameter(Position = 0)] $ExpectedValue,
        [switch] $Not, [switch] $Be, [switch] $BeExactly, [switch] $BeTrue, [switch] $BeFalse, [switch] $Contain,
        [switch] $BeNullOrEmpty, [switch] $HaveCount, [switch] $Match, [switch] $BeLike, [switch] $BeGreaterThan,
        [switch] $Throw, [switch] $BeOfType,
        [string] $ExpectedMessage, [string] $ErrorId, [type] $ExceptionType, [string] $Because, [switch] $PassThru)
    begin { $__psItems = [System.Collections.ArrayList]::new() }
    process { if ($MyInvocation.ExpectingInput) { $null = $__psItems.Add($ActualValue) } }
    end {
        # Pester unrolls piped input: nothing is $null, one item is itself, several are an array.
        $__psActual = if (-not $MyInvocation.ExpectingInput) { $ActualValue } elseif ($__psItems.Count -eq 0) { $null }
        elseif ($__psItems.Count -eq 1) { $__psItems[0] } else { , $__psItems.ToArray() }
        $__psShown = Format-ShimValue $__psActual
        $__psCount = if ($null -eq $__psActual) { 0 } else { @($__psActual).Count }
        $__psThrown = $null
        if ($Be -or $BeExactly) {
            $__psSame = if ($__psActual -is [System.Collections.IEnumerable] -and $__psActual -isnot [string] -and $ExpectedValue -is [System.Collections.IEnumerable] -and $ExpectedValue -isnot [string]) {
                $__psA = @($__psActual); $__psE = @($ExpectedValue); $__psEqual = $__psA.Count -eq $__psE.Count
                for ($__psI = 0; $__psEqual -and $__psI -lt $__psA.Count; $__psI++) { $__psEqual = if ($BeExactly) { $__psA[$__psI] -ceq $__psE[$__psI] } else { $__psA[$__psI] -eq $__psE[$__psI] } }
                $__psEqual
            } elseif ($null -eq $ExpectedValue) { $null -eq $__psActual }
            elseif ($__psActual -is [System.Collections.IEnumerable] -and $__psActual -isnot [string]) { $false }
            elseif ($BeExactly) { $ExpectedValue -ceq $__psActual } else { $ExpectedValue -eq $__psActual }
            $__psPassed = [bool]$__psSame; $__psWhat = "$(Format-ShimValue $ExpectedValue)"
        } elseif ($BeTrue) { $__psPassed = [bool]$__psActual; $__psWhat = '$true' }
        elseif ($BeFalse) { $__psPassed = -not [bool]$__psActual; $__psWhat = '$false' }
        elseif ($Contain) { $__psPassed = @($__psActual) -contains $ExpectedValue; $__psWhat = "a collection containing $(Format-ShimValue $ExpectedValue)" }
        elseif ($BeNullOrEmpty) { $__psPassed = $null -eq $__psActual -or ($__psActual -is [string] -and $__psActual -eq '') -or $__psCount -eq 0; $__psWhat = '$null or empty' }
        elseif ($HaveCount) { $__psPassed = $__psCount -eq $ExpectedValue; $__psWhat = "a collection of $ExpectedValue"; $__psShown = "$__psCount item(s): $__psShown" }
        elseif ($Match) { $__psPassed = "$__psActual" -match $ExpectedValue; $__psWhat = "to match /$ExpectedValue/" }
        elseif ($BeLike) { $__psPassed = "$__psActual" -like $ExpectedValue; $__psWhat = "like '$ExpectedValue'" }
        elseif ($BeGreaterThan) { $__psPassed = $__psActual -gt $ExpectedValue; $__psWhat = "greater than $ExpectedValue" }
        elseif ($BeOfType) {
            $__psType = if ($ExpectedValue -is [type]) { $ExpectedValue } else { "$ExpectedValue".Trim('[', ']') -as [type] }
            if (-not $__psType) { throw "Should -BeOfType: unknown type $ExpectedValue." }
            $__psPassed = $__psActual -is $__psType; $__psWhat = "of type [$($__psType.FullName)]"; $__psShown = if ($null -eq $__psActual) { '$null' } else { "[$($__psActual.GetType().FullName)]" }
        } elseif ($Throw) {
            if ($__psActual -isnot [scriptblock]) { throw 'Should -Throw needs a script block: { ... } | Should -Throw' }
            try { $null = & $__psActual } catch { $__psThrown = $_ }
            if (-not $ExpectedMessage -and $ExpectedValue) { $ExpectedMessage = "$ExpectedValue" }
            $__psPassed = $null -ne $__psThrown -and (-not $ExpectedMessage -or $__psThrown.Exception.Message -like $ExpectedMessage) -and
                (-not $ErrorId -or $__psThrown.FullyQualifiedErrorId -like "*$ErrorId*") -and (-not $ExceptionType -or $__psThrown.Exception -is $ExceptionType)
            $__psWhat = 'an exception' + $(if ($ExpectedMessage) { " with message like '$ExpectedMessage'" }) + $(if ($ErrorId) { " with error id '$ErrorId'" }) +
                $(if ($ExceptionType) { " of type $($ExceptionType.FullName)" })
            $__psShown = if ($__psThrown) { "'$($__psThrown.Exception.Message)' ($($__psThrown.FullyQualifiedErrorId))" } else { 'no exception' }
        } else { throw 'Should: this shim supports -Be, -BeExactly, -BeTrue, -BeFalse, -Contain, -BeNullOrEmpty, -HaveCount, -Match, -BeLike, -BeGreaterThan, -Throw, -BeOfType.' }

        if ($__psPassed -eq $Not.IsPresent) {
            $__psReason = if ($Because) { " because $Because" } else { '' }
            throw "Expected $(if ($Not) { 'not ' })$__psWhat$__psReason, but got $__psShown."
        }
        if ($PassThru -and $__psThrown) { $__psThrown }
    }
}

function Get-ShimTests($Block) {
    foreach ($__psChild in $Block.Children) { if ($__psChild.PSObject.Properties['Body']) { $__psChild } else { Get-ShimTests $__psChild } }
}

function Add-ShimResult($Test, [string] $Result, [string] $Message) {
    $null = $global:__PesterShim.Results.Add([pscustomobject]@{ Path = $Test.Path; Result = $Result; Message = $Message })
}

# The message with the test file's line: the first frame of the script stack trace outside this shim.
function Get-ShimMessage($ErrorRecord) {
    $__psFrame = @("$($ErrorRecord.ScriptStackTrace)".Split("`n") | Where-Object { $_ -match ', (.+): line (\d+)' -and $_ -notmatch 'PesterShim\.ps1' })[0]
    $__psAt = if ($__psFrame -match ', (.+): line (\d+)') { " (at $([System.IO.Path]::GetFileName($Matches[1])):$($Matches[2]))" } else { '' }
    "$($ErrorRecord.Exception.Message)$__psAt"
}

# Runs a block: its BeforeAll hooks are dot-sourced into this function's scope, so every nested block and It (called
# from here) sees what they defined, as in Pester.
function Invoke-ShimBlock($__psBlock) {
    $__psTests = @(Get-ShimTests $__psBlock)
    if (-not ($__psTests | Where-Object { -not $_.Skip })) {
        foreach ($__psTest in $__psTests) { Add-ShimResult $__psTest 'Skipped' '' }
        return
    }
    $__psSetupFailure = $null
    try { foreach ($__psHook in $__psBlock.BeforeAll) { $null = . $__psHook } } catch { $__psSetupFailure = "BeforeAll failed: $(Get-ShimMessage $_)" }
    foreach ($__psChild in $__psBlock.Children) {
        if ($__psSetupFailure) { foreach ($__psTest in @(Get-ShimTests ([pscustomobject]@{ Children = @($__psChild) }))) { Add-ShimResult $__psTest 'Failed' $__psSetupFailure } }
        elseif ($__psChild.PSObject.Properties['Body']) { Invoke-ShimTest $__psChild $__psBlock }
        else { Invoke-ShimBlock $__psChild }
    }
    try { foreach ($__psHook in $__psBlock.AfterAll) { $null = . $__psHook } }
    catch { Add-ShimResult ([pscustomobject]@{ Path = "$($__psBlock.Path) > AfterAll" }) 'Failed' (Get-ShimMessage $_) }
}

function Invoke-ShimTest($__psTest, $__psBlock) {
    if ($__psTest.Skip) { Add-ShimResult $__psTest 'Skipped' ''; return }
    $__psHooks = [System.Collections.ArrayList]::new()
    for ($__psAt = $__psBlock; $__psAt; $__psAt = $__psAt.Parent) { $__psHooks.Insert(0, $__psAt) }
    $__psOutcome = @{ Error = $null }
    & {
        if ($__psTest.Data) { foreach ($__psKey in $__psTest.Data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($__psKey, $__psTest.Data[$__psKey]) } }
        try {
            foreach ($__psAt in $__psHooks) { foreach ($__psHook in $__psAt.BeforeEach) { $null = . $__psHook } }
            $__psData = if ($__psTest.Data) { $__psTest.Data } else { @{} }
            $null = . $__psTest.Body @__psData
        } catch { $__psOutcome.Error = $_ }
        finally {
            try { for ($__psI = $__psHooks.Count - 1; $__psI -ge 0; $__psI--) { foreach ($__psHook in $__psHooks[$__psI].AfterEach) { $null = . $__psHook } } }
            catch { if (-not $__psOutcome.Error) { $__psOutcome.Error = $_ } }
        }
    }
    if ($__psOutcome.Error) { Add-ShimResult $__psTest 'Failed' (Get-ShimMessage $__psOutcome.Error) } else { Add-ShimResult $__psTest 'Passed' '' }
}

function Invoke-PesterShim([Parameter(Mandatory)] [string[]] $Path) {
    $global:__PesterShim.Results = [System.Collections.ArrayList]::new()
    foreach ($__psFile in $Path) {
        $__psRoot = New-ShimBlock ([System.IO.Path]::GetFileName($__psFile)) $false $null
        $global:__PesterShim.Current = $__psRoot
        try { $null = & $__psFile }
        catch { Add-ShimResult ([pscustomobject]@{ Path = "$($__psRoot.Name) > discovery" }) 'Failed' (Get-ShimMessage $_); continue }
        finally { $global:__PesterShim.Current = $null }
        Invoke-ShimBlock $__psRoot
    }
    $global:__PesterShim.Results
}
