using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenClaw.Core.Lifecycle
{
    /// <summary>
    /// Reads the short durations people type for "not used for": 90d, 12h, 30m, 2w, 45s, or combined (1d12h),
    /// as well as TimeSpan text (90.00:00:00, 01:30:00). A bare number is refused: .NET reads "90" as 90 days and
    /// PowerShell converts the integer 90 to 90 ticks, and neither is what the typist can be assumed to mean.
    /// </summary>
    public static class DurationText
    {
        private static readonly Regex Units = new Regex(@"^(?:(\d+(?:\.\d+)?)([wdhms]))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public const string Expected = "a number with a unit (90d, 12h, 30m, 2w, 45s, or combined as 1d12h) or a TimeSpan such as 90.00:00:00";

        public static bool TryParse(string? text, out TimeSpan duration, out string error)
        {
            duration = TimeSpan.Zero;
            var trimmed = (text ?? "").Trim();
            if (trimmed.Length == 0)
            {
                error = $"A duration is required: {Expected}.";
                return false;
            }
            if (Regex.IsMatch(trimmed, @"^\d+(\.\d+)?$"))
            {
                error = $"'{trimmed}' has no unit; write {trimmed}d for days, {trimmed}h for hours or {trimmed}m for minutes.";
                return false;
            }
            var match = Units.Match(trimmed);
            if (match.Success)
            {
                try
                {
                    var total = TimeSpan.Zero;
                    for (var i = 0; i < match.Groups[1].Captures.Count; i++)
                    {
                        var amount = double.Parse(match.Groups[1].Captures[i].Value, CultureInfo.InvariantCulture);
                        total += Unit(char.ToLowerInvariant(match.Groups[2].Captures[i].Value[0]), amount);
                    }
                    duration = total;
                }
                catch (OverflowException)
                {
                    error = $"'{trimmed}' is longer than a TimeSpan can hold.";
                    return false;
                }
            }
            else if (!TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration))
            {
                error = $"'{trimmed}' is not a duration; use {Expected}.";
                return false;
            }
            return Positive(duration, trimmed, out error);
        }

        /// <summary>A TimeSpan given as such must still be a usable "older than" span.</summary>
        public static bool Positive(TimeSpan duration, string shown, out string error)
        {
            error = duration > TimeSpan.Zero ? "" : $"'{shown}' is not longer than zero; give a duration such as 30s, 10m or 90d.";
            return error.Length == 0;
        }

        private static TimeSpan Unit(char unit, double amount)
        {
            switch (unit)
            {
                case 'w': return TimeSpan.FromDays(amount * 7);
                case 'd': return TimeSpan.FromDays(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                default: return TimeSpan.FromSeconds(amount);
            }
        }
    }
}
