using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using OpenClaw.PowerShell.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>
    /// Every viewed type also has a list view (what Format-List shows) with every public property, rendered by the
    /// engine's own Format-List from the module's own XML.
    /// </summary>
    [Collection(GatewayCollection.Name)]
    public sealed class ListViewTests
    {
        private readonly ITestOutputHelper _output;

        public ListViewTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string> ViewedTypes() => TableViewTests.ViewedTypes();

        [Theory]
        [MemberData(nameof(ViewedTypes))]
        public void TheListViewNamesEveryPublicPropertyAndNothingElse(string typeName)
        {
            var list = FormatViews.List(typeName);
            Assert.True(list != null, $"{typeName} has no list view (a <View> with a <ListControl>): Format-List would fall back to raw properties.");
            Assert.Equal(PublicProperties(typeName).OrderBy(p => p), list!.ListLabels.OrderBy(p => p));
        }

        [Theory]
        [MemberData(nameof(ViewedTypes))]
        public void TheListViewRendersEveryPropertyWithItsValue(string typeName)
        {
            var sample = ViewSample.For(typeName) ?? throw new InvalidOperationException($"No ViewSample for {typeName}.");
            var list = FormatViews.List(typeName) ?? throw new InvalidOperationException($"No list view for {typeName}.");
            using var shell = new FakeGatewayShell();
            using var module = ViewRunspace.WithModule();
            var objects = sample.Produce(shell, module);
            foreach (var item in objects)
            {
                var lines = module.RenderList(new[] { item });
                _output.WriteLine(string.Join("\n", lines));

                Assert.All(lines, l => Assert.True(l.Length <= WideHost.Width, $"{l.Length} characters: {l}"));
                var text = string.Join("\n", lines);
                foreach (var label in list.ListLabels)
                {
                    Assert.Matches(new Regex("^" + Regex.Escape(label) + @"\s*:", RegexOptions.Multiline), text);
                }
                // Long values wrap, even mid-word, onto indented lines: compare with all white space taken out.
                var flat = Flat(text);
                foreach (var property in item.Properties.Where(p => p.MemberType == PSMemberTypes.Property))
                {
                    foreach (var value in Shown(property.Value)) Assert.Contains(Flat(value), flat);
                }
            }
        }

        private static string Flat(string text) => Regex.Replace(text, @"\s+", "");

        /// <summary>
        /// Strings, numbers, booleans and the module's nested objects (tokens, requests: by their ToString), and each
        /// element of arrays of them, must be shown as they are.
        /// </summary>
        private static IEnumerable<string> Shown(object? value) => value switch
        {
            null => Array.Empty<string>(),
            string s => s.Length == 0 ? Array.Empty<string>() : new[] { s },
            bool or int or long => new[] { value.ToString()! },
            Uri u => new[] { u.ToString() },
            IEnumerable e and not IDictionary => e.Cast<object?>().SelectMany(Shown),
            _ when value.GetType().Namespace == "OpenClaw.PowerShell" => new[] { value.ToString()! },
            _ => Array.Empty<string>(),
        };

        private static IEnumerable<string> PublicProperties(string typeName)
        {
            using var module = ViewRunspace.WithModule();
            return module.Invoke("param($t) ([type]$t).GetProperties().Name", new Hashtable { ["t"] = typeName })
                .Select(o => o.ToString()).ToList();
        }
    }
}
