using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>
    /// Collapses a re-pair loop to one entry per device, role and requested scopes: the latest, with how many
    /// distinct connects asked for it and when the first did. A looping client repeats the same refused connect
    /// every few seconds, and the same connect appears once in stdout and once in the JSON file; connection ids
    /// tell repeats from copies, so a connect counts once however many logs hold it.
    /// </summary>
    public sealed class LatestScopeUpgradeRequests
    {
        private readonly Dictionary<string, Group> _groups = new Dictionary<string, Group>(StringComparer.Ordinal);

        public void Add(ScopeUpgradeAuditEntry entry)
        {
            var key = entry.DeviceId.ToLowerInvariant() + "|" + entry.RoleTo + "|" + string.Join(",", entry.ScopesTo.OrderBy(s => s, StringComparer.Ordinal));
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new Group(entry);
                _groups.Add(key, group);
            }
            group.Add(entry);
        }

        /// <summary>One result per group, ordered by the time of its latest entry.</summary>
        public IReadOnlyList<CollapsedScopeUpgradeRequest> Results() =>
            _groups.Values
                .Select(g => new CollapsedScopeUpgradeRequest(g.Latest, g.Occurrences, g.FirstTime))
                .OrderBy(r => r.Latest.Time)
                .ToList();

        private sealed class Group
        {
            private readonly HashSet<string> _connections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            private int _withoutConnection;

            public Group(ScopeUpgradeAuditEntry first)
            {
                Latest = first;
                FirstTime = first.Time;
            }

            public ScopeUpgradeAuditEntry Latest { get; private set; }
            public DateTimeOffset FirstTime { get; private set; }
            public int Occurrences => _connections.Count + _withoutConnection;

            public void Add(ScopeUpgradeAuditEntry entry)
            {
                if (entry.ConnectionId == null) _withoutConnection++;
                else _connections.Add(entry.ConnectionId);
                // Ties go to the later-read entry, so the last file named wins for the same connect.
                if (entry.Time >= Latest.Time) Latest = entry;
                if (entry.Time < FirstTime) FirstTime = entry.Time;
            }
        }
    }

    /// <summary>The latest entry of a repeated request, how many connects made it, and when the first did.</summary>
    public sealed class CollapsedScopeUpgradeRequest
    {
        public CollapsedScopeUpgradeRequest(ScopeUpgradeAuditEntry latest, int occurrences, DateTimeOffset firstTime)
        {
            Latest = latest;
            Occurrences = occurrences;
            FirstTime = firstTime;
        }

        public ScopeUpgradeAuditEntry Latest { get; }
        public int Occurrences { get; }
        public DateTimeOffset FirstTime { get; }
    }
}
