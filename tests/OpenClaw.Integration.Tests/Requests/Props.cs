using System.Management.Automation;

namespace OpenClaw.Integration.Tests.Requests
{
    /// <summary>Short reads of the module's output objects, which the tests see as PSObjects.</summary>
    public static class Props
    {
        public static T Get<T>(this PSObject o, string name) => (T)o.Properties[name].Value;

        public static object? Get(this PSObject o, string name) => o.Properties[name].Value;

        public static string Id(this PSObject request) => request.Get<string>("RequestId");

        /// <summary>One line with every property, for the test log.</summary>
        public static string Dump(this PSObject o) =>
            string.Join(" ", o.Properties.Select(p => $"{p.Name}={(p.Value is Array a ? "[" + string.Join(",", a.Cast<object>()) + "]" : p.Value ?? "null")}"));

        public static string[] Sorted(params string[] scopes) => scopes.OrderBy(s => s, StringComparer.Ordinal).ToArray();
    }
}
