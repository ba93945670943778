using System.Runtime.InteropServices;
using OpenClaw.Core.Configuration;
using Xunit;

namespace OpenClaw.Core.Tests.Configuration
{
    /// <summary>When an object's recorded gateway or folder is the one a command targets (SourceRouting's comparisons).</summary>
    public sealed class GatewayAddressTests
    {
        [Theory]
        [InlineData("ws://127.0.0.1:18789", "ws://127.0.0.1:18789/")]
        [InlineData("ws://localhost:18789", "ws://127.0.0.1:18789")]
        [InlineData("ws://127.0.0.2:18789", "ws://[::1]:18789/")]
        [InlineData("WS://Gateway.Example:443/", "ws://gateway.example:443")]
        [InlineData("wss://gateway.example", "wss://gateway.example:443/")]
        [InlineData("ws://gateway.example", "ws://gateway.example:80")]
        [InlineData("ws://gateway.example/openclaw/", "ws://gateway.example/openclaw")]
        public void TheSameGatewaySpelledDifferentlyIsTheSame(string a, string b)
        {
            Assert.True(GatewayAddress.SameGateway(new Uri(a), new Uri(b)));
            Assert.True(GatewayAddress.SameGateway(new Uri(b), new Uri(a)));
        }

        [Theory]
        [InlineData("ws://127.0.0.1:18789", "ws://127.0.0.1:18790")]
        [InlineData("ws://127.0.0.1:18789", "wss://127.0.0.1:18789")]
        [InlineData("ws://gateway.example:18789", "ws://127.0.0.1:18789")]
        [InlineData("ws://gateway.example:18789", "ws://other.example:18789")]
        [InlineData("ws://gateway.example/a", "ws://gateway.example/b")]
        public void DifferentGatewaysDiffer(string a, string b) =>
            Assert.False(GatewayAddress.SameGateway(new Uri(a), new Uri(b)));

        [Theory]
        [InlineData("ws://127.0.0.1:1", true)]
        [InlineData("ws://localhost:1", true)]
        [InlineData("ws://127.9.9.9:1", true)]
        [InlineData("ws://[::1]:1", true)]
        [InlineData("ws://10.0.0.1:1", false)]
        [InlineData("wss://gateway.example", false)]
        public void LoopbackIsEveryNameOfThisComputer(string url, bool loopback) =>
            Assert.Equal(loopback, GatewayAddress.IsLoopback(new Uri(url)));

        [Fact]
        public void FoldersCompareByFullPathWithoutTrailingSeparators()
        {
            var folder = Path.Combine(Path.GetTempPath(), "openclaw-address", "state");
            Assert.True(GatewayAddress.SameFolder(folder, folder + Path.DirectorySeparatorChar));
            Assert.True(GatewayAddress.SameFolder(folder, Path.Combine(folder, "..", "state")));
            Assert.False(GatewayAddress.SameFolder(folder, folder + "2"));
            // Linux file systems tell case apart; the default ones of Windows and macOS do not.
            Assert.Equal(!RuntimeInformation.IsOSPlatform(OSPlatform.Linux), GatewayAddress.SameFolder(folder, folder.ToUpperInvariant()));
        }

        [Fact]
        public void ARootKeepsItsSeparator() =>
            Assert.Equal(Path.GetPathRoot(Path.GetTempPath()), GatewayAddress.NormalizeFolder(Path.GetPathRoot(Path.GetTempPath())!));
    }
}
