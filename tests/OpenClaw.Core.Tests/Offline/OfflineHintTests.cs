using OpenClaw.Core.Offline;
using OpenClaw.Core.Scopes;
using OpenClaw.Core.Tests.Stores;

namespace OpenClaw.Core.Tests.Offline;

/// <summary>The offline command an online RepairNotPossible recommends, only for a gateway whose folder is here.</summary>
public sealed class OfflineHintTests
{
    [Fact]
    public void ALocalJsonStoreGetsTheExactCommandWithForce()
    {
        using var state = new StoreState();
        var hint = OfflineHint.For(state.StateDirectory, new Uri("ws://127.0.0.1:18789"), GatewayRelease.FromUser("2026.2.21"), StoreState.CliDevice)!;
        Assert.Contains($"Update-OpenClawDeviceScope -Offline -StateDirectory '{state.StateDirectory}' -DeviceId {StoreState.CliDevice} -Release 2026.2.21 -Force", hint);
        Assert.Contains("stop the gateway first", hint);
    }

    [Fact]
    public void QuotesInTheFolderAreEscapedForPowerShell()
    {
        using var state = new StoreState();
        var dir = Path.Combine(state.StateDirectory, "it's");
        Directory.CreateDirectory(Path.Combine(dir, "devices"));
        File.Copy(state.PairedPath, Path.Combine(dir, "devices", "paired.json"));
        Assert.Contains("-StateDirectory '" + dir.Replace("'", "''") + "'", OfflineHint.For(dir, new Uri("ws://localhost:1"), GatewayRelease.FromUser("2026.2.21"), "id"));
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
