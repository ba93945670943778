using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// Matches devices by id or name. Ids accept wildcards, the full id, or a unique prefix such as the 12-character
    /// short id the tables show. A specific (wildcard-free) id or name that matches nothing is reported, because a
    /// script that names a device expects it to exist; a wildcard that matches nothing is not an error.
    /// </summary>
    internal static class DeviceSelector
    {
        public static IEnumerable<PairedDevice> Select(IReadOnlyList<PairedDevice> devices, string[]? ids, string[]? names,
            string? role, Action<OpenClawException> reportNotFound)
        {
            IEnumerable<PairedDevice> selected = devices;
            if (ids is { Length: > 0 })
            {
                var matched = new List<PairedDevice>();
                foreach (var id in ids)
                {
                    var hits = MatchId(devices, id, out var error);
                    if (error != null) reportNotFound(error);
                    matched.AddRange(hits);
                }
                selected = matched.Distinct();
            }
            if (names is { Length: > 0 })
            {
                var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
                var list = selected.ToList();
                foreach (var name in names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
                {
                    if (!list.Any(d => NameMatches(d, new WildcardPattern(name, WildcardOptions.IgnoreCase))))
                    {
                        reportNotFound(new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                            $"No paired device is named '{name}'.", new ErrorRemedy(RemedyKind.ListDevices), name));
                    }
                }
                selected = list.Where(d => patterns.Any(p => NameMatches(d, p)));
            }
            return selected.Where(d => HasRole(d, role));
        }

        /// <summary>-Role: the device holds it (no role given selects every device); needs no other device, so a stream can apply it.</summary>
        public static bool HasRole(PairedDevice device, string? role) => string.IsNullOrEmpty(role) || device.AllRoles.Contains(role);

        /// <summary>Resolves exactly one device for an id, or explains why not.</summary>
        public static PairedDevice? Single(IReadOnlyList<PairedDevice> devices, string id, out OpenClawException? error)
        {
            var hits = MatchId(devices, id, out error).ToList();
            if (error != null) return null;
            if (hits.Count == 1) return hits[0];
            error = new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.InvalidArgument,
                $"'{id}' matches {hits.Count} devices ({string.Join(", ", hits.Select(d => d.DeviceId.Substring(0, Math.Min(16, d.DeviceId.Length))))}); give more of the id.",
                null, id);
            return null;
        }

        private static IEnumerable<PairedDevice> MatchId(IReadOnlyList<PairedDevice> devices, string id, out OpenClawException? error)
        {
            error = null;
            if (WildcardPattern.ContainsWildcardCharacters(id))
            {
                var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                return devices.Where(d => pattern.IsMatch(d.DeviceId)).ToList();
            }
            var exact = devices.Where(d => string.Equals(d.DeviceId, id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (exact.Count > 0) return exact;
            var prefixed = id.Length >= 6
                ? devices.Where(d => d.DeviceId.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToList()
                : new List<PairedDevice>();
            if (prefixed.Count == 0)
            {
                error = new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"No paired device has the id '{id}'.", new ErrorRemedy(RemedyKind.ListDevices), id);
            }
            return prefixed;
        }

        private static bool NameMatches(PairedDevice device, WildcardPattern pattern) =>
            pattern.IsMatch(device.DisplayName ?? "") || pattern.IsMatch(device.ClientId ?? "");
    }
}
