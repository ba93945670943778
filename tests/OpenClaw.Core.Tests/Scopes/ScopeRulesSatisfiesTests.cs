using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Tests.Scopes;

/// <summary>
/// Whether granted scopes cover a requested one under each release's connect-time pairing check (facts §2 table,
/// §11.1.1, §11.3.1). Granted sets are space-separated.
/// </summary>
public sealed class ScopeRulesSatisfiesTests
{
    private static bool Satisfies(ScopeCheckRule rule, string granted, string scope) =>
        ScopeRules.Satisfies(rule, new HashSet<string>(Scope.List(granted)), scope);

    [Theory]
    [InlineData("operator.read", "operator.read", true)]
    [InlineData("operator.admin operator.approvals operator.pairing", "operator.pairing", true)]
    [InlineData("operator.admin", "operator.read", false)]
    [InlineData("operator.admin", "operator.write", false)]
    [InlineData("operator.admin operator.approvals operator.pairing", "operator.read", false)]
    [InlineData("operator.write", "operator.read", false)]
    [InlineData("", "operator.read", false)]
    public void Literal_membership_2_19_grants_only_what_is_listed(string granted, string scope, bool expected)
    {
        Assert.Equal(expected, Satisfies(ScopeCheckRule.LiteralMembership, granted, scope));
    }

    [Theory]
    [InlineData("operator.admin", "operator.read", true)]
    [InlineData("operator.write", "operator.read", true)]
    [InlineData("operator.read", "operator.read", true)]
    [InlineData("operator.admin", "operator.write", false)]
    [InlineData("operator.admin", "operator.approvals", false)]
    [InlineData("operator.admin", "operator.pairing", false)]
    [InlineData("operator.write", "operator.sessions.read", false)]
    [InlineData("operator.approvals operator.pairing", "operator.read", false)]
    [InlineData("operator.read", "operator.write", false)]
    public void On_2_21_only_read_is_implied_and_only_by_write_or_admin(string granted, string scope, bool expected)
    {
        Assert.Equal(expected, Satisfies(ScopeCheckRule.ReadImpliedByWriteOrAdmin, granted, scope));
    }

    [Theory]
    [InlineData("operator.read")]
    [InlineData("operator.write")]
    [InlineData("operator.approvals")]
    [InlineData("operator.pairing")]
    [InlineData("operator.questions")]
    [InlineData("operator.talk")]
    [InlineData("operator.talk.secrets")]
    [InlineData("operator.sessions.read")]
    [InlineData("operator.sessions.write")]
    [InlineData("operator.x")]
    [InlineData("operator.some.future.scope")]
    public void From_2_22_admin_grants_every_operator_scope_even_unknown_ones(string scope)
    {
        Assert.True(Satisfies(ScopeCheckRule.AdminImpliesAll, "operator.admin", scope));
    }

    [Theory]
    [InlineData("node.invoke")]
    [InlineData("system.run")]
    [InlineData("operatorx")]
    [InlineData("")]
    public void Admin_does_not_grant_a_scope_outside_operator(string scope)
    {
        Assert.False(Satisfies(ScopeCheckRule.AdminImpliesAll, "operator.admin", scope));
    }

    [Theory]
    [InlineData("operator.write", "operator.read", true)]
    [InlineData("operator.write", "operator.talk", true)]
    [InlineData("operator.write", "operator.sessions.read", true)]
    [InlineData("operator.write", "operator.sessions.write", true)]
    [InlineData("operator.write", "operator.admin", false)]
    [InlineData("operator.write", "operator.approvals", false)]
    [InlineData("operator.write", "operator.pairing", false)]
    [InlineData("operator.write", "operator.questions", false)]
    [InlineData("operator.write", "operator.talk.secrets", false)]
    [InlineData("operator.write", "operator.x", false)]
    [InlineData("operator.read", "operator.sessions.read", true)]
    [InlineData("operator.read", "operator.write", false)]
    [InlineData("operator.read", "operator.sessions.write", false)]
    [InlineData("operator.read", "operator.talk", false)]
    [InlineData("operator.sessions.write", "operator.sessions.read", true)]
    [InlineData("operator.sessions.write", "operator.read", false)]
    [InlineData("operator.talk", "operator.talk.secrets", false)]
    [InlineData("operator.pairing", "operator.read", false)]
    [InlineData("", "operator.read", false)]
    public void From_2_22_write_and_read_imply_as_in_9_6(string granted, string scope, bool expected)
    {
        Assert.Equal(expected, Satisfies(ScopeCheckRule.AdminImpliesAll, granted, scope));
    }
}
