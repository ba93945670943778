using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Lets a parameter typed to the live OpenClawDevice take devices that went through Export-Clixml/Import-Clixml
    /// or remoting (Deserialized.OpenClaw.PowerShell.OpenClawDevice): each is rebuilt from what it recorded (ids,
    /// roles, approved scopes, each token's role, scopes and times, its Origin and release), which is everything a
    /// verdict reads. Pending requests are not rebuilt (a verdict does not read them). Live devices pass unchanged;
    /// anything else is left to the binder, which refuses it as it refuses any wrong type.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DeviceTransformationAttribute : ArgumentTransformationAttribute
    {
        internal const string DeserializedTypeName = "Deserialized." + nameof(OpenClaw) + ".PowerShell." + nameof(OpenClawDevice);

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (inputData is PSObject { BaseObject: not OpenClawDevice } bag && IsDeserializedDevice(bag)) return new[] { Rebuild(bag) };
            if (inputData is IEnumerable items and not string && !(inputData is PSObject { BaseObject: OpenClawDevice }))
            {
                var list = items.Cast<object?>().ToList();
                if (list.Any(i => i is PSObject p && IsDeserializedDevice(p)))
                {
                    return list.Select(i => i is PSObject p && IsDeserializedDevice(p) ? Rebuild(p) : i).ToArray();
                }
            }
            return inputData;
        }

        private static bool IsDeserializedDevice(PSObject value) => value.TypeNames.Contains(DeserializedTypeName);

        private static OpenClawDevice Rebuild(PSObject bag)
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

        private static DateTimeOffset? Time(PSObject bag, string name) =>
            bag.Properties[name]?.Value is { } value ? LanguagePrimitives.ConvertTo<DateTimeOffset>(value) : null;

        private static ArgumentTransformationMetadataException Incomplete(string property) =>
            new ArgumentTransformationMetadataException($"A deserialized OpenClaw device lacks {property}, so it cannot be judged; read it again with Get-OpenClawDevice.");
    }
}
