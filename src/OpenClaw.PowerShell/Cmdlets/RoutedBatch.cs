using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// A batch gathered from the pipeline, grouped by route in the order routes first appeared: each group is
    /// handled in one session or one store write, and verified on its own. An item given twice for one route
    /// counts once.
    /// </summary>
    internal sealed class RoutedBatch<T>
    {
        private readonly List<(Route Route, List<T> Items, HashSet<T> Seen)> _groups = new List<(Route, List<T>, HashSet<T>)>();

        public int Count => _groups.Sum(g => g.Items.Count);

        /// <summary>Routes are few (one per gateway or folder), items many: each group keeps a set, so adding stays O(1).</summary>
        public void Add(Route route, T item)
        {
            var group = _groups.FirstOrDefault(g => g.Route.Equals(route));
            if (group.Items == null)
            {
                group = (route, new List<T>(), new HashSet<T>());
                _groups.Add(group);
            }
            if (group.Seen.Add(item)) group.Items.Add(item);
        }

        public IEnumerable<(Route Route, IReadOnlyList<T> Items)> Groups => _groups.Select(g => (g.Route, (IReadOnlyList<T>)g.Items));
    }
}
