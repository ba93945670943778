using OpenClaw.Core.Storage;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Storage;

/// <summary>AtomicFile.WriteAllText: whole-file replace, owner-only, in the format Node reads (no BOM).</summary>
public sealed class AtomicFileTests : IDisposable
{
    private const string Content = "{\n  \"token\": \"é-secret\"\n}\n";

    private readonly TempDirectory _temp = new TempDirectory();

    private string Target => _temp.Combine("state", "device-auth.json");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writes_utf8_without_a_bom()
    {
        AtomicFile.WriteAllText(Target, Content);

        var bytes = File.ReadAllBytes(Target);
        Assert.Equal(new System.Text.UTF8Encoding(false).GetBytes(Content), bytes);
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public void Creates_the_missing_folder()
    {
        AtomicFile.WriteAllText(_temp.Combine("a", "b", "c.json"), "{}");

        Assert.Equal("{}", File.ReadAllText(_temp.Combine("a", "b", "c.json")));
    }

    [Fact]
    public void Replaces_an_existing_file()
    {
        AtomicFile.WriteAllText(Target, "old content that is longer than the new one");

        AtomicFile.WriteAllText(Target, "new");

        Assert.Equal("new", File.ReadAllText(Target));
    }

    [Fact]
    public void Writing_empty_content_gives_an_empty_file()
    {
        AtomicFile.WriteAllText(Target, "old");

        AtomicFile.WriteAllText(Target, "");

        Assert.Empty(File.ReadAllBytes(Target));
    }

    [Fact]
    public void Leaves_no_temp_files_behind()
    {
        AtomicFile.WriteAllText(Target, "first");
        AtomicFile.WriteAllText(Target, "second");

        Assert.Equal(new[] { Target }, Directory.GetFiles(Path.GetDirectoryName(Target)!));
    }

    [Fact]
    public void A_failed_write_leaves_no_temp_file_and_the_target_untouched()
    {
        // The target is a folder, so the final rename fails after the temp file was written.
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "inside"), "kept");

        Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(Target, "new"));

        Assert.Equal(new[] { Target }, Directory.GetFileSystemEntries(Path.GetDirectoryName(Target)!));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(Target, "inside")));
    }

    [UnixFact]
    public void A_new_file_is_owner_only()
    {
        AtomicFile.WriteAllText(Target, Content);

        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(Target));
    }

    [UnixFact]
    public void Replacing_a_world_readable_file_makes_it_owner_only()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        File.WriteAllText(Target, "old");
        UnixMode.Set(Target, UnixMode.WorldReadable);

        AtomicFile.WriteAllText(Target, Content);

        Assert.Equal(UnixMode.OwnerReadWrite, UnixMode.Of(Target));
    }
}
