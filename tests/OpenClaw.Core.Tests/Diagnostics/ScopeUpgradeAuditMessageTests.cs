using OpenClaw.Core.Diagnostics;

namespace OpenClaw.Core.Tests.Diagnostics;

/// <summary>The key=value fields of the device-upgrade audit messages, per release.</summary>
public sealed class ScopeUpgradeAuditMessageTests
{
    [Fact]
    public void The_2_19_access_upgrade_line_gives_every_field()
    {
        var message = (string)Newtonsoft.Json.Linq.JObject.Parse(LogSamples.Line(LogSamples.JsonLines, "scopesTo=operator.read client=cli"))["1"]!;

        var kind = ScopeUpgradeAuditMessage.Classify(message, out var fields);

        Assert.Equal(ScopeUpgradeAuditKind.AccessUpgrade, kind);
        Assert.Equal("scope-upgrade", fields["reason"]);
        Assert.Equal(LogSamples.MeasuredCliDevice, fields["device"]);
        Assert.Equal("unknown-ip", fields["ip"]);
        Assert.Equal("token", fields["auth"]);
        Assert.Equal(new[] { "operator" }, ScopeUpgradeAuditMessage.List(fields, "roleFrom"));
        Assert.Equal("operator", fields["roleTo"]);
        Assert.Equal(new[] { "operator.admin", "operator.approvals", "operator.pairing" }, ScopeUpgradeAuditMessage.List(fields, "scopesFrom"));
        Assert.Equal(new[] { "operator.read" }, ScopeUpgradeAuditMessage.List(fields, "scopesTo"));
        Assert.Equal("cli", fields["client"]);
        Assert.Equal("088c80a4-6896-462d-9b16-31d3faaffbf3", fields["conn"]);
    }

    [Fact]
    public void None_is_an_empty_list()
    {
        ScopeUpgradeAuditMessage.Classify(
            "security audit: device access upgrade requested reason=role-upgrade device=ab12cd ip=10.0.0.7 auth=token roleFrom=<none> roleTo=node scopesFrom=<none> scopesTo=<none> client=node-host conn=x",
            out var fields);

        Assert.Empty(ScopeUpgradeAuditMessage.List(fields, "roleFrom"));
        Assert.Empty(ScopeUpgradeAuditMessage.List(fields, "scopesFrom"));
        Assert.Empty(ScopeUpgradeAuditMessage.List(fields, "scopesTo"));
        Assert.Equal("role-upgrade", fields["reason"]);
    }

    [Fact]
    public void The_9_6_live_upgrade_line_is_recognised_and_its_empty_list_is_empty()
    {
        var kind = ScopeUpgradeAuditMessage.Classify(
            "security audit: live device scope upgrade requested device=c13a00a1ae3862e2 scopesFrom= scopesTo=operator.write",
            out var fields);

        Assert.Equal(ScopeUpgradeAuditKind.LiveScopeUpgrade, kind);
        Assert.Empty(ScopeUpgradeAuditMessage.List(fields, "scopesFrom"));
        Assert.Equal(new[] { "operator.write" }, ScopeUpgradeAuditMessage.List(fields, "scopesTo"));
    }

    [Fact]
    public void The_9_6_metadata_upgrade_line_is_told_apart()
    {
        var kind = ScopeUpgradeAuditMessage.Classify(
            "security audit: device metadata upgrade requested reason=metadata-upgrade device=ab12 ip=unknown-ip auth=token payload=v3 claimedPlatform=darwin pinnedPlatform=linux claimedDeviceFamily=<none> pinnedDeviceFamily=<none> client=cli conn=x",
            out _);

        Assert.Equal(ScopeUpgradeAuditKind.MetadataUpgrade, kind);
    }

    [Theory]
    [InlineData("device pairing auto-approved device=5a454ab5 role=operator")]
    [InlineData("security audit: trusted-proxy operator device auto-approved user=x device=5a454ab5b746 scopes=operator.read")]
    [InlineData("security audit: device access upgrade requestedX reason=scope-upgrade")]
    [InlineData("device token rotation denied device=c13a00a1 role=operator reason=unknown-device-or-role")]
    public void Other_lines_are_not_upgrade_requests(string message)
    {
        Assert.Equal(ScopeUpgradeAuditKind.None, ScopeUpgradeAuditMessage.Classify(message, out var fields));
        Assert.Empty(fields);
    }

    [Fact]
    public void Unknown_fields_are_kept_and_the_first_of_a_repeated_key_wins()
    {
        ScopeUpgradeAuditMessage.Classify(
            "security audit: device access upgrade requested reason=scope-upgrade device=ab12 future=yes device=zz",
            out var fields);

        Assert.Equal("ab12", fields["device"]);
        Assert.Equal("yes", fields["future"]);
    }
}
