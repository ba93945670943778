# What an operator runs after upgrading OpenClaw to 2026.2.19, when agent tool calls loop on
# "gateway closed (1008): pairing required". $c holds -Url, -Token and -StateDirectory for the demo gateway.
param($c)

# Only the engine's core cmdlets exist in the hosted engine, so headings go straight to the host.
function Show-Heading([string] $Text) { $Host.UI.WriteLine("`n== $Text") }

Show-Heading "The paired devices, as the gateway sees them"
Get-OpenClawDevice @c | Out-Default

Show-Heading "Which of them are under-scoped on this release?"
Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Out-Default

Show-Heading "Dry run: what would the repair do?"
Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -WhatIf

Show-Heading "Repair, verified"
Get-OpenClawDevice @c | Test-OpenClawDeviceScope | Where-Object { -not $_.IsCompliant } | Update-OpenClawDeviceScope @c -PassThru | Out-Default

Show-Heading "After"
Test-OpenClawDeviceScope @c | Out-Default
