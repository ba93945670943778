# Another module's Microsoft.Data.Sqlite 8.0 (with SQLitePCLRaw 2.1.11) and BouncyCastle 2.4 in the same
# PowerShell 7 session, loaded before or after OpenClaw.PowerShell: the module keeps its own copies in its own
# AssemblyLoadContext (src/OpenClaw.PowerShell/Loading, docs/dependency-isolation.md), and the other copies stay in
# the default context and keep working.
#
# Each case runs in a fresh child pwsh: what is loaded first cannot be undone in a process. The old packages are
# fetched by restoring tests/pester/conflicts/Conflicts.csproj (needs the dotnet SDK and the package feed).
# PowerShell 7 only: Windows PowerShell 5.1 has no load contexts (its resolver is described, untested, in the doc).

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'The module folder' {
    It 'keeps <_> in Dependencies/, out of the module root where default probing would find it' -ForEach @(
        'OpenClaw.Core.dll', 'Newtonsoft.Json.dll', 'BouncyCastle.Cryptography.dll', 'Microsoft.Data.Sqlite.dll', 'SQLitePCLRaw.core.dll') {
        Join-Path $ModuleFolder "Dependencies/$_" | Should -Exist
        Join-Path $ModuleFolder $_ | Should -Not -Exist
    }
}

Describe 'Another module''s SQLite and BouncyCastle in the same session' {
    BeforeAll {
        # The old packages, into the global packages folder (NUGET_PACKAGES when set, as dotnet itself decides).
        $conflicts = Join-Path $PSScriptRoot 'conflicts/Conflicts.csproj'
        $restore = & dotnet restore $conflicts 2>&1
        if ($LASTEXITCODE -ne 0) { throw "dotnet restore $conflicts failed:`n$($restore -join "`n")" }
        $listed = "$(& dotnet nuget locals global-packages --list)"
        $packages = $listed.Substring($listed.IndexOf(':') + 1).Trim()

        # "Another module": its managed assemblies with its native e_sqlite3 beside them, as such a module ships them,
        # so .NET's default probing (the assembly's own folder) finds that library for it.
        $root = "$TestDrive"
        $OtherModule = (New-Item -ItemType Directory -Path (Join-Path $root 'OtherModule')).FullName
        $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        $native = if ($IsWindows) { 'e_sqlite3.dll' } elseif ($IsMacOS) { 'libe_sqlite3.dylib' } else { 'libe_sqlite3.so' }
        foreach ($file in @(
                'microsoft.data.sqlite.core/8.0.34/lib/net8.0/Microsoft.Data.Sqlite.dll'
                'sqlitepclraw.core/2.1.11/lib/netstandard2.0/SQLitePCLRaw.core.dll'
                'sqlitepclraw.provider.e_sqlite3/2.1.11/lib/net6.0/SQLitePCLRaw.provider.e_sqlite3.dll'
                'sqlitepclraw.bundle_e_sqlite3/2.1.11/lib/netstandard2.0/SQLitePCLRaw.batteries_v2.dll'
                "sqlitepclraw.lib.e_sqlite3/2.1.11/runtimes/$rid/native/$native"
                'bouncycastle.cryptography/2.4.0/lib/net6.0/BouncyCastle.Cryptography.dll')) {
            $source = Join-Path $packages $file
            if (-not (Test-Path -LiteralPath $source)) { throw "Not in the restored packages: $source" }
            Copy-Item -LiteralPath $source -Destination $OtherModule
        }

        # What each child defines first: loading the other module's copies, using them (an in-memory database, an
        # Ed25519 key), and reporting every loaded copy of the contested assemblies with its load context.
        $Prelude = @'
param([string] $Module, [string] $OtherModule, [string] $StateDirectory, [int] $FreePort)
$ErrorActionPreference = 'Stop'
$contested = 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core', 'SQLitePCLRaw.provider.e_sqlite3', 'SQLitePCLRaw.batteries_v2',
    'BouncyCastle.Cryptography', 'Newtonsoft.Json', 'OpenClaw.Core'
$report = [ordered]@{}

function Import-OtherModule {
    # LoadFrom, as Import-Module or Add-Type -Path does for a module's assemblies.
    foreach ($name in 'SQLitePCLRaw.core', 'SQLitePCLRaw.provider.e_sqlite3', 'SQLitePCLRaw.batteries_v2', 'Microsoft.Data.Sqlite', 'BouncyCastle.Cryptography') {
        $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($OtherModule, "$name.dll"))
    }
}

function Invoke-OtherModule {
    # The other module at work with its own copies: SQLite through Microsoft.Data.Sqlite 8.0, a key through BouncyCastle 2.4.
    $default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies
    $sqlite = $default | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
    $batteries = $default | Where-Object { $_.GetName().Name -eq 'SQLitePCLRaw.batteries_v2' }
    $bouncy = $default | Where-Object { $_.GetName().Name -eq 'BouncyCastle.Cryptography' }
    $null = $batteries.GetType('SQLitePCL.Batteries_V2', $true).GetMethod('Init').Invoke($null, @())
    $connection = [System.Activator]::CreateInstance($sqlite.GetType('Microsoft.Data.Sqlite.SqliteConnection', $true), @('Data Source=:memory:'))
    try {
        $connection.Open()
        $command = $connection.CreateCommand()
        $command.CommandText = 'SELECT sqlite_version()'
        $sqliteVersion = $command.ExecuteScalar()
    } finally { $connection.Dispose() }
    $generator = [System.Activator]::CreateInstance($bouncy.GetType('Org.BouncyCastle.Crypto.Generators.Ed25519KeyPairGenerator', $true))
    $random = [System.Activator]::CreateInstance($bouncy.GetType('Org.BouncyCastle.Security.SecureRandom', $true))
    $parameters = [System.Activator]::CreateInstance($bouncy.GetType('Org.BouncyCastle.Crypto.Parameters.Ed25519KeyGenerationParameters', $true), @($random))
    $generator.Init($parameters)
    $publicKey = $generator.GenerateKeyPair().Public.GetEncoded()
    [ordered]@{ SqliteVersion = "$sqliteVersion"; PublicKeyLength = $publicKey.Length }
}

function Invoke-OpenClaw {
    # The module's SQLite path (an offline read of a 2026.9.6 store) and its BouncyCastle path (an online command
    # creates the module's own Ed25519 identity before it connects to a gateway that is not there).
    $devices = @(Get-OpenClawDevice -Offline -StateDirectory $StateDirectory | ForEach-Object { $_.DeviceId })
    $onlineError = $null
    try { $null = Get-OpenClawDevice -Url "ws://127.0.0.1:$FreePort" -Token 'not-a-real-token' -TimeoutSec 5 }
    catch { $onlineError = "$($_.FullyQualifiedErrorId)".Split(',')[0] + ': ' + $_.Exception.Message }
    [ordered]@{ Devices = $devices; OnlineError = $onlineError
        IdentityFiles = @([System.IO.Directory]::GetFiles([System.IO.Path]::Combine($env:OPENCLAW_POWERSHELL_HOME, 'identity')) | ForEach-Object { [System.IO.Path]::GetFileName($_) }) }
}

function Get-LoadedCopies {
    @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $contested -contains $_.GetName().Name } | ForEach-Object {
            $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_)
            [ordered]@{
                Name     = $_.GetName().Name
                Version  = "$($_.GetName().Version)"
                Location = $_.Location
                Context  = if ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { 'Default' } else { $context.GetType().FullName }
            }
        })
}
'@

        function Invoke-Child([string] $Body) {
            # Runs the prelude and $Body in a new pwsh (the same one running this test) and returns its JSON report.
            $script = Join-Path $root "$([guid]::NewGuid().ToString('N')).ps1"
            Set-Content -LiteralPath $script -Value ($Prelude + "`n" + $Body + "`n`$report | ConvertTo-Json -Depth 5 -Compress`n")
            $savedHome = $env:OPENCLAW_POWERSHELL_HOME
            $env:OPENCLAW_POWERSHELL_HOME = Join-Path $root "home-$([guid]::NewGuid().ToString('N'))"
            try {
                $output = Invoke-ChildPwsh "& '$script' -Module '$ModuleManifest' -OtherModule '$OtherModule' -StateDirectory '$StateDirectory' -FreePort $(Get-FreeTcpPort)" 2>&1
            } finally { $env:OPENCLAW_POWERSHELL_HOME = $savedHome }
            if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed ($LASTEXITCODE):`n$($output -join "`n")" }
            ($output | Select-Object -Last 1) | ConvertFrom-Json
        }

        function Get-Copy($Report, [string] $Name) {
            @($Report.Loaded | Where-Object { $_.Name -eq $Name })
        }

        # A 2026.9.6 SQLite store with one device, written by the other module's Microsoft.Data.Sqlite 8.0 in a child
        # that never loads OpenClaw.PowerShell.
        $StateDirectory = (New-Item -ItemType Directory -Path (Join-Path $root 'state-dir/state')).Parent.FullName
        $schema = Join-Path $RepoRoot 'tests/OpenClaw.Core.Tests/Stores/Sqlite/Fixtures/sqlite-schema-2026.9.6-devices.sql'
        $null = Invoke-Child @"
Import-OtherModule
`$null = Invoke-OtherModule
`$sqlite = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
`$connection = [System.Activator]::CreateInstance(`$sqlite.GetType('Microsoft.Data.Sqlite.SqliteConnection', `$true), @('Data Source=$StateDirectory/state/openclaw.sqlite;Pooling=False'))
`$connection.Open()
`$command = `$connection.CreateCommand()
`$command.CommandText = [System.IO.File]::ReadAllText('$schema') + "; INSERT INTO schema_meta VALUES ('primary', 'global', 18, NULL, '2026.9.6', 1, 1);" +
    "INSERT INTO device_pairing_paired (device_id, public_key, client_id, client_mode, role, roles_json, scopes_json, tokens_json, created_at_ms, approved_at_ms) " +
    "VALUES ('isolation-device', 'pk', 'cli', 'cli', 'operator', '[""operator""]', '[""operator.pairing""]', '{}', 1, 1)"
`$null = `$command.ExecuteNonQuery()
`$connection.Dispose()
"@
    }

    Context 'Another module loaded Microsoft.Data.Sqlite 8.0 and BouncyCastle 2.4 first' {
        BeforeAll {
            $report = Invoke-Child @'
Import-OtherModule
$report.OtherBefore = Invoke-OtherModule
Import-Module $Module
$report.OpenClaw = Invoke-OpenClaw
$report.OtherAfter = Invoke-OtherModule
$report.Loaded = Get-LoadedCopies
'@
        }

        It 'reads the SQLite store offline, not OpenClaw.StateFileInvalid' {
            $report.OpenClaw.Devices | Should -Be @('isolation-device')
        }

        It 'creates its Ed25519 identity with its own BouncyCastle and fails only on the missing gateway' {
            $report.OpenClaw.OnlineError | Should -BeLike 'OpenClaw.GatewayUnreachable:*'
            $report.OpenClaw.IdentityFiles | Should -Not -BeNullOrEmpty
        }

        It 'loads <Name> from its Dependencies folder into its own load context' -ForEach @(
            @{ Name = 'OpenClaw.Core' }, @{ Name = 'Microsoft.Data.Sqlite' }, @{ Name = 'SQLitePCLRaw.core' }, @{ Name = 'BouncyCastle.Cryptography' }, @{ Name = 'Newtonsoft.Json' }) {
            $own = @(Get-Copy $report $Name | Where-Object { $_.Context -ne 'Default' })
            $own.Count | Should -Be 1
            $own[0].Context | Should -Be 'OpenClaw.PowerShell.Loading.DependencyLoadContext'
            $own[0].Location | Should -Be (Join-Path $ModuleFolder "Dependencies/$Name.dll")
        }

        It 'leaves the other module''s <Name> <Version> as the copy in the default context' -ForEach @(
            @{ Name = 'Microsoft.Data.Sqlite'; Version = '8.0.34.0' }
            @{ Name = 'SQLitePCLRaw.core'; Version = '2.1.11.2622' }
            @{ Name = 'BouncyCastle.Cryptography'; Version = '2.0.0.0' }) {
            $default = @(Get-Copy $report $Name | Where-Object { $_.Context -eq 'Default' })
            $default.Count | Should -Be 1
            $default[0].Location | Should -BeLike "$OtherModule*"
            $default[0].Version | Should -Be $Version
        }

        It 'leaves the other module working after OpenClaw.PowerShell ran' {
            $report.OtherAfter.SqliteVersion | Should -Match '^3\.'
            $report.OtherAfter.PublicKeyLength | Should -Be 32
        }
    }

    Context 'OpenClaw.PowerShell loaded first, another module''s older copies after it' {
        BeforeAll {
            $report = Invoke-Child @'
Import-Module $Module
$report.OpenClawBefore = Invoke-OpenClaw
Import-OtherModule
$report.Other = Invoke-OtherModule
$report.OpenClawAfter = Invoke-OpenClaw
$report.Loaded = Get-LoadedCopies
'@
        }

        It 'lets the other module load and use its Microsoft.Data.Sqlite 8.0 and BouncyCastle 2.4' {
            $report.Other.SqliteVersion | Should -Match '^3\.'
            $report.Other.PublicKeyLength | Should -Be 32
            @(Get-Copy $report 'Microsoft.Data.Sqlite' | Where-Object { $_.Context -eq 'Default' }).Location | Should -BeLike "$OtherModule*"
            @(Get-Copy $report 'BouncyCastle.Cryptography' | Where-Object { $_.Context -eq 'Default' }).Location | Should -BeLike "$OtherModule*"
        }

        It 'keeps working on its own copies after the other module loaded' {
            $report.OpenClawBefore.Devices | Should -Be @('isolation-device')
            $report.OpenClawAfter.Devices | Should -Be @('isolation-device')
            $report.OpenClawAfter.OnlineError | Should -BeLike 'OpenClaw.GatewayUnreachable:*'
            @(Get-Copy $report 'Microsoft.Data.Sqlite' | Where-Object { $_.Context -ne 'Default' }).Location |
                Should -Be (Join-Path $ModuleFolder 'Dependencies/Microsoft.Data.Sqlite.dll')
        }
    }

    Context 'An assembly missing from the module''s Dependencies folder' {
        BeforeAll {
            # A copy of the built module without Microsoft.Data.Sqlite.dll: the offline read cannot load it.
            $broken = (New-Item -ItemType Directory -Path (Join-Path $root 'broken/OpenClaw.PowerShell')).FullName
            Copy-Item -Path (Join-Path $ModuleFolder '*') -Destination $broken -Recurse
            Remove-Item -LiteralPath (Join-Path $broken 'Dependencies/Microsoft.Data.Sqlite.dll')
            $report = Invoke-Child @"
Import-Module '$broken/OpenClaw.PowerShell.psd1'
try { `$null = Get-OpenClawDevice -Offline -StateDirectory `$StateDirectory; `$report.Error = 'none' }
catch { `$report.Error = "`$(`$_.FullyQualifiedErrorId)".Split(',')[0]; `$report.Category = "`$(`$_.CategoryInfo.Category)"; `$report.Message = `$_.Exception.Message }
"@
        }

        It 'is OpenClaw.DependencyLoadFailed naming the assembly, not a bad state file' {
            $report.Error | Should -Be 'OpenClaw.DependencyLoadFailed'
            $report.Category | Should -Be 'NotInstalled'
            $report.Message | Should -BeLike "*Microsoft.Data.Sqlite, Version=*"
        }
    }
}
