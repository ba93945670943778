using System.Diagnostics;

namespace OpenClaw.Integration.Tests.Reliability
{
    /// <summary>
    /// When to SIGKILL a child that runs an offline write: after a share of an uninterrupted run (counted from the
    /// moment the module is imported), or a delay after something shows in the state folder (the temp file of the
    /// write, the backup, the swapped store, the SQLite WAL), polled every millisecond. Events rather than clock
    /// times aim the kills at the write itself, which takes a few hundred milliseconds of a run of seconds whose
    /// length moves with the load of the machine.
    /// </summary>
    internal sealed record KillMoment(string Name, Func<bool>? Event, TimeSpan Delay, double ShareOfRun)
    {
        public static KillMoment After(double shareOfRun) => new($"after {shareOfRun:0.##} of a run", null, TimeSpan.Zero, shareOfRun);

        public static KillMoment When(string what, Func<bool> happened, int thenMs = 0) =>
            new($"{thenMs} ms after {what}", happened, TimeSpan.FromMilliseconds(thenMs), 0);

        /// <summary>Waits for the moment, then kills the child; returns how long after READY the kill came.</summary>
        public TimeSpan KillAt(ModuleChild child, TimeSpan uninterruptedRun)
        {
            child.WaitReady(TimeSpan.FromMinutes(1));
            var clock = Stopwatch.StartNew();
            if (Event == null)
            {
                Thread.Sleep(uninterruptedRun * ShareOfRun);
            }
            else
            {
                // Given up well after the run would have ended: the event was missed and the kill comes after the end.
                while (!Event() && !child.HasExited && clock.Elapsed < uninterruptedRun * 3) Thread.Sleep(1);
                Thread.Sleep(Delay);
            }
            child.Kill();
            return clock.Elapsed;
        }

        public override string ToString() => Name;
    }
}
