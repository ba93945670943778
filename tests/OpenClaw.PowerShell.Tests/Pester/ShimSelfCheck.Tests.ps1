# The shim's own check: every It says in its name whether it must pass, fail or be skipped, and
# PesterShimTests asserts exactly that, so a shim that reported everything as passed would be caught.
BeforeDiscovery {
    $cases = @(@{ Value = 1; Twice = 2 }, @{ Value = 3; Twice = 6 })
    $skipThese = $true
}

BeforeAll {
    $fromFile = 'file'
    $order = [System.Collections.ArrayList]::new()
}

Describe 'Should' {
    It 'passes: -Be, -BeExactly, -BeTrue, -BeFalse' {
        1 | Should -Be 1
        'A' | Should -Be 'a'
        'A' | Should -BeExactly 'A'
        @(1, 2) | Should -Be @(1, 2)
        $true | Should -BeTrue
        0 | Should -BeFalse
        2 | Should -Not -Be 3
    }
    It 'passes: -Contain, -HaveCount, -BeNullOrEmpty, -Match, -BeLike, -BeGreaterThan, -BeOfType' {
        'a', 'b' | Should -Contain 'b'
        'a', 'b' | Should -HaveCount 2
        @() | Should -HaveCount 0
        @() | Should -BeNullOrEmpty
        $null | Should -BeNullOrEmpty
        '' | Should -BeNullOrEmpty
        'x' | Should -Not -BeNullOrEmpty
        'OpenClaw.DeviceNotFound' | Should -Match '^OpenClaw\.'
        'abc' | Should -BeLike 'a*'
        5 | Should -BeGreaterThan 4
        'text' | Should -BeOfType [string]
        Should -ActualValue 7 -BeOfType ([int])
    }
    It 'passes: -Throw with a message, an error id and -PassThru' {
        { throw 'boom' } | Should -Throw
        { throw 'boom here' } | Should -Throw -ExpectedMessage 'boom*'
        { $null = [int]::Parse('x') } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
        { 1 } | Should -Not -Throw
        $record = { Import-Module /no/such/module.psd1 -ErrorAction Stop } | Should -Throw -ErrorId 'Modules_ModuleNotFound' -PassThru
        $record.FullyQualifiedErrorId | Should -BeLike 'Modules_ModuleNotFound*'
    }
    It 'fails: -Be with another value' { 1 | Should -Be 2 }
    It 'fails: -HaveCount with another count' { 'a', 'b' | Should -HaveCount 3 }
    It 'fails: -Throw when nothing throws' { { 1 } | Should -Throw }
    It 'fails: -Throw with the wrong error id' { { throw 'x' } | Should -Throw -ErrorId 'OpenClaw.Other' }
    It 'fails: -BeNullOrEmpty on a value' { 'x' | Should -BeNullOrEmpty }
    It 'fails: -Not -Contain on a member' { 'a', 'b' | Should -Not -Contain 'a' }
    It 'fails: a command error that stops the test' { throw 'unexpected' }
}

Describe 'Scopes and hooks' {
    BeforeAll {
        $fromDescribe = 'describe'
        $null = $order.Add('BeforeAll')
    }
    BeforeEach {
        $fromEach = 'each'
        $null = $order.Add('BeforeEach')
    }
    AfterEach { $null = $order.Add('AfterEach') }
    AfterAll { $null = $order.Add('AfterAll') }

    It 'passes: sees BeforeAll of the file and the block, and BeforeEach' {
        $fromFile | Should -Be 'file'
        $fromDescribe | Should -Be 'describe'
        $fromEach | Should -Be 'each'
        $leak = 'from an It'
    }
    It 'passes: does not see what another It defined' {
        $leak | Should -BeNullOrEmpty
    }
    Context 'nested' {
        BeforeAll { $fromDescribe = 'context' }
        It 'passes: an inner BeforeAll shadows an outer one' { $fromDescribe | Should -Be 'context' }
    }
    It 'passes: hooks ran in order' {
        ($order -join ',') | Should -Be 'BeforeAll,BeforeEach,AfterEach,BeforeEach,AfterEach,BeforeEach,AfterEach,BeforeEach'
    }
}

Describe 'Test cases' {
    It 'passes: <Value> doubled is <Twice>' -TestCases $cases {
        param($Value, $Twice)
        $Value * 2 | Should -Be $Twice
    }
    It 'passes: test cases are variables too (<Value>)' -TestCases $cases {
        $Twice | Should -Be ($Value * 2)
    }
}

Describe 'Skipping' {
    It 'skipped: -Skip on an It' -Skip { throw 'must not run' }
    Context 'a skipped context' -Skip:$skipThese {
        BeforeAll { throw 'must not run either' }
        It 'skipped: inside a skipped context' { throw 'must not run' }
    }
}

Describe 'A failing BeforeAll' {
    BeforeAll { throw 'setup broke' }
    It 'fails: its tests fail with the setup error' { 1 | Should -Be 1 }
}
