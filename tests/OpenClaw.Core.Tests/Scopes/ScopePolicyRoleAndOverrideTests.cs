using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// Roles other than operator get no operator expansion, and an explicit requirement replaces the entitlement with exactly
/// what the user names, still judged by the release's own rule.
/// </summary>
public sealed class ScopePolicyRoleAndOverrideTests
{
    [Theory]
    [InlineData("2026.2.19")]
    [InlineData("2026.2.21")]
    [InlineData("2026.9.6")]
    public void A_node_role_is_not_expanded_with_operator_scopes(string release)
    {
        var device = PairedDevice.FromJson(TestDevices.ListEntry(TestDevices.CliDeviceId, Array.Empty<string>(),
            Array.Empty<string>(), role: "node"));

        var verdict = ScopePolicy.Evaluate(device, "node", TestReleases.Named(release));

        Assert.Empty(verdict.RequiredScopes);
        Assert.True(verdict.IsCompliant, verdict.Reason);
        Assert.Equal("node", verdict.Role);
    }

    [Fact]
    public void A_node_role_on_a_legacy_admin_device_requires_none_of_the_operator_scopes()
    {
        var entry = TestDevices.ListEntry(TestDevices.CliDeviceId, Scope.Legacy.Append("node.custom").ToArray(),
            Array.Empty<string>(), role: "node");
        var device = PairedDevice.FromJson(entry);

        var verdict = ScopePolicy.Evaluate(device, "node", TestReleases.Named("2026.2.19"));

        Assert.DoesNotContain(verdict.RequiredScopes, s => s.StartsWith("operator.", StringComparison.Ordinal));
        Assert.Equal(new[] { "node.custom" }, verdict.RequiredScopes);
        Assert.Empty(verdict.MissingApprovedScopes);
    }

    [Theory]
    [InlineData("2026.2.19", "operator.read", "operator.read")]
    [InlineData("2026.2.21", "operator.read", "")]
    [InlineData("2026.2.21", "operator.write", "operator.write")]
    [InlineData("2026.2.21", "operator.read operator.write", "operator.write")]
    [InlineData("2026.2.22", "operator.read operator.write", "")]
    [InlineData("2026.9.6", "operator.questions", "")]
    [InlineData(TestReleases.DevProtocol3WithRemove, "operator.read", "operator.read")]
    public void A_required_override_on_a_legacy_device_is_judged_by_the_release_rule(string release, string required, string missing)
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", TestReleases.Named(release), Scope.List(required));

        Assert.Equal(Scope.List(required), verdict.RequiredScopes);
        Assert.Equal(Scope.List(missing), verdict.MissingApprovedScopes);
        Assert.Equal(Scope.List(missing), verdict.MissingTokenScopes);
    }

    [Fact]
    public void A_required_override_is_taken_exactly_sorted_and_without_duplicates()
    {
        var required = new[] { Scope.Write, Scope.Read, Scope.Write };

        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(new[] { Scope.Read }), "operator", TestReleases.Named("2026.9.6"), required);

        Assert.Equal(new[] { Scope.Read, Scope.Write }, verdict.RequiredScopes);
        Assert.Equal(new[] { Scope.Write }, verdict.MissingApprovedScopes);
    }

    [Fact]
    public void A_required_override_that_is_met_says_so_in_the_reason()
    {
        var verdict = ScopePolicy.Evaluate(TestDevices.Operator(Scope.Legacy), "operator", TestReleases.Named("2026.2.21"), new[] { Scope.Read });

        Assert.True(verdict.IsCompliant);
        Assert.Contains("the scopes explicitly required of it", verdict.Reason);
    }
}
