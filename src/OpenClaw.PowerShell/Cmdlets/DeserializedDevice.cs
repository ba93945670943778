using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Devices that went through Export-Clixml/Import-Clixml or remoting (Deserialized.OpenClaw.PowerShell.OpenClawDevice),
    /// rebuilt from what they recorded (ids, roles, approved scopes, each token's role, scopes and times, their Origin
    /// and release): everything a verdict reads. Pending requests are not rebuilt (a verdict does not read them).
    /// Test-OpenClawDeviceScope binds them with a parameter of their own, typed by this type name, since the engine
    /// cannot bind them to one typed to the live class.
    /// </summary>
    internal static class DeserializedDevice
    {
        public const string TypeName = "Deserialized." + nameof(OpenClaw) + ".PowerShell." + nameof(OpenClawDevice);

        /// <summary>The device a deserialized one describes; one that lacks what a verdict needs is refused (FormatException).</summary>
        public static OpenClawDevice Rebuild(PSObject bag)
        {
            var paired = new PairedDevice
            {
                DeviceId = Text(bag, nameof(OpenClawDevice.DeviceId)) ?? throw Incomplete(nameof(OpenClawDevice.DeviceId)),
                DisplayName = Text(bag, nameof(OpenClawDevice.DisplayName)),
                Platform = Text(bag, nameof(OpenClawDevice.Platform)),
                ClientId = Text(bag, nameof(OpenClawDevice.ClientId)),
                ClientMode = Text(bag, nameof(OpenClawDevice.ClientMode)),
                Role = Text(bag, nameof(OpenClawDevice.Role)),
                Roles = Strings(bag, nameof(OpenClawDevice.Roles)),
                Scopes = Strings(bag, nameof(OpenClawDevice.Scopes)),
                Tokens = Items(bag, nameof(OpenClawDevice.Tokens)).Select(Token).ToList(),
                RemoteIp = Text(bag, nameof(OpenClawDevice.RemoteIp)),
                CreatedAt = Time(bag, nameof(OpenClawDevice.CreatedAt)),
                ApprovedAt = Time(bag, nameof(OpenClawDevice.ApprovedAt)),
            };
            var originBag = bag.Properties[nameof(OpenClawDevice.Origin)]?.Value;
            var origin = PipedOrigin.From(originBag) ?? OpenClawOrigin.Unreadable("the device recorded no Origin");
            var releaseName = Text(bag, nameof(OpenClawDevice.GatewayRelease));
            var release = releaseName == null ? null : GatewayRelease.FromRecordedName(releaseName, $"recorded on the device as {releaseName}");
            var isCurrent = bag.Properties[nameof(OpenClawDevice.IsCurrentIdentity)]?.Value is bool b && b;
            return new OpenClawDevice(paired, Array.Empty<OpenClawDeviceRequest>(), isCurrent, origin, release, releaseName);
        }

        private static DeviceTokenInfo Token(PSObject token) => new DeviceTokenInfo
        {
            Role = Text(token, nameof(OpenClawDeviceToken.Role)) ?? throw Incomplete("Tokens.Role"),
            Scopes = Strings(token, nameof(OpenClawDeviceToken.Scopes)),
            CreatedAt = Time(token, nameof(OpenClawDeviceToken.CreatedAt)),
            RotatedAt = Time(token, nameof(OpenClawDeviceToken.RotatedAt)),
            RevokedAt = Time(token, nameof(OpenClawDeviceToken.RevokedAt)),
            LastUsedAt = Time(token, nameof(OpenClawDeviceToken.LastUsedAt)),
        };

        private static string? Text(PSObject bag, string name) => bag.Properties[name]?.Value?.ToString();

        private static IReadOnlyList<string> Strings(PSObject bag, string name) =>
            bag.Properties[name]?.Value is { } value ? LanguagePrimitives.ConvertTo<string[]>(value) : Array.Empty<string>();

        private static IEnumerable<PSObject> Items(PSObject bag, string name)
        {
            var value = bag.Properties[name]?.Value;
            if (value == null) return Enumerable.Empty<PSObject>();
            // Serialized too shallowly, a token arrives as its ToString() text, which holds too little to judge by.
            var items = LanguagePrimitives.GetEnumerable(value)?.Cast<object>() ?? new[] { value };
            return items.Select(i => i as PSObject is { BaseObject: not string } p ? p : throw Incomplete(name + " (serialized as text; export with -Depth 3)"));
        }

        /// <summary>A time: serialization keeps a DateTimeOffset only as a bag of its parts, of which UtcTicks is exact.</summary>
        private static DateTimeOffset? Time(PSObject bag, string name) => bag.Properties[name]?.Value switch
        {
            null => null,
            DateTimeOffset time => time,
            PSObject parts when parts.Properties[nameof(DateTimeOffset.UtcTicks)]?.Value is { } ticks =>
                new DateTimeOffset(LanguagePrimitives.ConvertTo<long>(ticks), TimeSpan.Zero),
            var other => LanguagePrimitives.ConvertTo<DateTimeOffset>(other),
        };

        private static FormatException Incomplete(string property) =>
            new FormatException($"The deserialized device lacks {property}, so it cannot be judged.");
    }
}
