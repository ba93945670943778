using System.Collections.Generic;
using System.Linq;

namespace OpenClaw.Core.Offline
{
    public enum GatewaySignalKind
    {
        /// <summary>A gateway lock file naming this state folder, held by a live process.</summary>
        LockFile,

        /// <summary>A running gateway process whose environment points at this state folder (Linux /proc).</summary>
        Process,

        /// <summary>A gateway answering on a port this state folder's config names, or on the default port.</summary>
        Listener,
    }

    /// <summary>One observation about the gateway that owns a state folder.</summary>
    public sealed class GatewaySignal
    {
        public GatewaySignal(GatewaySignalKind kind, bool indicatesRunning, string description)
        {
            Kind = kind;
            IndicatesRunning = indicatesRunning;
            Description = description;
        }

        public GatewaySignalKind Kind { get; }

        /// <summary>False for things seen and ruled out (a stale lock, a gateway of another state folder).</summary>
        public bool IndicatesRunning { get; }

        public string Description { get; }

        public override string ToString() => Description;
    }

    /// <summary>Whether the gateway that owns a state folder seems to run, with every signal that was looked at.</summary>
    public sealed class GatewayPresence
    {
        public GatewayPresence(IReadOnlyList<GatewaySignal> signals)
        {
            Signals = signals;
        }

        public IReadOnlyList<GatewaySignal> Signals { get; }

        public bool IsRunning => Signals.Any(s => s.IndicatesRunning);

        /// <summary>The signals that say it runs, joined for an error message; null when none does.</summary>
        public string? Evidence => IsRunning ? string.Join("; ", Signals.Where(s => s.IndicatesRunning).Select(s => s.Description)) : null;
    }
}
