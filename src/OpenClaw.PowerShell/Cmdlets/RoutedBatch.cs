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
        private readonly List<(Route Route, List<T> Items)> _groups = new List<(Route, List<T>)>();

        public int Count => _groups.Sum(g => g.Items.Count);

        public void Add(Route route, T item)
        {
            var group = _groups.FirstOrDefault(g => g.Route.Equals(route));
            if (group.Items == null)
            {
                group = (route, new List<T>());
                _groups.Add(group);
            }
            if (!group.Items.Contains(item)) group.Items.Add(item);
        }

        public IEnumerable<(Route Route, IReadOnlyList<T> Items)> Groups => _groups.Select(g => (g.Route, (IReadOnlyList<T>)g.Items));
    }
}
