using OpenClaw.Core.Devices;
using OpenClaw.Core.Lifecycle;

namespace OpenClaw.Core.Tests.Lifecycle
{
    /// <summary>Which time "not used for" reads, and the devices it must never offer for removal.</summary>
    public sealed class DeviceActivityTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public void TheNewestTokenUseCounts()
        {
            var device = Device(approvedDaysAgo: 200, tokenUsedDaysAgo: new double?[] { 120, 3 });
            Assert.Equal(Now.AddDays(-3), DeviceActivity.LastActivity(device));
            Assert.False(DeviceActivity.IsInactive(device, TimeSpan.FromDays(90), Now));
        }

        [Fact]
        public void LastSeenCountsLikeUse()
        {
            var device = Device(approvedDaysAgo: 200, tokenUsedDaysAgo: new double?[] { 150 });
            device.LastSeenAt = Now.AddHours(-1);
            Assert.False(DeviceActivity.IsInactive(device, TimeSpan.FromDays(90), Now));
        }

        [Fact]
        public void ADeviceNeverUsedCountsFromItsApproval()
        {
            Assert.True(DeviceActivity.IsInactive(Device(approvedDaysAgo: 100), TimeSpan.FromDays(90), Now));
            Assert.False(DeviceActivity.IsInactive(Device(approvedDaysAgo: 1), TimeSpan.FromDays(90), Now));
        }

        [Fact]
        public void WithoutApprovalTimeItsCreationCounts()
        {
            var device = new PairedDevice { DeviceId = "d", CreatedAt = Now.AddDays(-100) };
            Assert.Equal(Now.AddDays(-100), DeviceActivity.LastActivity(device));
            Assert.True(DeviceActivity.IsInactive(device, TimeSpan.FromDays(90), Now));
        }

        [Fact]
        public void ADeviceWithNoTimesIsNeverJudgedInactive()
        {
            var device = new PairedDevice { DeviceId = "d" };
            Assert.Null(DeviceActivity.LastActivity(device));
            Assert.False(DeviceActivity.IsInactive(device, TimeSpan.FromSeconds(1), Now));
        }

        [Fact]
        public void ExactlyAtTheCutOffIsNotYetInactive() =>
            Assert.False(DeviceActivity.IsInactive(Device(approvedDaysAgo: 90), TimeSpan.FromDays(90), Now));

        [Fact]
        public void OnlyLastSeenTimesShowThatEveryConnectIsRecorded()
        {
            var february = new DevicePairingSnapshot(new[] { Device(10, new double?[] { 1 }) }, Array.Empty<PendingDeviceRequest>());
            var seen = Device(10);
            seen.LastSeenAt = Now;
            var september = new DevicePairingSnapshot(new[] { Device(10), seen }, Array.Empty<PendingDeviceRequest>());
            Assert.False(DeviceActivity.RecordsEveryConnect(february));
            Assert.True(DeviceActivity.RecordsEveryConnect(september));
        }

        private static PairedDevice Device(double approvedDaysAgo, double?[]? tokenUsedDaysAgo = null) => new PairedDevice
        {
            DeviceId = Guid.NewGuid().ToString("N"),
            CreatedAt = Now.AddDays(-approvedDaysAgo - 1),
            ApprovedAt = Now.AddDays(-approvedDaysAgo),
            Tokens = (tokenUsedDaysAgo ?? Array.Empty<double?>())
                .Select((days, i) => new DeviceTokenInfo { Role = "role" + i, LastUsedAt = days.HasValue ? Now.AddDays(-days.Value) : null })
                .ToList(),
        };
    }
}
