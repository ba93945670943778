using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Lifecycle;
using OpenClaw.Core.Releases;

namespace OpenClaw.Core.Tests.Lifecycle
{
    /// <summary>The lifecycle errors say what is wrong and what to do, and 2026.9's operator label is the name shown.</summary>
    public sealed class LifecycleMessagesTests
    {
        [Fact]
        public void NotSupportedNamesTheMethodTheReleaseAndTheFirstReleaseWithIt()
        {
            var error = LifecycleErrors.NotSupported(DeviceMethods.Remove, "2026.2.17 or earlier", ReleaseSupport.FirstRelease(DeviceMethods.Remove), "ws://127.0.0.1:18789/");
            Assert.Equal("OpenClaw.NotSupportedByRelease", error.ErrorId);
            Assert.Equal(OpenClawErrorKind.NotImplemented, error.Kind);
            Assert.Equal("device.pair.remove is not supported by this gateway release (2026.2.17 or earlier at ws://127.0.0.1:18789/); it needs 2026.2.19 or later.", error.Message);
            Assert.Equal("2026.8.1", ReleaseSupport.FirstRelease(DeviceMethods.Rename));
        }

        [Fact]
        public void RefusingTheModulesOwnDeviceSaysWhoLosesAccessAndHowToProceed()
        {
            var device = new PairedDevice { DeviceId = "5a454ab5c0ffee0123456789", ClientId = "cli" };
            var cli = LifecycleErrors.Protected(device, isOpenClawCli: true, "remove");
            var own = LifecycleErrors.Protected(device, isOpenClawCli: false, "revoke the operator token of");
            Assert.Equal("OpenClaw.CurrentIdentityProtected", cli.ErrorId);
            Assert.Equal(device.DeviceId, cli.Target);
            Assert.StartsWith("Refusing to remove cli (5a454ab5c0ff)", cli.Message);
            Assert.EndsWith("so the CLI would lose access too.", cli.Message);
            Assert.EndsWith("so the module would lose access.", own.Message);
            Assert.Equal(RemedyKind.ConfirmOwnIdentity, own.Remedy?.Kind);
        }

        [Fact]
        public void TheOperatorLabelIsTheDisplayNameWhenSet()
        {
            var labelled = PairedDevice.FromJson(JObject.Parse("{\"deviceId\":\"d\",\"displayName\":\"kiosk\",\"operatorLabel\":\"Front desk\"}"));
            var plain = PairedDevice.FromJson(JObject.Parse("{\"deviceId\":\"d\",\"displayName\":\"kiosk\"}"));
            Assert.Equal(("Front desk", "Front desk"), (labelled.DisplayName, labelled.Label));
            Assert.Equal(("kiosk", (string?)null), (plain.DisplayName, plain.Label));
            Assert.Equal("Front desk (d)", DeviceNames.Of(labelled));
        }
    }
}
