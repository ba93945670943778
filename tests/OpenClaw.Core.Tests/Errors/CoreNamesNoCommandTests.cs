using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Core.Tests.Errors;

/// <summary>
/// The core reports what happened with data and never names a cmdlet or parameter of the module (issue 14): the
/// next step is an ErrorRemedy, worded by the cmdlet layer, so renaming or moving a parameter changes the advice in
/// one place. Every string literal of src/OpenClaw.Core is read as C#; comments may still name cmdlets, since they
/// explain why the core does what a cmdlet needs.
/// </summary>
public sealed class CoreNamesNoCommandTests
{
    private static readonly string CoreSource = Path.Combine(TestInstalls.RepositoryRoot, "src", "OpenClaw.Core");

    [Fact]
    public void NoStringLiteralOfTheCoreNamesACmdletOrAParameter()
    {
        var names = ModuleNames();
        var offenders = Directory.EnumerateFiles(CoreSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .SelectMany(file => Literals(File.ReadAllText(file))
                .Where(l => names.IsMatch(l.Text))
                .Select(l => $"{Path.GetRelativePath(CoreSource, file)}:{l.Line}: \"{l.Text}\""))
            .ToList();

        Assert.True(offenders.Count == 0,
            "The core names a cmdlet or parameter; give the exception an ErrorRemedy and word it in RecommendedActions:\n"
            + string.Join("\n", offenders));
    }

    /// <summary>A scan that silently finds nothing would pass forever, so it is shown to find what it looks for.</summary>
    [Theory]
    [InlineData("var a = \"List them with Get-OpenClawDevice.\";")]
    [InlineData("var a = $\"{n} devices; pass -StateDirectory '{d}'\";")]
    [InlineData("var a = $\"{string.Join(\", \", x)} or add -Force\";")]
    [InlineData("var a = @\"run it \"\"without -Offline\"\"\";")]
    [InlineData("var a = \"\"\"\n  Pass -Release to judge\n  \"\"\";")]
    [InlineData("var a = $\"{(b ? \"Update-OpenClawDeviceScope\" : \"\")}\";")]
    [InlineData("var a = \"use -WhatIf first\";")]
    public void TheScanFindsANameInEveryKindOfLiteral(string code)
    {
        Assert.Contains(Literals(code), l => ModuleNames().IsMatch(l.Text));
    }

    [Theory]
    [InlineData("// Under -WhatIf nothing is written (Update-OpenClawDeviceScope -Offline).\nvar a = 1;")]
    [InlineData("/// <summary>-Force on a live JSON store</summary>\nint F() => 0;")]
    [InlineData("var a = \"openssl x509 -in gateway.crt -noout -fingerprint -sha256\";")]
    [InlineData("var a = \"OpenClaw 2026.2-2026.7 re-reads paired.json; operator.admin\";")]
    [InlineData("var a = \"the OpenClaw.PowerShell module\";")]
    public void CommentsAndOtherDashesAreNotNames(string code)
    {
        Assert.DoesNotContain(Literals(code), l => ModuleNames().IsMatch(l.Text));
    }

    /// <summary>
    /// Every exported cmdlet and every parameter of the public-surface snapshot (kept deliberately up to date, see
    /// tests/pester/PublicSurface.Tests.ps1), the common parameters, and any Verb-OpenClawNoun a new cmdlet would be.
    /// A parameter counts with its dash and in its PascalCase spelling, so "-fingerprint" of openssl is no match.
    /// </summary>
    private static Regex ModuleNames()
    {
        using var snapshot = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(TestInstalls.RepositoryRoot, "tests", "pester", "snapshots", "public-surface.json")));
        var commands = snapshot.RootElement.GetProperty("Commands");
        var parameters = commands.EnumerateObject()
            .SelectMany(c => c.Value.GetProperty("ParameterSets").EnumerateObject())
            .SelectMany(set => set.Value.EnumerateArray().Select(p => p.GetString()!.Split(' ')[0]))
            .Concat(new[] { "WhatIf", "Confirm", "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ErrorVariable", "OutVariable" })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("StateDirectory", parameters);
        var cmdlets = commands.EnumerateObject().Select(c => Regex.Escape(c.Name)).Append(@"[A-Z][a-z]+-OpenClaw[A-Za-z]+");
        return new Regex($@"(?<![\w-])-(?:{string.Join("|", parameters.Select(Regex.Escape))})\b|\b(?:{string.Join("|", cmdlets)})\b");
    }

    /// <summary>The text of every string literal, interpolated text and raw string in <paramref name="code"/>, with its line.</summary>
    private static IEnumerable<(string Text, int Line)> Literals(string code) =>
        CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot().DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken)
                        || t.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            .Select(t => (t.ValueText, t.GetLocation().GetLineSpan().StartLinePosition.Line + 1));

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part == "obj" || part == "bin");
}
