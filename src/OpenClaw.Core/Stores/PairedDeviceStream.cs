using System;
using System.Collections.Generic;
using OpenClaw.Core.Devices;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// A store's paired devices handed out one at a time as they are enumerated (built then, where the store can
    /// check them one by one), so a listing can write the first device before the last is ready, with the pending requests (few; read in full first, so each device's
    /// requests can be attached as it goes). The store's files are read and closed before the stream is returned;
    /// only the building is left, so the next command of a pipeline may write the store meanwhile. What the
    /// building reads from (a SQLite store's fetched rows, in pooled arrays) is released by <see cref="Dispose"/>;
    /// until then <see cref="Paired"/> can be enumerated again, and a stream never disposed only leaves its arrays
    /// to the garbage collector.
    /// </summary>
    public sealed class PairedDeviceStream : IDisposable
    {
        private readonly IDisposable? _source;

        public PairedDeviceStream(IEnumerable<PairedDevice> paired, IReadOnlyList<PendingDeviceRequest> pending, IDisposable? source = null)
        {
            Paired = paired;
            Pending = pending;
            _source = source;
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

        /// <summary>Releases what the devices are built from; <see cref="Paired"/> cannot be enumerated after.</summary>
        public void Dispose() => _source?.Dispose();
    }
}
