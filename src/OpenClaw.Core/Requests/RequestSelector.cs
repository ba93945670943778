using System;
using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Requests
{
    /// <summary>
    /// Finds the request to act on in a list read right before acting. Request ids churn: a request expires after
    /// 5 minutes, 2026.2.21 merges a retry into it, and a rejected or expired one is re-filed under a new id on the
    /// device's next connect (upstream #83234, #97859). So an id that is gone is reported with the device's current
    /// request, and selecting by device always means "its request at this moment".
    /// </summary>
    public static class RequestSelector
    {
        /// <summary>A selector for <see cref="RequestDecider.ResolveAsync"/>, which runs it on the list it reads.</summary>
        public static Func<DevicePairingSnapshot, PendingDeviceRequest> SelectById(string requestId, string? formerDeviceId) =>
            snapshot => ById(snapshot, requestId, formerDeviceId);

        /// <summary>A selector for <see cref="RequestDecider.ResolveAsync"/>: the device's request at that moment.</summary>
        public static Func<DevicePairingSnapshot, PendingDeviceRequest> SelectForDevice(string deviceId, string? role) =>
            snapshot => ForDevice(snapshot, deviceId, role);

        /// <param name="formerDeviceId">The device the id belonged to when last seen, to name that device's current request.</param>
        public static PendingDeviceRequest ById(DevicePairingSnapshot snapshot, string requestId, string? formerDeviceId)
        {
            var request = snapshot.Pending.FirstOrDefault(r => string.Equals(r.RequestId, requestId, StringComparison.OrdinalIgnoreCase));
            if (request != null) return request;
            var current = formerDeviceId == null ? null : Newest(snapshot.PendingFor(formerDeviceId), null);
            var message = $"No pending request has the id '{requestId}': it expired (requests live 5 minutes), was approved or denied, or was superseded.";
            if (current != null)
            {
                message += $" Its device {PairingRequest.ShortId(current.DeviceId)} now has request {current.RequestId} for [{string.Join(", ", current.Scopes)}].";
            }
            throw new OpenClawException(RequestErrorIds.RequestNotFound, OpenClawErrorKind.ObjectNotFound, message,
                new ErrorRemedy(RemedyKind.ListRequests), requestId);
        }

        /// <summary>
        /// The newest pending request of a device (full id, or a unique prefix of at least 6 characters such as the
        /// short id), for <paramref name="role"/> when one is given. The device need not be paired: a new device's
        /// first request counts.
        /// </summary>
        public static PendingDeviceRequest ForDevice(DevicePairingSnapshot snapshot, string deviceId, string? role)
        {
            var known = snapshot.Pending.Select(r => r.DeviceId).Concat(snapshot.Paired.Select(d => d.DeviceId))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var matches = known.Where(id => string.Equals(id, deviceId, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0 && deviceId.Length >= 6)
            {
                matches = known.Where(id => id.StartsWith(deviceId, StringComparison.OrdinalIgnoreCase)).ToList();
            }
            if (matches.Count > 1)
            {
                throw new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.InvalidArgument,
                    $"'{deviceId}' matches {matches.Count} devices ({string.Join(", ", matches.Select(PairingRequest.ShortId))}); give more of the id.",
                    null, deviceId);
            }
            var forRole = string.IsNullOrEmpty(role) ? "" : $" for role {role}";
            var request = matches.Count == 1 ? Newest(snapshot.PendingFor(matches[0]), role) : null;
            if (request != null) return request;
            throw new OpenClawException(RequestErrorIds.RequestNotFound, OpenClawErrorKind.ObjectNotFound,
                matches.Count == 0
                    ? $"No paired device and no pending request has the device id '{deviceId}'."
                    : $"Device {PairingRequest.ShortId(matches[0])} has no pending request{forRole}: it made none in the last 5 minutes, or it was resolved.",
                new ErrorRemedy(RemedyKind.AwaitRequest), deviceId);
        }

        private static PendingDeviceRequest? Newest(IEnumerable<PendingDeviceRequest> requests, string? role) =>
            requests.Where(r => string.IsNullOrEmpty(role) || r.IsFor(role!))
                .OrderByDescending(r => r.RequestedAt ?? DateTimeOffset.MinValue)
                .FirstOrDefault();
    }
}
