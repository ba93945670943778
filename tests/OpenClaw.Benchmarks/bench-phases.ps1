# Times the core's share of `Get-OpenClawDevice | Test-OpenClawDeviceScope | Where-Object {...} |
# Update-OpenClawDeviceScope` phase by phase, calling the core's public types from the assemblies Import-Module
# loaded (so the code is exactly the module's). Not a user script. The pipeline minus these phases is what the
# cmdlets and the engine add. Returns an ordered hashtable; every *Ms value is milliseconds.
param([string] $Url, [string] $Token, [string] $StateDirectory)
$ErrorActionPreference = 'Stop'
$none = [Threading.CancellationToken]::None
$t = [ordered]@{}
$jit = @{ Total = 0.0 }
# Each phase's time, and of that how much the JIT spent compiling (on any thread) during the phase.
function Lap([string] $Name) {
    $t[$Name] = [math]::Round($watch.Elapsed.TotalMilliseconds, 2)
    $jitNow = [Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds
    $t[$Name.Replace('Ms', 'JitMs')] = [math]::Round($jitNow - $jit.Total, 1)
    $jit.Total = $jitNow
    $watch.Restart()
}
function Wait($Task) { $Task.GetAwaiter().GetResult() }
# The cmdlets load the core into the module's own load context, whose types PowerShell does not resolve by name;
# load the same file into the default context, so its types resolve here (docs/dependency-isolation.md).
$null = [Reflection.Assembly]::LoadFrom([IO.Path]::Combine((Get-Module OpenClaw.PowerShell).ModuleBase, 'Dependencies', 'OpenClaw.Core.dll'))

$watch = [Diagnostics.Stopwatch]::StartNew()
Lap 'startMs'
$all = [Diagnostics.Stopwatch]::StartNew()
# Get-OpenClawDevice: settings and identity, connect, release detection, one list.
$request = [OpenClaw.Core.Configuration.GatewaySettingsRequest]@{ Url = $Url; Token = $Token; StateDirectory = $StateDirectory }
$settings = [OpenClaw.Core.Configuration.GatewaySettingsResolver]::ForCurrentProcess().Resolve($request)
$environment = [Func[string, string]] { param($name) [Environment]::GetEnvironmentVariable($name) }
$identity = [OpenClaw.Core.Identity.ActingIdentity]::Resolve($settings.StateDirectory,
    [OpenClaw.Core.Identity.ActingIdentity]::DefaultModuleHome($environment))
Lap 'resolveMs'
$scopes = [string[]] @('operator.pairing')
$connect = [OpenClaw.Core.Protocol.ConnectOptions]::new($identity.Identity, $settings.Credential, $scopes)
$first = Wait ([OpenClaw.Core.Transport.GatewayConnection]::OpenAsync($settings.Url, $connect, [TimeSpan]::FromSeconds(30),
    [OpenClaw.Core.Transport.NullGatewayLog]::Instance, $none, $null))
Lap 'connect1Ms'
# 2026.2.19 answers the health probe, so the admin probe is never opened.
$noAdmin = [Func[Threading.CancellationToken, Threading.Tasks.Task[OpenClaw.Core.Transport.GatewayConnection]]] {
    param($cancel) [Threading.Tasks.Task]::FromResult[OpenClaw.Core.Transport.GatewayConnection]($null) }
$release = Wait ([OpenClaw.Core.Scopes.ReleaseDetector]::DetectAsync($first, $scopes, $noAdmin, $none))
Lap 'detectMs'
$snapshot = Wait ([OpenClaw.Core.Devices.DevicePairingClient]::new($first).ListAsync($none))
Lap 'list1Ms'
$first.Dispose()
Lap 'close1Ms'

# Update-OpenClawDeviceScope: a second connection (its detection is detectMs again), list, plan, rotate each, verify.
$options = [OpenClaw.Core.Transport.SessionOptions]::new()
$options.Release = $release
$session = Wait ([OpenClaw.Core.Transport.GatewaySession]::OpenAsync($settings, $identity,
    [OpenClaw.Core.Transport.ManagementAccess]::ChangeDevices, $options, $none))
Lap 'connect2Ms'
$repairer = Wait ([OpenClaw.Core.Repair.ScopeRepairer]::StartAsync($session, $null, $none))
Lap 'list2Ms'
$noScopes = [string[]] @()
$plans = @(foreach ($device in $repairer.Snapshot.Paired) {
    $plan = $repairer.Plan($device.DeviceId, 'operator', $noScopes, $null)
    if ($plan.IsPossible -and $plan.NeedsChange) { $plan }
})
Lap 'planMs'
$each = [Collections.Generic.List[double]]::new()
$one = [Diagnostics.Stopwatch]::new()
foreach ($plan in $plans) {
    $one.Restart()
    $outcome = Wait ($repairer.ExecuteAsync($plan, $null, $none))
    $each.Add($one.Elapsed.TotalMilliseconds)
    if ($outcome.Error) { throw $outcome.Error }
}
Lap 'rotatesMs'
$outcomes = Wait ($repairer.VerifyAsync($none))
Lap 'verifyMs'
$session.Dispose()
Lap 'close2Ms'
$t['totalMs'] = [math]::Round($all.Elapsed.TotalMilliseconds, 2)

$rest = [Collections.Generic.List[double]]::new($each)
$rest.RemoveAt(0)
$rest.Sort()
$t['devices'] = $snapshot.Paired.Count
$t['rotated'] = $plans.Count
$t['verified'] = @($outcomes | Where-Object Verified).Count
$t['rejectedRequests'] = 0
foreach ($outcome in $outcomes) { $t['rejectedRequests'] += $outcome.RejectedRequestIds.Count }
$t['firstRotateMs'] = [math]::Round($each[0], 2)
$t['rotateMedianMs'] = [math]::Round($rest[[int][math]::Floor($rest.Count / 2)], 2)
$t['rotateP95Ms'] = [math]::Round($rest[[int][math]::Floor($rest.Count * 0.95)], 2)
$t['rotateMaxMs'] = [math]::Round($rest[$rest.Count - 1], 2)
$t
