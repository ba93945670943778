using OpenClaw.Core.Errors;
using OpenClaw.Core.Requests;

namespace OpenClaw.Core.Stores.Json
{
    /// <summary>Why one offline lifecycle edit found nothing to change; the rest of its batch goes on.</summary>
    internal static class PairingEditErrors
    {
        public static OpenClawException RequestAbsent(string requestId, string pendingPath) =>
            new OpenClawException(RequestErrorIds.RequestNotFound, OpenClawErrorKind.ObjectNotFound,
                $"There is no pending pairing request '{requestId}' in '{pendingPath}'; it was approved, rejected or pruned already.",
                "List the pending requests again; the device sends a new request when it next connects.", requestId);

        public static OpenClawException RequestExpired(string requestId, string pendingPath) =>
            new OpenClawException(RequestErrorIds.RequestNotFound, OpenClawErrorKind.ObjectNotFound,
                $"The pairing request '{requestId}' in '{pendingPath}' expired (requests live 5 minutes; the gateway drops it when it next loads the file).",
                "Let the device connect again so that it sends a new request, then approve that one.", requestId);

        public static OpenClawException DeviceNotFound(string deviceId, string pairedPath) =>
            new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                $"No paired device '{deviceId}' in '{pairedPath}'.",
                new ErrorRemedy(RemedyKind.ListDevices, offline: true), deviceId);

        public static OpenClawException RoleNotFound(string deviceId, string role, string pairedPath) =>
            new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                $"Device '{deviceId}' in '{pairedPath}' has no {role} token.",
                new ErrorRemedy(RemedyKind.ListDevices, offline: true), deviceId);
    }
}
