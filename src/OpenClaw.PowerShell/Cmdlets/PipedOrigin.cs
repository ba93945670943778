using System;
using System.IO;
using System.Management.Automation;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The type of the hidden -Origin parameter, which binds the Origin property of piped objects: the live
    /// OpenClawOrigin, or the property bag Import-Clixml and remoting make of it. It is deliberately a type of its
    /// own, reached by conversion (these constructors): the engine binds pipeline input to the default parameter set
    /// first, and a parameter that binds there without conversion would tie every object to that set (a device piped
    /// to Approve-OpenClawDeviceRequest would be refused for lacking a RequestId). Bound only after conversion, it
    /// binds once the other properties have chosen the set. A bag is read value by value and checked, because a file
    /// can say anything: a gateway origin needs an absolute ws:// or wss:// URL, an offline one a full folder path.
    /// Anything else becomes an origin that names its problem, and the cmdlet refuses that input with
    /// OpenClaw.InvalidSource (SourceRouting) rather than guessing where it belongs.
    /// </summary>
    public sealed class PipedOrigin
    {
        public PipedOrigin(OpenClawOrigin origin)
        {
            Origin = origin;
        }

        public PipedOrigin(PSObject bag)
        {
            Origin = bag.BaseObject is OpenClawOrigin live ? live : FromBag(bag);
        }

        internal OpenClawOrigin Origin { get; }

        /// <summary>An Origin property's value, live or deserialized; null when there is none.</summary>
        internal static OpenClawOrigin? From(object? value) => value switch
        {
            null => null,
            OpenClawOrigin live => live,
            PSObject bag => new PipedOrigin(bag).Origin,
            _ => OpenClawOrigin.Unreadable($"it is a {value.GetType().Name}"),
        };

        private static OpenClawOrigin FromBag(PSObject bag)
        {
            if (!(bag.BaseObject is PSCustomObject)) return OpenClawOrigin.Unreadable($"it is a {bag.BaseObject.GetType().Name}");
            var kind = Text(bag, nameof(OpenClawOrigin.Kind));
            var folder = Text(bag, nameof(OpenClawOrigin.StateDirectory));
            if (folder != null && !Path.IsPathRooted(folder)) return OpenClawOrigin.Unreadable($"its StateDirectory '{folder}' is not a full path");
            switch (kind)
            {
                case OpenClawOrigin.OfflineKind when folder != null:
                    return new OpenClawOrigin(OpenClawOrigin.OfflineKind, null, folder, null);
                case OpenClawOrigin.GatewayKind:
                    var url = Text(bag, nameof(OpenClawOrigin.Url));
                    // The URL is not repeated: a hand-made one may carry a password, which must reach no message.
                    if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "ws" && uri.Scheme != "wss"))
                    {
                        return OpenClawOrigin.Unreadable("its Url is not a ws:// or wss:// address");
                    }
                    // A user name or password in it would be shown in every message and view that names the source;
                    // the module's own origins never carry one (settings resolution strips it).
                    if (uri.UserInfo.Length > 0) return OpenClawOrigin.Unreadable("its Url carries a user name or password");
                    var id = bag.Properties[nameof(OpenClawOrigin.ConnectionId)]?.Value;
                    return new OpenClawOrigin(OpenClawOrigin.GatewayKind, uri, folder, id == null ? null : LanguagePrimitives.ConvertTo<int>(id));
                default:
                    return OpenClawOrigin.Unreadable($"its Kind is '{kind}'{(kind == OpenClawOrigin.OfflineKind ? " without a StateDirectory" : "")}");
            }
        }

        private static string? Text(PSObject bag, string name) => bag.Properties[name]?.Value?.ToString();
    }

    /// <summary>
    /// The type of the hidden -PSComputerName parameter (the computer remoting says a piped object came from); a
    /// type of its own for the reason PipedOrigin gives.
    /// </summary>
    public sealed class PipedComputerName
    {
        public PipedComputerName(string name)
        {
            Name = name;
        }

        internal string Name { get; }
    }
}
