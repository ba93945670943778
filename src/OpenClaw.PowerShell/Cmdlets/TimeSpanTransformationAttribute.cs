using System;
using System.Management.Automation;
using OpenClaw.Core.Lifecycle;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Lets a TimeSpan parameter take what people type for an age, 90d, 12h, 30m or 2w, as well as TimeSpan text
    /// (90.00:00:00) and [TimeSpan] objects. Anything else, a bare number included, fails parameter binding with a
    /// message that shows the accepted forms. Quoted text ('90d') is read by DurationText; unquoted 90d and 2s
    /// arrive already turned into numbers by PowerShell's parser, and are recognised by their type.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            string error;
            TimeSpan span;
            switch (value)
            {
                case TimeSpan given:
                    if (DurationText.Positive(given, given.ToString(), out error)) return given;
                    break;
                case string text:
                    if (DurationText.TryParse(text, out var parsed, out error)) return parsed;
                    break;
                // In argument mode PowerShell reads 90d as the decimal literal 90 and (6.2 and later) 2s as the
                // Int16 literal 2, before any transformation sees them; those two types carry the typed unit.
                case decimal days:
                    if (DurationText.TryParse(days.ToString(System.Globalization.CultureInfo.InvariantCulture) + "d", out span, out error)) return span;
                    break;
                case short seconds:
                    if (DurationText.TryParse(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s", out span, out error)) return span;
                    break;
                case int _:
                case long _:
                case double _:
                    // Same message as for "90": PowerShell alone would read the integer 90 as 90 ticks.
                    DurationText.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out _, out error);
                    break;
                case null:
                    error = $"A duration is required: {DurationText.Expected}.";
                    break;
                default:
                    error = $"{value} ({value.GetType().Name}) is not a duration; use {DurationText.Expected}.";
                    break;
            }
            throw new ArgumentTransformationMetadataException(error);
        }
    }
}
