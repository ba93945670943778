using System.IO;
using System.Reflection;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Tests.Errors;

/// <summary>
/// An assembly that does not load is OpenClaw.DependencyLoadFailed naming it, never a bad state file (issue 12: the
/// loader's FileLoadException is an IOException, and the offline read called a good openclaw.sqlite invalid).
/// </summary>
public sealed class DependencyLoadFailureTests
{
    private const string Sqlite = "Microsoft.Data.Sqlite, Version=10.0.15.0, Culture=neutral, PublicKeyToken=adb9793829ddae60";

    public static TheoryData<Exception, string> LoaderFailures() => new()
    {
        { new FileLoadException($"Could not load file or assembly '{Sqlite}'.", Sqlite), Sqlite },
        { new FileNotFoundException($"Could not load file or assembly '{Sqlite}'.", Sqlite), Sqlite },
        { new BadImageFormatException("Format of the executable (.exe) or library (.dll) is invalid.", "SQLitePCLRaw.core, Version=2.1.13.2756, Culture=neutral, PublicKeyToken=1488e028ca7ab535"), "SQLitePCLRaw.core" },
        { new TypeLoadException("Could not load type 'Org.BouncyCastle.Crypto.Signers.Ed25519Signer' from assembly 'BouncyCastle.Cryptography, Version=2.0.0.0'."), "Could not load type" },
        // As the runtime delivers them: inside a static constructor or a reflection call.
        { new TypeInitializationException("Microsoft.Data.Sqlite.SqliteConnection", new FileLoadException("Could not load.", Sqlite)), Sqlite },
        { new TargetInvocationException(new FileNotFoundException("Could not load.", Sqlite)), Sqlite },
    };

    [Theory]
    [MemberData(nameof(LoaderFailures))]
    public void A_loader_failure_is_DependencyLoadFailed_naming_what_did_not_load(Exception e, string named)
    {
        var error = DependencyLoadFailure.From(e);

        Assert.NotNull(error);
        Assert.Equal(ErrorIds.DependencyLoadFailed, error!.ErrorId);
        Assert.Equal(OpenClawErrorKind.NotInstalled, error.Kind);
        Assert.Contains(named, error.Message);
        Assert.Same(e, error.InnerException);
        Assert.NotNull(error.RecommendedAction);
    }

    [Fact]
    public void A_missing_data_file_is_not_an_assembly()
    {
        var e = new FileNotFoundException("Could not find file '/home/u/.openclaw/devices/paired.json'.", "/home/u/.openclaw/devices/paired.json");

        Assert.Null(DependencyLoadFailure.From(e));
    }

    [Fact]
    public void Other_io_failures_are_left_to_the_caller()
    {
        Assert.Null(DependencyLoadFailure.From(new IOException("disk full")));
        Assert.Null(DependencyLoadFailure.From(new UnauthorizedAccessException("denied")));
    }

    [Fact]
    public void An_error_already_named_is_never_renamed()
    {
        // SqliteNativeLoader wraps a wrong-architecture e_sqlite3 (BadImageFormatException) as SqliteUnavailable.
        var named = new OpenClawException(ErrorIds.SqliteUnavailable, OpenClawErrorKind.NotImplemented, "no e_sqlite3",
            inner: new BadImageFormatException("wrong architecture", "e_sqlite3"));

        Assert.Null(DependencyLoadFailure.From(named));
    }
}
