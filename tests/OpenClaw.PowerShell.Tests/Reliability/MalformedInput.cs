using OpenClaw.PowerShell.Tests.FakeGateway;
using OpenClaw.PowerShell.Tests.TestSupport;

namespace OpenClaw.PowerShell.Tests.Reliability
{
    /// <summary>
    /// One bad input and the one error it must give. The script runs against a fake gateway seeded with
    /// <see cref="TestDevices"/> and sees <c>$c</c> (a splat of -Url, -Token and -StateDirectory), <c>$id</c> (a paired
    /// device that needs repair), <c>$state</c> (the state folder), <c>$closed</c> (a ws:// URL where nothing listens)
    /// and <c>$peer</c> (the URL of a <see cref="RawFramePeer"/> running <see cref="Peer"/>, when set).
    /// </summary>
    public sealed record MalformedInput(string Name, string Script, string ExpectedId, bool Terminating)
    {
        /// <summary>Prepares the world first: a corrupt file, a fake that misbehaves.</summary>
        public Action<FakeGatewayShell>? Arrange { get; init; }

        /// <summary>When set, a raw WebSocket peer runs this for each socket, and <c>$peer</c> is its URL.</summary>
        public Func<PeerSocket, Task>? Peer { get; init; }

        /// <summary>What the message must name so a user knows what to fix (the URL, the file, the id).</summary>
        public Func<FakeGatewayShell, string>? Mentions { get; init; }

        /// <summary>Wording that would mislead here (a message written for another parameter).</summary>
        public string? MustNotSay { get; init; }

        public override string ToString() => Name;
    }
}
