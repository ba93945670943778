using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Offline;
using OpenClaw.Core.Scopes;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The offline side of the device cmdlets: opens a state folder given with -Offline -StateDirectory and turns
    /// its store into the same output objects the online list gives. Where an online object carries the gateway
    /// URL, an offline one carries the state folder as a file: URI, so views group by it and no one mistakes an
    /// offline read for a gateway's answer.
    /// </summary>
    internal static class OfflineDeviceReader
    {
        /// <summary>Opens the folder (a PowerShell path: ~, relative, PSDrive); store problems surface as OpenClawException.</summary>
        public static OfflineState Open(PSCmdlet cmdlet, string stateDirectory, GatewayRelease? release)
        {
            var state = OfflineState.Open(ProviderPath(cmdlet, stateDirectory), release);
            cmdlet.WriteVerbose($"Offline: {Describe(state)}; {state.Snapshot.Paired.Count} paired device(s); judged for {state.Release.Name} ({RecommendedActions.ReleaseEvidence(state.Release)}).");
            WarnOfUnimportedLegacyFiles(cmdlet, state);
            return state;
        }

        /// <summary>
        /// A JSON store left beside the SQLite store and never imported: its devices are invisible to the gateway and
        /// to this read, which shows the SQLite store, so an audit could pass while devices wait to come back.
        /// </summary>
        private static void WarnOfUnimportedLegacyFiles(PSCmdlet cmdlet, OfflineState state)
        {
            var files = state.UnimportedLegacyFiles;
            if (files.Count == 0) return;
            var doctor = OfflineState.FirstDoctorOnlyImport;
            var next = state.LegacyFilesImportedAtStart switch
            {
                true => $"{state.Release.Name} imports them when the gateway next starts; 'openclaw doctor --fix', run with the gateway stopped, imports them too",
                false => $"{state.Release.Name} imports them only with 'openclaw doctor --fix': stop the gateway and run it",
                null => $"releases before {doctor} import them when the gateway starts; from {doctor} only 'openclaw doctor --fix' does (stop the gateway and run it)",
            };
            cmdlet.WriteWarning($"{string.Join(" and ", files)} beside the SQLite store {state.Store.Location} were never imported into it, "
                                + $"so the gateway does not use the devices in them, and they are not listed here. {char.ToUpperInvariant(next[0])}{next.Substring(1)}.");
        }

        private static string Describe(OfflineState state) => state.NothingPairedYet
            ? $"{state.StateDirectory} is a gateway's state folder where nothing has paired yet (no {state.Store.Location})"
            : $"{state.Store.Kind} pairing store {state.Store.Location}";

        /// <summary><see cref="Open"/> without reading the devices, for a listing that streams them (OfflineState.OpenUnread).</summary>
        public static OfflineState OpenUnread(PSCmdlet cmdlet, string stateDirectory)
        {
            var state = OfflineState.OpenUnread(ProviderPath(cmdlet, stateDirectory), null);
            cmdlet.WriteVerbose($"Offline: {Describe(state)}, devices written as they are read; judged for {state.Release.Name} ({RecommendedActions.ReleaseEvidence(state.Release)}).");
            WarnOfUnimportedLegacyFiles(cmdlet, state);
            return state;
        }

        private static string ProviderPath(PSCmdlet cmdlet, string stateDirectory) => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(stateDirectory);

        /// <summary>
        /// <see cref="Open"/>, with any failure to read the folder stopping the command (its id and file as the
        /// target), and the store's lists remembered for tab completion, as every offline read does.
        /// </summary>
        public static OfflineState OpenOrStop(PSCmdlet cmdlet, string stateDirectory, GatewayRelease? release = null)
        {
            try
            {
                var state = Open(cmdlet, stateDirectory, release);
                Completion.CompletionCache.Current.Remember(state.Snapshot, state.Release.KnownScopes);
                return state;
            }
            catch (Exception e) when (IsStoreFailure(e))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(Wrap(e, stateDirectory)));
                throw; // not reached: ThrowTerminatingError does not return
            }
        }

        public static OpenClawDevice ToOutput(PairedDevice device, OfflineState state) => Outputs(state, state.Snapshot.Pending)(device);

        /// <summary>
        /// How the devices of one read become output objects, each with its requests among <paramref name="pending"/>.
        /// The origin is worked out once and shared: it is immutable, and normalizing the folder for each of 10,000
        /// devices was a measurable part of a listing.
        /// </summary>
        public static Func<PairedDevice, OpenClawDevice> Outputs(OfflineState state, IReadOnlyList<PendingDeviceRequest> pending)
        {
            var origin = OpenClawOrigin.Of(state);
            return device => new OpenClawDevice(device,
                pending.Count == 0 ? Array.Empty<OpenClawDeviceRequest>() : DevicePairingSnapshot.PendingFor(pending, device.DeviceId).Select(r => new OpenClawDeviceRequest(r)).ToArray(),
                string.Equals(device.DeviceId, state.LocalDeviceId, StringComparison.OrdinalIgnoreCase),
                origin, state.Release);
        }

        /// <summary>
        /// -Offline works only on a folder the user names: the module never picks a state folder on its own for
        /// an offline read or change. (-StateDirectory is not a mandatory parameter of the Offline set only because
        /// it is GatewayCmdlet's, shared with the online sets, and the help builder allows one Required value per
        /// parameter; so the rule is enforced here, before anything is read.)
        /// </summary>
        public static void RequireStateDirectory(bool offline, string? stateDirectory, Action<ErrorRecord> fail)
        {
            if (!offline || !string.IsNullOrWhiteSpace(stateDirectory)) return;
            fail(ErrorRecords.InvalidArgument(ErrorIds.StateDirectoryRequired,
                "-Offline needs -StateDirectory: the gateway's state folder whose pairing store to use, such as ~/.openclaw.", null,
                "Add -StateDirectory with the folder the gateway runs with (its OPENCLAW_STATE_DIR, or ~/.openclaw)."));
        }

        /// <summary>-Release parsed, or a terminating OpenClaw.InvalidRelease through <paramref name="fail"/>.</summary>
        public static GatewayRelease? ParseRelease(string? text, Action<ErrorRecord> fail)
        {
            if (text == null) return null;
            try
            {
                return GatewayRelease.FromUser(text);
            }
            catch (FormatException e)
            {
                fail(ErrorRecords.InvalidArgument("OpenClaw.InvalidRelease", e.Message, text));
                return null;
            }
        }

        /// <summary>The failures of reading a store that become one terminating error naming the folder (see <see cref="Wrap"/>).</summary>
        internal static bool IsStoreFailure(Exception e) =>
            e is OpenClawException || e is System.IO.IOException || e is UnauthorizedAccessException || DependencyLoadFailure.From(e) != null;

        /// <summary>
        /// The error of a failed read. An assembly that did not load is checked first: the loader's exceptions are
        /// IOExceptions too, and the state file was never read, so it must not be called invalid.
        /// </summary>
        internal static OpenClawException Wrap(Exception e, string stateDirectory) =>
            DependencyLoadFailure.From(e) ?? e as OpenClawException ?? new OpenClawException(ErrorIds.StateFileInvalid, OpenClawErrorKind.InvalidData,
                $"The state folder '{stateDirectory}' cannot be read: {e.Message}", null, stateDirectory, e);
    }
}
