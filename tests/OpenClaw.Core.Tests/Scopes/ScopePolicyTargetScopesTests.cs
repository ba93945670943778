using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// Properties that must hold for every device on every release (facts §9: a 2.19 rotate REPLACES the device's
/// scopes, so a repair target that drops one strips the device; and a repair must never escalate).
/// Runs every subset of a seven-scope universe, with three token shapes, on each release.
/// </summary>
public sealed class ScopePolicyTargetScopesTests
{
    private static readonly string[] Universe =
    {
        Scope.Admin, Scope.Approvals, Scope.Pairing, Scope.Read, Scope.Write, Scope.Talk, Scope.SessionsWrite,
    };

    public static TheoryData<string> AllReleases() => TestReleases.AllAsTheoryData();

    [Theory]
    [MemberData(nameof(AllReleases))]
    public void Target_scopes_never_drop_an_approved_scope(string releaseName)
    {
        var failures = Cases(releaseName)
            .Where(c => !c.Verdict.ApprovedScopes.All(c.Verdict.TargetScopes.Contains))
            .Select(c => c.Describe())
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(AllReleases))]
    public void Required_and_target_scopes_never_exceed_what_the_approved_scopes_entitle(string releaseName)
    {
        var failures = Cases(releaseName)
            .Where(c =>
            {
                var entitled = Scope.Entitlement(c.Approved);
                return !c.Verdict.RequiredScopes.All(entitled.Contains) || !c.Verdict.TargetScopes.All(entitled.Contains);
            })
            .Select(c => c.Describe())
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(AllReleases))]
    public void Target_scopes_are_the_sorted_union_of_approved_and_missing(string releaseName)
    {
        var failures = Cases(releaseName)
            .Where(c =>
            {
                var v = c.Verdict;
                var expected = v.ApprovedScopes.Concat(v.MissingApprovedScopes).Concat(v.MissingTokenScopes)
                    .Distinct().OrderBy(s => s, StringComparer.Ordinal);
                return !expected.SequenceEqual(v.TargetScopes);
            })
            .Select(c => c.Describe())
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(AllReleases))]
    public void Missing_scopes_are_required_ones_and_compliance_means_nothing_is_missing(string releaseName)
    {
        var failures = Cases(releaseName)
            .Where(c =>
            {
                var v = c.Verdict;
                return !v.MissingApprovedScopes.All(v.RequiredScopes.Contains)
                       || !v.MissingTokenScopes.All(v.RequiredScopes.Contains)
                       || v.IsCompliant != (v.MissingApprovedScopes.Count == 0 && v.MissingTokenScopes.Count == 0);
            })
            .Select(c => c.Describe())
            .ToList();

        Assert.Empty(failures);
    }

    private static IEnumerable<Case> Cases(string releaseName)
    {
        var release = TestReleases.Named(releaseName);
        for (var mask = 0; mask < 1 << Universe.Length; mask++)
        {
            var approved = Universe.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            var tokenShapes = new (string Name, string[]? Scopes)[]
            {
                ("token = approved", approved),
                ("token = [read]", new[] { Scope.Read }),
                ("no token", null),
            };
            foreach (var (name, tokenScopes) in tokenShapes)
            {
                var device = tokenScopes == null ? TestDevices.WithoutToken(approved) : TestDevices.Operator(approved, tokenScopes);
                yield return new Case(releaseName, approved, name, ScopePolicy.Evaluate(device, "operator", release));
            }
        }
    }

    private sealed record Case(string Release, string[] Approved, string Token, ScopeVerdict Verdict)
    {
        public string Describe() =>
            $"{Release} approved [{string.Join(",", Approved)}] {Token}: required [{string.Join(",", Verdict.RequiredScopes)}] target [{string.Join(",", Verdict.TargetScopes)}]";
    }
}
