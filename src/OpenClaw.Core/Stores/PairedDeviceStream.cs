using System.Collections.Generic;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// A store's paired devices built one at a time as they are enumerated, so a listing can write the first
    /// device long before the last is built, with the pending requests (few; read in full first, so each device's
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
        /// Lazy. A JSON store has checked every record's shape before the stream is returned, so it yields every
        /// device or throws before; a SQLite row is checked when it is reached, so a bad row throws
        /// OpenClaw.StateFileInvalid after the rows before it were yielded (see SqlitePairingStore.Stream).
        /// </summary>
        public IEnumerable<PairedDevice> Paired { get; }

        /// <summary>The unexpired pending requests, as <see cref="IPairingStore.Read"/> gives them.</summary>
        public IReadOnlyList<PendingDeviceRequest> Pending { get; }
    }
}
