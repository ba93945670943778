using System;
using OpenClaw.Core.Configuration;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Where a cmdlet acts for one input: its own target (the connection settings it was given, or the default
    /// connection), one of the connections given with -Connection, the gateway an object was read from, or a state
    /// folder offline. Inputs with equal routes are handled together, in one session or one store write.
    /// </summary>
    internal sealed class Route : IEquatable<Route>
    {
        private Route(RouteKind kind, OpenClawConnection? connection, OpenClawOrigin? source, string? folder)
        {
            Kind = kind;
            Connection = connection;
            Source = source;
            Folder = folder;
        }

        public static readonly Route Own = new Route(RouteKind.Own, null, null, null);

        public RouteKind Kind { get; }

        /// <summary>Through: the connection given with -Connection.</summary>
        public OpenClawConnection? Connection { get; }

        /// <summary>ToSource: the gateway an object names (its URL, connection and settings folder).</summary>
        public OpenClawOrigin? Source { get; }

        /// <summary>Offline: the state folder, as a full path.</summary>
        public string? Folder { get; }

        public bool IsOffline => Kind == RouteKind.Offline;

        public static Route Through(OpenClawConnection connection) => new Route(RouteKind.Through, connection, null, null);

        public static Route ToSource(OpenClawOrigin source) =>
            source.IsOffline ? Offline(source.StateDirectory!) : new Route(RouteKind.ToSource, null, source, null);

        public static Route Offline(string folder) => new Route(RouteKind.Offline, null, null, GatewayAddress.NormalizeFolder(folder));

        public bool Equals(Route? other) =>
            other != null && other.Kind == Kind && Kind switch
            {
                RouteKind.Through => ReferenceEquals(Connection, other.Connection),
                RouteKind.ToSource => GatewayAddress.SameGateway(Source!.Url!, other.Source!.Url!),
                RouteKind.Offline => GatewayAddress.SameFolder(Folder!, other.Folder!),
                _ => true,
            };

        public override bool Equals(object? obj) => Equals(obj as Route);

        // Equal routes must hash alike; the URL and folder comparisons forgive differences of spelling, so only the kind is hashed.
        public override int GetHashCode() => (int)Kind;

        public override string ToString() => Kind switch
        {
            RouteKind.Through => $"connection {Connection}",
            RouteKind.ToSource => Source!.ToString(),
            RouteKind.Offline => $"offline store {Folder}",
            _ => "the command's gateway",
        };
    }

    internal enum RouteKind
    {
        /// <summary>The command's own connection settings, or the default connection.</summary>
        Own,

        /// <summary>A connection given with -Connection.</summary>
        Through,

        /// <summary>The gateway a piped object was read from.</summary>
        ToSource,

        /// <summary>A state folder, offline.</summary>
        Offline,
    }
}
