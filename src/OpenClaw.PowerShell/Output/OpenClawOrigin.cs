using System;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Transport;
using OpenClaw.PowerShell.Cmdlets;

namespace OpenClaw.PowerShell
{
    /// <summary>
    /// Where an output object was read (its Origin): a gateway (its URL, the connection that reached it if any, and the state
    /// folder whose config and identity were used) or an offline state folder. Cmdlets that are given the object act
    /// on that same source (SourceRouting). Plain values only, so it survives Export-Clixml and remoting; it holds
    /// no socket and no credential.
    /// </summary>
    public sealed class OpenClawOrigin
    {
        public const string GatewayKind = "Gateway";
        public const string OfflineKind = "Offline";

        internal OpenClawOrigin(string kind, Uri? url, string? stateDirectory, int? connectionId)
        {
            Kind = kind;
            Url = url;
            StateDirectory = stateDirectory;
            ConnectionId = connectionId;
        }

        /// <summary>Gateway or Offline.</summary>
        public string Kind { get; }

        /// <summary>The gateway's URL; null for an offline store.</summary>
        public Uri? Url { get; }

        /// <summary>Offline: the store's state folder. Online: the folder whose config and CLI identity reached the gateway.</summary>
        public string? StateDirectory { get; }

        /// <summary>The Connect-OpenClawGateway connection (its Id, in the runspace that made it) that read the object; null otherwise.</summary>
        public int? ConnectionId { get; }

        public bool IsOffline => Kind == OfflineKind;

        /// <summary>Why a deserialized source could not be read (PipedOrigin); null for a usable one.</summary>
        internal string? Problem { get; private set; }

        internal static OpenClawOrigin Unreadable(string why) => new OpenClawOrigin("Unknown", null, null, null) { Problem = why };

        /// <summary>
        /// The address output objects show as GatewayUrl: the gateway's URL, or the state folder as a file: URI; null for
        /// an unreadable source (a deserialized object can still be judged without one, and shown).
        /// </summary>
        internal Uri? Address => _address ??= Url ?? (StateDirectory is { } folder ? new Uri(GatewayAddress.NormalizeFolder(folder) + System.IO.Path.DirectorySeparatorChar) : null);

        /// <summary>Made once: every device of a listing shares its origin, and views read GatewayUrl for each of them.</summary>
        private Uri? _address;

        internal static OpenClawOrigin Of(GatewaySession session) =>
            new OpenClawOrigin(GatewayKind, session.Url, session.Settings.StateDirectory, ConnectionRegistry.Current.IdOf(session));

        internal static OpenClawOrigin Of(OfflineState state) =>
            new OpenClawOrigin(OfflineKind, null, GatewayAddress.NormalizeFolder(state.StateDirectory), null);

        public override string ToString() =>
            Problem != null ? $"an unreadable source ({Problem})"
            : IsOffline ? $"offline store {StateDirectory}"
            : ConnectionId is { } id ? $"{Url} (connection #{id})" : Url!.ToString();
    }
}
