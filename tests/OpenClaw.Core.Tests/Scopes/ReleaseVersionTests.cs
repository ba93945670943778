using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>OpenClaw calendar versions (facts §0): YYYY.M.D, republishes (-1) and betas (-beta.N), an optional v.</summary>
public sealed class ReleaseVersionTests
{
    [Theory]
    [InlineData("2026.2.19", 2026, 2, 19, "")]
    [InlineData("2026.2.22-1", 2026, 2, 22, "-1")]
    [InlineData("2026.3.1-beta.2", 2026, 3, 1, "-beta.2")]
    [InlineData("v2026.9.6", 2026, 9, 6, "")]
    [InlineData("2026.6.35", 2026, 6, 35, "")]
    [InlineData(" 2026.2.21 ", 2026, 2, 21, "")]
    public void A_calendar_version_parses_into_year_month_day_and_suffix(string text, int year, int month, int day, string suffix)
    {
        Assert.True(ReleaseVersion.TryParse(text, out var version));

        Assert.Equal(year, version.Year);
        Assert.Equal(month, version.Month);
        Assert.Equal(day, version.Day);
        Assert.Equal(suffix, version.Suffix);
        Assert.Equal(version, ReleaseVersion.Parse(text));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("")]
    [InlineData("2026.2")]
    [InlineData("abc")]
    [InlineData("unknown")]
    [InlineData("9.9.9-from-OPENCLAW_VERSION")]
    [InlineData("2026.2.19 extra")]
    public void Anything_but_a_calendar_version_is_rejected(string text)
    {
        Assert.False(ReleaseVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReleaseVersion.Parse(text));
    }

    [Fact]
    public void A_missing_version_is_rejected()
    {
        Assert.False(ReleaseVersion.TryParse(null, out _));
    }

    [Theory]
    [InlineData("2026.2.19", "2026.2.19")]
    [InlineData("v2026.9.6", "2026.9.6")]
    [InlineData("2026.2.22-1", "2026.2.22-1")]
    [InlineData("2026.3.1-beta.2", "2026.3.1-beta.2")]
    public void The_text_form_drops_the_v_and_keeps_the_suffix(string text, string expected)
    {
        Assert.Equal(expected, ReleaseVersion.Parse(text).ToString());
    }

    [Theory]
    [InlineData("2026.2.19", "2026.2.21", -1)]
    [InlineData("2026.2.21", "2026.2.22-1", -1)]
    [InlineData("2026.2.9", "2026.2.12", -1)]
    [InlineData("2026.9.6", "2026.10.1", -1)]
    [InlineData("2026.2.26", "2026.3.1-beta.2", -1)]
    [InlineData("2027.1.1", "2026.12.31", 1)]
    [InlineData("2026.2.22-1", "2026.2.22", 0)]
    [InlineData("2026.3.1-beta.2", "2026.3.1", 0)]
    [InlineData("v2026.9.6", "2026.9.6", 0)]
    public void Ordering_is_numeric_by_year_month_day_and_ignores_the_suffix(string left, string right, int sign)
    {
        var a = ReleaseVersion.Parse(left);
        var b = ReleaseVersion.Parse(right);

        Assert.Equal(sign, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-sign, Math.Sign(b.CompareTo(a)));
        Assert.Equal(sign < 0, a < b);
        Assert.Equal(sign > 0, a > b);
        Assert.Equal(sign <= 0, a <= b);
        Assert.Equal(sign >= 0, a >= b);
    }

    [Fact]
    public void Equal_versions_have_equal_hash_codes()
    {
        Assert.Equal(ReleaseVersion.Parse("v2026.9.6"), ReleaseVersion.Parse("2026.9.6"));
        Assert.Equal(ReleaseVersion.Parse("v2026.9.6").GetHashCode(), ReleaseVersion.Parse("2026.9.6").GetHashCode());
    }
}
