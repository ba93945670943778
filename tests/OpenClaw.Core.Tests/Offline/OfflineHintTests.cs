using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Tests.Stores;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>
/// The offline repair an online RepairNotPossible recommends is made exact (folder, store kind, release) only for a
/// gateway whose folder is here. The cmdlet layer words it (RecommendedActionsTests).
/// </summary>
public sealed class OfflineHintTests
{
    [Fact]
    public void ALocalJsonStoreGetsItsFolderDeviceAndReleaseWithAGuardedWrite()
    {
        using var state = new StoreState();
        var remedy = OfflineHint.For(state.StateDirectory, new Uri("ws://127.0.0.1:18789"), GatewayRelease.FromUser("2026.2.21"), StoreState.CliDevice)!.Value;
        Assert.Equal(RemedyKind.RepairOffline, remedy.Kind);
        Assert.True(remedy.Offline);
        Assert.Equal(state.StateDirectory, remedy.StateDirectory);
        Assert.Equal(StoreState.CliDevice, remedy.DeviceId);
        Assert.Equal("2026.2.21", remedy.Release.ToString());
        Assert.True(remedy.ForceWriteAllowed);
    }

    [Theory]
    [InlineData("ws://gateway.example.net:18789", true)]
    [InlineData("ws://127.0.0.1:18789", false)]
    public void ARemoteGatewayOrAFolderThatIsNotHereGetsNoHint(string url, bool folderExists)
    {
        using var state = new StoreState();
        var dir = folderExists ? state.StateDirectory : Path.Combine(state.StateDirectory, "not-here");
        Assert.Null(OfflineHint.For(dir, new Uri(url), GatewayRelease.FromUser("2026.2.21"), "id"));
    }
}
