using System.Xml.Linq;
using OpenClaw.Tests.Shared;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>One &lt;View&gt; of the module's format file: the type it is for and what it shows.</summary>
    public sealed record FormatView(string Name, string TypeName, string Control, IReadOnlyList<string> Columns,
        IReadOnlyList<int> Widths, IReadOnlyList<string> ListLabels)
    {
        public override string ToString() => $"{Name} ({Control} for {TypeName})";
    }

    /// <summary>
    /// The views of the BUILT module's format file (out/OpenClaw.PowerShell), the file the engine loads, read as
    /// XML so the tests cover whatever views exist when they run, including ones added after they were written.
    /// </summary>
    public static class FormatViews
    {
        public static string FormatFile => Path.Combine(Path.GetDirectoryName(PowerShellHost.ModulePath)!, "OpenClaw.PowerShell.Format.ps1xml");

        public static IReadOnlyList<FormatView> All => XDocument.Load(FormatFile).Descendants("View").Select(Read).ToList();

        /// <summary>Every type some view is selected by.</summary>
        public static IReadOnlyList<string> TypeNames => All.Select(v => v.TypeName).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();

        public static FormatView? Table(string typeName) => All.FirstOrDefault(v => v.TypeName == typeName && v.Control == "TableControl");

        public static FormatView? List(string typeName) => All.FirstOrDefault(v => v.TypeName == typeName && v.Control == "ListControl");

        /// <summary>The view Out-Default picks for a type: the first one defined for it.</summary>
        public static FormatView? Default(string typeName) => All.FirstOrDefault(v => v.TypeName == typeName);

        private static FormatView Read(XElement view)
        {
            var control = view.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Control", StringComparison.Ordinal))?.Name.LocalName ?? "(none)";
            var headers = view.Descendants("TableColumnHeader").ToList();
            var items = view.Descendants("TableColumnItem").ToList();
            // A header without a label shows the property name of its column.
            var columns = headers.Select((h, i) => (string?)h.Element("Label") ?? (i < items.Count ? (string?)items[i].Element("PropertyName") : null) ?? "").ToList();
            var widths = headers.Select(h => (int?)h.Element("Width") ?? 0).ToList();
            var labels = view.Descendants("ListItem").Select(i => (string?)i.Element("Label") ?? (string?)i.Element("PropertyName") ?? "").ToList();
            return new FormatView((string?)view.Element("Name") ?? "", (string?)view.Element("ViewSelectedBy")?.Element("TypeName") ?? "",
                control, columns, widths, labels);
        }
    }
}
