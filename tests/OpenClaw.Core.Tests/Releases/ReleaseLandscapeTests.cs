using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenClaw.Core.Releases;
using OpenClaw.Core.Scopes;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Core.Tests.Releases;

/// <summary>
/// The landscape in code against the per-release table of docs/release-matrix.md (Part 1, read from the dist/ of
/// all 89 stable releases): every release's row must be what its era says, column by column, so neither the code
/// nor the document can drift from the other without a failing test.
/// </summary>
public sealed class ReleaseLandscapeTests
{
    public static IEnumerable<object[]> DocumentedReleases() => ReleaseTable().Select(row => new object[] { row[0] });

    [Theory]
    [MemberData(nameof(DocumentedReleases))]
    public void EachDocumentedReleaseIsWhatItsEraSays(string release)
    {
        var row = ReleaseTable().Single(r => r[0] == release);
        var era = ReleaseLandscape.Of(ReleaseVersion.Parse(release));

        Assert.Equal(row[3] switch { "V1 dev" => VersionReport.Dev, "V2 dev*" => VersionReport.DevUnlessInstalledService, _ => VersionReport.Release }, era.VersionReport);
        Assert.Equal(row[4].StartsWith("4", StringComparison.Ordinal) ? 4 : 3, era.Protocol);
        Assert.Equal(row[5], string.Join("+", era.Signatures));
        var scopeEra = row[6].Split(' ')[0];
        Assert.Equal(scopeEra switch { "S1" => ScopeCheckRule.LiteralMembership, "S2" => ScopeCheckRule.ReadImpliedByWriteOrAdmin, _ => ScopeCheckRule.AdminImpliesAll }, era.ScopeCheck);
        Assert.Equal(string.CompareOrdinal(scopeEra, "S4") >= 0, era.ConnectReadsApprovedScopesFirst);
        Assert.Equal(scopeEra switch { "S5" => OperatorScopes.August2026, "S6" => OperatorScopes.September2026, _ => OperatorScopes.February2026 }, era.KnownScopes);
        Assert.Equal(RpcSet(row[7]), era.DeviceMethods.OrderBy(m => m, StringComparer.Ordinal));
        Assert.Equal(row[8] switch { "JSON" => PairingStoreLayout.Json, "SQLite" => PairingStoreLayout.Sqlite, _ => PairingStoreLayout.JsonBesideSchemaOneDatabase }, era.Store);
        Assert.Equal(row[9] == "-" ? null : int.Parse(row[9]), era.SchemaVersion);
        Assert.Equal(row[10].StartsWith("SQLite", StringComparison.Ordinal) ? IdentityLocation.StateDatabase : IdentityLocation.IdentityFolder, era.Identity);
    }

    [Fact]
    public void TheDocumentCoversEveryEraAndEveryStableReleaseRead()
    {
        var releases = ReleaseTable().Select(r => ReleaseVersion.Parse(r[0])).ToList();
        Assert.Equal(89, releases.Count);
        Assert.All(ReleaseLandscape.Eras, era => Assert.Contains(releases, r => r.CompareTo(era.From) == 0));
    }

    [Fact]
    public void ErasAreInOrderAndEachChangesSomething()
    {
        var eras = ReleaseLandscape.Eras;
        for (var i = 1; i < eras.Count; i++)
        {
            Assert.True(eras[i - 1].From < eras[i].From, $"{eras[i]} is out of order");
            Assert.NotEqual(eras[i - 1] with { From = default, Change = "", Evidence = "" }, eras[i] with { From = default, Change = "", Evidence = "" });
        }
    }

    [Theory]
    [InlineData("2026.1.29", "2026.2.1")]
    [InlineData("2026.2.20", "2026.2.19")]
    [InlineData("2026.7.1-2", "2026.7.1")]
    [InlineData("2026.9.2", "2026.8.1")]
    [InlineData("2026.12.1", "2026.9.6")]
    public void AReleaseBelongsToTheLastEraThatStartsAtOrBeforeIt(string release, string eraStart)
    {
        Assert.Equal(eraStart, ReleaseLandscape.Of(ReleaseVersion.Parse(release)).From.ToString());
    }

    [Fact]
    public void EachDeviceSchemaIsNamedWithItsFirstRelease()
    {
        Assert.Equal(new[] { "15 2026.8.1", "16 2026.9.3", "17 2026.9.4", "18 2026.9.6" },
            ReleaseLandscape.DeviceSchemas.Select(s => $"{s.Schema} {s.From}"));
    }

    private static IEnumerable<string> RpcSet(string code)
    {
        var methods = new List<string> { DeviceMethods.List, DeviceMethods.Approve, DeviceMethods.Reject, DeviceMethods.Rotate, DeviceMethods.Revoke };
        if (string.CompareOrdinal(code, "R2") >= 0) methods.Add(DeviceMethods.Remove);
        if (string.CompareOrdinal(code, "R3") >= 0) methods.Add(DeviceMethods.SetupCode);
        if (code == "R4") methods.AddRange(new[] { DeviceMethods.Rename, DeviceMethods.SetupStatus, DeviceMethods.RequestScopeUpgrade, DeviceMethods.WaitScopeUpgrade });
        return methods.OrderBy(m => m, StringComparer.Ordinal);
    }

    /// <summary>The rows of the "Per-release table" section, cells trimmed.</summary>
    private static IReadOnlyList<string[]> ReleaseTable()
    {
        var lines = File.ReadAllLines(Path.Combine(TestInstalls.RepositoryRoot, "docs", "release-matrix.md"));
        var start = Array.IndexOf(lines, "## Per-release table");
        Assert.True(start >= 0, "docs/release-matrix.md has no '## Per-release table' section");
        return lines.Skip(start + 1)
            .SkipWhile(l => !l.StartsWith("| 20", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith("| 20", StringComparison.Ordinal))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
    }
}
