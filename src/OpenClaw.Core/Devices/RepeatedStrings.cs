using System.Collections.Generic;

namespace OpenClaw.Core.Devices
{
    /// <summary>
    /// One copy of each of the short values that repeat from device to device in a store: roles, scopes, platforms,
    /// client ids and modes. A listing keeps every device it reads (for the snapshot and tab completion), and with
    /// a copy of "operator.admin" per device, most of what it kept was such copies, each one more object for the
    /// garbage collector to move as the heap grows. Bounded, so a store of unique values costs a fixed table.
    /// </summary>
    internal sealed class RepeatedStrings
    {
        private const int MaxLength = 64;
        private readonly Dictionary<string, string> _kept = new Dictionary<string, string>();
        private readonly int _maxCount;

        public RepeatedStrings(int maxCount = 1024) => _maxCount = maxCount;

        /// <summary>Keeps nothing: for one device read on its own, whose strings already exist (a JObject's).</summary>
        public static RepeatedStrings None { get; } = new RepeatedStrings(0);

        public string? Share(string? value)
        {
            if (value == null || value.Length > MaxLength || _maxCount == 0) return value;
            if (_kept.TryGetValue(value, out var kept)) return kept;
            if (_kept.Count < _maxCount) _kept.Add(value, value);
            return value;
        }
    }
}
