using OpenClaw.Core.Errors;
using OpenClaw.Core.Stores.Files;

namespace OpenClaw.Core.Tests.Stores;

/// <summary>
/// The temp files a killed run left beside paired.json and pending.json are removed under the store lock; the
/// lock (and its file) is taken only when there is one, and nothing else in the folder is touched.
/// </summary>
public sealed class StaleTempFilesTests
{
    [Fact]
    public void WithNoLeftoverNothingIsCreatedOrRemoved()
    {
        using var state = new StoreState(StoreState.Legacy, StoreState.Pending);
        var before = state.Files();

        Assert.Empty(StaleTempFiles.RemoveFromJsonStore(state.StateDirectory, TimeSpan.Zero));

        Assert.Equal(before.Keys.Order(), state.Files().Keys.Order()); // no lock file either
    }

    [Fact]
    public void TheModulesTempsGoAndEveryOtherFileStays()
    {
        using var state = new StoreState(StoreState.Legacy, StoreState.Pending);
        var ours = new[] { state.PairedPath + ".openclaw-powershell-0123456789abcdef0123456789abcdef.tmp", state.PendingPath + ".openclaw-powershell-fedcba.tmp" };
        // The gateway's own temp names (writeJsonAtomic) and the module's backups are not the module's leftovers.
        var others = new[] { state.PairedPath + ".1234.5678.tmp", state.PairedPath + ".openclaw-powershell-20261125T010203004Z.bak" };
        foreach (var file in ours.Concat(others)) File.WriteAllText(file, "{}");

        var removed = StaleTempFiles.RemoveFromJsonStore(state.StateDirectory, TimeSpan.FromSeconds(1));

        Assert.Equal(ours.Order(), removed.Order());
        Assert.All(ours, f => Assert.False(File.Exists(f)));
        Assert.All(others, f => Assert.True(File.Exists(f)));
    }

    [Fact]
    public void WhileAnotherRunHoldsTheLockTheyAreLeftForIt()
    {
        using var state = new StoreState();
        var leftover = state.PairedPath + ".openclaw-powershell-0123.tmp";
        File.WriteAllText(leftover, "{}");
        using (StoreLock.Acquire(state.PairedPath, TimeSpan.Zero))
        {
            var e = Assert.Throws<OpenClawException>(() => StaleTempFiles.RemoveFromJsonStore(state.StateDirectory, TimeSpan.FromMilliseconds(200)));
            Assert.Equal(ErrorIds.StateLocked, e.ErrorId);
        }
        Assert.True(File.Exists(leftover));
    }
}
