using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenClaw.Core.Scopes
{
    /// <summary>An OpenClaw calendar version: YYYY.M.D, optionally with a republish (-1) or beta suffix.</summary>
    public readonly struct ReleaseVersion : IComparable<ReleaseVersion>, IEquatable<ReleaseVersion>
    {
        private static readonly Regex Pattern = new Regex(@"^v?(\d{4})\.(\d{1,2})\.(\d{1,2})(-[0-9A-Za-z.]+)?$", RegexOptions.CultureInvariant);

        public ReleaseVersion(int year, int month, int day, string suffix = "")
        {
            Year = year;
            Month = month;
            Day = day;
            Suffix = suffix;
        }

        public int Year { get; }
        public int Month { get; }
        public int Day { get; }
        public string Suffix { get; }

        public static bool TryParse(string? text, out ReleaseVersion version)
        {
            version = default;
            var match = text == null ? null : Pattern.Match(text.Trim());
            if (match == null || !match.Success) return false;
            int month = Int(match.Groups[2].Value), day = Int(match.Groups[3].Value);
            // Calendar versions: a typo like 2026.2.190 or 2026.13.4 must not pass for a release after 2.22.
            if (month < 1 || month > 12 || day < 1 || day > 99) return false;
            version = new ReleaseVersion(Int(match.Groups[1].Value), month, day, match.Groups[4].Success ? match.Groups[4].Value : "");
            return true;
        }

        public static ReleaseVersion Parse(string text) =>
            TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not an OpenClaw release such as 2026.2.19.");

        /// <summary>Compares year, month, day; suffixes (republishes, betas) do not change the scope rules.</summary>
        public int CompareTo(ReleaseVersion other)
        {
            var c = Year.CompareTo(other.Year);
            if (c == 0) c = Month.CompareTo(other.Month);
            if (c == 0) c = Day.CompareTo(other.Day);
            return c;
        }

        public bool Equals(ReleaseVersion other) => CompareTo(other) == 0 && Suffix == other.Suffix;

        public override bool Equals(object? obj) => obj is ReleaseVersion v && Equals(v);

        public override int GetHashCode() => (Year * 100 + Month) * 1000 + Day;

        public static bool operator <(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) < 0;
        public static bool operator >(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) > 0;
        public static bool operator <=(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) <= 0;
        public static bool operator >=(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) >= 0;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}{3}", Year, Month, Day, Suffix);

        private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
    }
}
