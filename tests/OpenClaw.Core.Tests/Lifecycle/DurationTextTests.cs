using OpenClaw.Core.Lifecycle;

namespace OpenClaw.Core.Tests.Lifecycle
{
    public sealed class DurationTextTests
    {
        [Theory]
        [InlineData("90d", 90 * 24 * 3600)]
        [InlineData("12h", 12 * 3600)]
        [InlineData("30m", 30 * 60)]
        [InlineData("2w", 14 * 24 * 3600)]
        [InlineData("45s", 45)]
        [InlineData("1d12h", 36 * 3600)]
        [InlineData("1.5d", 36 * 3600)]
        [InlineData(" 90D ", 90 * 24 * 3600)]
        [InlineData("90.00:00:00", 90 * 24 * 3600)]
        [InlineData("01:30:00", 90 * 60)]
        public void ReadsUnitsAndTimeSpanText(string text, int seconds)
        {
            Assert.True(DurationText.TryParse(text, out var duration, out var error), error);
            Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        }

        [Theory]
        [InlineData("90", "has no unit; write 90d for days")]
        [InlineData("2.5", "has no unit")]
        [InlineData("90x", "is not a duration")]
        [InlineData("d90", "is not a duration")]
        [InlineData("soon", "is not a duration")]
        [InlineData("", "A duration is required")]
        [InlineData("0s", "is not longer than zero")]
        [InlineData("-1.00:00:00", "is not longer than zero")]
        [InlineData("99999999999999w", "longer than a TimeSpan can hold")]
        public void RefusesWhatIsNotAPositiveDurationAndSaysWhatWouldBe(string text, string expected)
        {
            Assert.False(DurationText.TryParse(text, out _, out var error));
            Assert.Contains(expected, error);
        }

        [Fact]
        public void TheMessageForBadInputListsTheAcceptedForms()
        {
            DurationText.TryParse("90x", out _, out var error);
            Assert.Contains("90d, 12h, 30m, 2w", error);
            Assert.Contains("90.00:00:00", error);
        }
    }
}
