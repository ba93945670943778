using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>
    /// Bad parameter values and names of things that do not exist. Values PowerShell itself refuses while binding
    /// carry PowerShell's own stable ids (ParameterArgumentValidationError, ParameterArgumentTransformationError);
    /// per-item problems (an unknown device in a batch) are non-terminating, so the rest of the batch goes on.
    /// </summary>
    public static partial class MalformedInputCases
    {
        private const string NoSuchRequest = "00000000-0000-4000-8000-000000000000";

        private static IEnumerable<MalformedInput> Arguments() => new[]
        {
            new MalformedInput("ReleaseDevOnTest", "Test-OpenClawDeviceScope @c -Release dev", "OpenClaw.InvalidRelease", true) { Mentions = _ => "'dev'" },
            new MalformedInput("ReleaseWithoutDayOnTest", "Test-OpenClawDeviceScope @c -Release 2026.99", "OpenClaw.InvalidRelease", true) { Mentions = _ => "2026.99" },
            new MalformedInput("ReleaseDevOnUpdate", "Update-OpenClawDeviceScope @c -DeviceId $id -Release dev", "OpenClaw.InvalidRelease", true),
            new MalformedInput("ReleaseWithMonth13OnUpdate", "Update-OpenClawDeviceScope @c -DeviceId $id -Release 2026.13.40", "OpenClaw.InvalidRelease", true)
                { Mentions = _ => "2026.13.40" },
            new MalformedInput("TlsFingerprintGarbage", "Get-OpenClawDevice @c -TlsFingerprint 'not-a-fingerprint'", "OpenClaw.InvalidTlsFingerprint", true)
                { Mentions = _ => "not-a-fingerprint" },
            new MalformedInput("TimeoutSecZero", "Get-OpenClawDevice @c -TimeoutSec 0", "ParameterArgumentValidationError", true) { Mentions = _ => "TimeoutSec" },
            new MalformedInput("InactiveForGarbage", "Get-OpenClawDevice @c -InactiveFor 'a while'", "ParameterArgumentTransformationError", true)
                { Mentions = _ => "a while" },
            new MalformedInput("InactiveForBareNumber", "Get-OpenClawDevice @c -InactiveFor 90", "ParameterArgumentTransformationError", true),
            new MalformedInput("WaitTimeoutZero", "Get-OpenClawDeviceRequest @c -Wait -Timeout 0s", "ParameterArgumentTransformationError", true)
                { MustNotSay = "not been used" },
            new MalformedInput("UnknownScope", "Update-OpenClawDeviceScope @c -DeviceId $id -Scope operator.everything", "OpenClaw.InvalidScope", true)
                { Mentions = _ => "operator.everything" },

            // Names of things that do not exist: non-terminating, the target is the name given.
            new MalformedInput("UnknownDeviceIdOnUpdate", "Update-OpenClawDeviceScope @c -DeviceId feedfacecafe", "OpenClaw.DeviceNotFound", false)
                { Mentions = _ => "feedfacecafe" },
            new MalformedInput("UnknownDeviceIdOnGet", "Get-OpenClawDevice @c -DeviceId feedfacecafe", "OpenClaw.DeviceNotFound", false)
                { Mentions = _ => "feedfacecafe" },
            new MalformedInput("UnknownDeviceNameOnGet", "Get-OpenClawDevice @c -Name 'no such laptop'", "OpenClaw.DeviceNotFound", false)
                { Mentions = _ => "no such laptop" },
            new MalformedInput("UnknownDeviceIdOnRemove", "Remove-OpenClawDevice @c -DeviceId feedfacecafe -Confirm:$false", "OpenClaw.DeviceNotFound", false),
            new MalformedInput("UnknownRequestIdOnApprove", $"Approve-OpenClawDeviceRequest @c -RequestId {NoSuchRequest} -Confirm:$false", "OpenClaw.RequestNotFound", false)
                { Mentions = _ => NoSuchRequest },
            new MalformedInput("UnknownRequestIdOnDeny", $"Deny-OpenClawDeviceRequest @c -RequestId {NoSuchRequest}", "OpenClaw.RequestNotFound", false)
                { Mentions = _ => NoSuchRequest },
            new MalformedInput("UnknownRequestIdOnGet", $"Get-OpenClawDeviceRequest @c -RequestId {NoSuchRequest}", "OpenClaw.RequestNotFound", false),
            new MalformedInput("BlankNewName", "Rename-OpenClawDevice @c -DeviceId $id -NewName '   '", "OpenClaw.InvalidDeviceName", false),
            new MalformedInput("MissingLogFile", "Get-OpenClawScopeUpgradeEvent -Path \"$state/no-such.log\"", "OpenClaw.LogNotFound", false)
                { Mentions = shell => Path.Combine(shell.StateDirectory, "no-such.log") },
            new MalformedInput("DisconnectingTwice", "$conn = Connect-OpenClawGateway @c; Disconnect-OpenClawGateway $conn; Disconnect-OpenClawGateway $conn",
                "OpenClaw.ConnectionNotFound", false),
        };

        /// <summary>Every case, by name, for [MemberData]: names serialise, so each case is its own test in the results.</summary>
        public static TheoryData<string> Names()
        {
            var data = new TheoryData<string>();
            foreach (var name in All.Keys) data.Add(name);
            return data;
        }

        public static readonly IReadOnlyDictionary<string, MalformedInput> All =
            Connection().Concat(Files()).Concat(Arguments()).ToDictionary(c => c.Name);
    }
}
