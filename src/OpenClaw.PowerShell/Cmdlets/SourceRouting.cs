using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Which route each input takes. The command's target is explicit when -Connection, -Url or -Offline is given:
    /// inputs without a source (typed ids, Select-Object DeviceId) then go there, and a piped object goes there only
    /// if it was read from the same gateway or folder; any other is refused with OpenClaw.SourceMismatch, naming
    /// both. Without an explicit target, a piped object goes back to its own source, and inputs without one go to
    /// the command's own (default) target. An object that came through remoting from another computer, naming a
    /// loopback URL or a folder, would name a different gateway here, and is refused too.
    /// </summary>
    internal sealed class SourceRouting
    {
        private readonly IReadOnlyList<Route> _explicit;
        private readonly Uri? _explicitUrl;
        private readonly string _explicitText;

        /// <param name="explicitRoutes">The routes -Connection, -Url or -Offline name; empty when none was given.</param>
        /// <param name="explicitUrl">With -Url: the URL it resolves to, to compare piped objects' sources with.</param>
        public SourceRouting(IReadOnlyList<Route> explicitRoutes, Uri? explicitUrl)
        {
            _explicit = explicitRoutes;
            _explicitUrl = explicitUrl;
            _explicitText = explicitUrl != null ? explicitUrl.ToString() : string.Join(", ", explicitRoutes);
        }

        public bool IsExplicit => _explicit.Count > 0;

        /// <summary>
        /// The routes for one input (several for ids given with -Connection $a, $b), or none after reporting why the
        /// input is refused. <paramref name="label"/> names the input in the error.
        /// </summary>
        public IReadOnlyList<Route> For(OpenClawOrigin? source, string? computerName, string label, Action<OpenClawException> refuse)
        {
            if (source == null) return IsExplicit ? _explicit : new[] { Route.Own };
            if (source.Problem != null)
            {
                refuse(new OpenClawException(ErrorIds.InvalidSource, OpenClawErrorKind.InvalidData,
                    $"{label} has an Origin that does not say which gateway or state folder it was read from ({source.Problem}); nothing was done to it.",
                    "Read the object again with Get-OpenClawDevice or Get-OpenClawDeviceRequest, or pass its id with -DeviceId and the target with -Connection, -Url or -Offline.",
                    label));
                return Array.Empty<Route>();
            }
            if (IsExplicit)
            {
                var match = _explicit.FirstOrDefault(route => Reaches(route, source));
                if (match != null) return new[] { match };
                refuse(new OpenClawException(ErrorIds.SourceMismatch, OpenClawErrorKind.InvalidArgument,
                    $"{label} was read from {source}, but this command targets {_explicitText}; nothing was done to it.",
                    "Leave out -Connection, -Url and -Offline to act on each object's own source; to apply the ids to another gateway on purpose, pipe them through Select-Object DeviceId, Role first.",
                    label));
                return Array.Empty<Route>();
            }
            if (RemoteComputer(computerName) is { } computer && (source.IsOffline || GatewayAddress.IsLoopback(source.Url!)))
            {
                refuse(new OpenClawException(ErrorIds.SourceMismatch, OpenClawErrorKind.InvalidArgument,
                    $"{label} came from computer '{computer}', where it was read from {source}; on this computer that names a different gateway, so nothing was done to it.",
                    "Run the command on that computer (Invoke-Command), or name the target here with -Connection, -Url or -Offline and pipe the ids through Select-Object DeviceId, Role.",
                    label));
                return Array.Empty<Route>();
            }
            return new[] { Route.ToSource(source) };
        }

        private bool Reaches(Route route, OpenClawOrigin source) => route.Kind switch
        {
            RouteKind.Offline => source.IsOffline && GatewayAddress.SameFolder(route.Folder!, source.StateDirectory!),
            RouteKind.Through => !source.IsOffline && GatewayAddress.SameGateway(route.Connection!.Url, source.Url!),
            RouteKind.Own => !source.IsOffline && _explicitUrl != null && GatewayAddress.SameGateway(_explicitUrl, source.Url!),
            _ => false,
        };

        /// <summary>The computer remoting says an object came from, when it is not this one.</summary>
        private static string? RemoteComputer(string? computerName)
        {
            if (string.IsNullOrWhiteSpace(computerName)) return null;
            var name = computerName!.Trim();
            var local = new[] { "localhost", ".", "127.0.0.1", "::1", Environment.MachineName };
            return local.Any(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase))
                   || name.StartsWith(Environment.MachineName + ".", StringComparison.OrdinalIgnoreCase)
                ? null
                : name;
        }
    }
}
