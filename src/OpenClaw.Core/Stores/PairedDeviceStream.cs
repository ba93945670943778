using System.Collections.Generic;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// A store's paired devices handed out one at a time as they are enumerated (built then, where the store can
    /// check them one by one), so a listing can write the first device before the last is ready, with the pending requests (few; read in full first, so each device's
    /// requests can be attached as it goes). The store's files are read and closed before the stream is returned;
    /// only the building is left, so the next command of a pipeline may write the store meanwhile.
    /// </summary>
    public sealed class PairedDeviceStream
    {
        public PairedDeviceStream(IEnumerable<PairedDevice> paired, IReadOnlyList<PendingDeviceRequest> pending)
        {
            Paired = paired;
            Pending = pending;
        }

        /// <summary>
        /// A JSON store has checked every record's shape before the stream is returned (and built the devices of a
        /// plain file in that pass), so it yields every device or throws before; a SQLite row is built and checked
        /// when it is reached, so a bad row throws OpenClaw.StateFileInvalid after the rows before it were yielded
        /// (see SqlitePairingStore.Stream).
        /// </summary>
        public IEnumerable<PairedDevice> Paired { get; }

        /// <summary>The unexpired pending requests, as <see cref="IPairingStore.Read"/> gives them.</summary>
        public IReadOnlyList<PendingDeviceRequest> Pending { get; }
    }
}
