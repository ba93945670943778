using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores;
using OpenClaw.Core.Tests.TestSupport;

namespace OpenClaw.Core.Tests.Stores;

public sealed class PairingStoreLocatorTests
{
    [Fact]
    public void AFolderWithDevicesPairedJsonIsAJsonStore()
    {
        using var state = new StoreState();
        var store = PairingStoreLocator.Open(state.StateDirectory);
        Assert.Equal("json", store.Kind);
        Assert.Equal(state.PairedPath, store.Location);
        Assert.Null(store.Release);
    }

    [Fact]
    public void TheReleaseComesFromOpenClawJsonMeta()
    {
        using var state = new StoreState();
        File.WriteAllText(Path.Combine(state.StateDirectory, "openclaw.json"), Fixtures.Text(Fixtures.OpenClawJsonMinimal));
        var release = PairingStoreLocator.Open(state.StateDirectory).Release!;
        Assert.Equal("2026.2.19", release.Name);
        Assert.Contains("meta.lastTouchedVersion", release.Evidence);
    }

    [Theory]
    [InlineData(null, "does not exist")]
    [InlineData("", "neither devices/paired.json")]
    [InlineData("devices/paired.json.migrated", "was migrated to SQLite")]
    public void AFolderWithoutAStoreIsReported(string? file, string problem)
    {
        using var dir = new TempDirectory();
        var path = file == null ? dir.Combine("missing") : dir.Path;
        if (!string.IsNullOrEmpty(file)) dir.WriteFile(file, "{}");
        var e = Assert.Throws<OpenClawException>(() => PairingStoreLocator.Open(path));
        Assert.Equal(ErrorIds.PairingStoreNotFound, e.ErrorId);
        Assert.Contains(problem, e.Message);
    }
}
