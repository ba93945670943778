using System.Management.Automation;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>
    /// Every type with a view, rendered by Out-Default at 120 columns from objects the fake gateway produced: the
    /// default view is the table, its header has the columns a user scans for, nothing is wider than the
    /// window and typical values are shown whole.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class TableViewTests
    {
        private readonly ITestOutputHelper _output;

        public TableViewTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string> ViewedTypes()
        {
            var data = new TheoryData<string>();
            foreach (var type in FormatViews.TypeNames) data.Add(type);
            return data;
        }

        [Theory]
        [MemberData(nameof(ViewedTypes))]
        public void TheDefaultViewIsATableWithTheColumnsAUserScansAndItFits(string typeName)
        {
            var sample = ViewSample.For(typeName);
            Assert.True(sample != null, $"{typeName} has a view but no entry in ViewSample.All: add how to produce one and its scan columns.");
            var table = FormatViews.Table(typeName);
            Assert.True(table != null, $"{typeName} has no table view.");
            // Out-Default shows a type's first view; the list views come after the tables.
            Assert.Equal("TableControl", FormatViews.Default(typeName)!.Control);
            Assert.Subset(table!.Columns.ToHashSet(), sample!.ScanColumns.ToHashSet());
            Assert.All(table.Widths, w => Assert.True(w > 0, $"{table}: every column needs a <Width> so the layout does not depend on the data."));
            // Columns plus one space between each: wider than the window and the formatter drops columns on the right.
            Assert.True(table.Widths.Sum() + table.Widths.Count - 1 <= WideHost.Width,
                $"{table}: columns add up to {table.Widths.Sum() + table.Widths.Count - 1} characters.");
        }

        [Theory]
        [MemberData(nameof(ViewedTypes))]
        public void RenderedAt120ColumnsEveryColumnAndRowIsThereAndNothingIsCut(string typeName)
        {
            var sample = ViewSample.For(typeName) ?? throw new InvalidOperationException($"No ViewSample for {typeName}.");
            var table = FormatViews.Table(typeName) ?? throw new InvalidOperationException($"No table view for {typeName}.");
            using var shell = new FakeGatewayShell();
            using var view = ViewRunspace.WithModule();
            var objects = sample.Produce(shell, view);

            var lines = view.Render(objects);
            _output.WriteLine(string.Join("\n", lines));

            Assert.All(lines, l => Assert.True(l.Length <= WideHost.Width, $"{l.Length} characters: {l}"));
            Assert.DoesNotContain(lines, l => l.Contains('\u2026') || l.Contains("..."));
            var tables = RenderedTable.Parse(lines);
            Assert.NotEmpty(tables);
            foreach (var rendered in tables) Assert.Equal(table.Columns, rendered.Columns);
            Assert.Equal(objects.Count, tables.Sum(t => t.Rows.Count));
            foreach (var value in objects.SelectMany(o => WholeValues(o, table.Columns)))
            {
                Assert.Contains(lines, l => l.Contains(value, StringComparison.Ordinal));
            }
        }

        /// <summary>Values of the identifying columns (names and ids) that must appear whole.</summary>
        private static IEnumerable<string> WholeValues(PSObject o, IReadOnlyList<string> columns) =>
            new[] { "Name", "ShortId", "RequestId", "Role", "Status" }
                .Where(columns.Contains)
                .Select(p => o.Properties[p]?.Value?.ToString())
                .Where(v => !string.IsNullOrEmpty(v))
                .Select(v => v!);
    }

    /// <summary>One table in Out-Default's text: the header's column names and the rows under the dashes.</summary>
    internal sealed record RenderedTable(IReadOnlyList<string> Columns, IReadOnlyList<string> Rows)
    {
        public static IReadOnlyList<RenderedTable> Parse(IReadOnlyList<string> lines)
        {
            var tables = new List<RenderedTable>();
            for (var i = 1; i < lines.Count; i++)
            {
                if (!IsDashes(lines[i])) continue;
                var rows = lines.Skip(i + 1).TakeWhile(l => l.Trim().Length > 0).ToList();
                tables.Add(new RenderedTable(lines[i - 1].Split(' ', StringSplitOptions.RemoveEmptyEntries), rows));
            }
            return tables;
        }

        private static bool IsDashes(string line) => line.Trim().Length > 0 && line.All(ch => ch == '-' || ch == ' ');
    }
}
