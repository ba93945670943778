using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell.Completion
{
    /// <summary>Shared completion logic: filter with a wildcard on what was typed, quote values with spaces.</summary>
    internal static class CompletionResults
    {
        public static IEnumerable<CompletionResult> Match(string wordToComplete, IEnumerable<(string Value, string Tooltip)> candidates)
        {
            var typed = wordToComplete.Trim('\'', '"');
            var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
            return candidates
                .Where(c => pattern.IsMatch(c.Value))
                .GroupBy(c => c.Value).Select(g => g.First())
                .OrderBy(c => c.Value, System.StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.Tooltip));
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }

    /// <summary>Device ids (full; the tooltip names the device) from devices listed earlier in this session.</summary>
    public sealed class DeviceIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionResults.Match(wordToComplete, CompletionCache.Current.Devices.Select(d =>
                (d.DeviceId, $"{d.DisplayName ?? d.ClientId} [{string.Join(", ", d.Scopes)}]")));
    }

    /// <summary>Device display names and client ids from devices listed earlier in this session.</summary>
    public sealed class DeviceNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionResults.Match(wordToComplete, CompletionCache.Current.Devices
                .SelectMany(d => new[] { d.DisplayName, d.ClientId }.Where(n => !string.IsNullOrEmpty(n)).Select(n => (n!, d.DeviceId))));
    }

    /// <summary>Pending request ids seen earlier in this session.</summary>
    public sealed class RequestIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionResults.Match(wordToComplete, CompletionCache.Current.Requests.Select(r =>
                (r.RequestId, $"{r.DisplayName ?? r.ClientId} ({r.DeviceId.Substring(0, System.Math.Min(12, r.DeviceId.Length))}) asks for [{string.Join(", ", r.Scopes)}]")));
    }

    /// <summary>The operator scopes of the last release seen, or of the newest release the module knows.</summary>
    public sealed class ScopeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var known = CompletionCache.Current.KnownScopes;
            if (known.Count == 0) known = OperatorScopes.September2026;
            return CompletionResults.Match(wordToComplete, known.Select(s => (s, s)));
        }
    }
}
