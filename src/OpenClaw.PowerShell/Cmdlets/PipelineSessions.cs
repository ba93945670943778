using System.Collections.Generic;
using System.Linq;
using OpenClaw.Core.Transport;

namespace OpenClaw.PowerShell.Cmdlets
{
    /// <summary>
    /// The sessions online cmdlets of one runspace opened for themselves, lent to each other while in use, so that
    /// <c>Get-OpenClawDevice -Url U -Token T | … | Update-OpenClawDeviceScope -Url U -Token T</c> connects, detects
    /// the release and authenticates once instead of twice.
    /// <para>
    /// A session is shared only between cmdlets whose <see cref="SessionKey"/> is equal, and only while it is open
    /// (one the gateway dropped is left to its users, which reconnect it themselves). It counts its users: each
    /// cmdlet that took it gives it back from its Dispose, and the last one closes the socket. PowerShell disposes
    /// a pipeline's commands only after every command of it ended (PipelineProcessor.DisposeCommands, after the
    /// last EndProcessing), so the session Get-OpenClawDevice opened is still there in Update's EndProcessing; and
    /// counting, rather than letting the opener close it, keeps it open for a user that outlives the opener, as in
    /// <c>ForEach-Object { Get-OpenClawDeviceRequest @c } | Approve-OpenClawDeviceRequest @c</c>, where each Get
    /// ends with its nested pipeline while Approve goes on. Nothing stays open after the outermost pipeline ends.
    /// </para>
    /// <para>
    /// Kept per runspace (ConnectionRegistry): pipelines of one runspace run one at a time, nested ones on the same
    /// thread, so a shared session is never used by two threads at once; jobs and ForEach-Object -Parallel run in
    /// runspaces of their own and open their own.
    /// </para>
    /// </summary>
    internal sealed class PipelineSessions
    {
        private readonly List<Lease> _lent = new List<Lease>();

        /// <summary>
        /// The newest open session that <paramref name="fits"/> (the same key, or for a piped object's gateway the
        /// same URL), now counting one more user; null when there is none.
        /// </summary>
        public Lease? Borrow(System.Func<Lease, bool> fits)
        {
            lock (_lent)
            {
                var lease = _lent.LastOrDefault(l => l.Session.IsOpen && fits(l));
                if (lease != null) lease.Users++;
                return lease;
            }
        }

        /// <summary>Lends a session its opener just connected, with the opener as its one user.</summary>
        public Lease Lend(SessionKey key, GatewaySession session, string openedBy)
        {
            var lease = new Lease(this, key, session, openedBy);
            lock (_lent) _lent.Add(lease);
            return lease;
        }

        /// <summary>Closes what is left when the runspace closes (a steppable pipeline that was never ended).</summary>
        public void CloseAll()
        {
            List<Lease> left;
            lock (_lent)
            {
                left = _lent.ToList();
                _lent.Clear();
            }
            foreach (var lease in left) lease.Session.Dispose();
        }

        private void Return(Lease lease)
        {
            lock (_lent)
            {
                if (--lease.Users > 0 || !_lent.Remove(lease)) return;
            }
            lease.Session.Dispose();
        }

        /// <summary>One lent session and how many cmdlets use it.</summary>
        internal sealed class Lease
        {
            private readonly PipelineSessions _owner;

            public Lease(PipelineSessions owner, SessionKey key, GatewaySession session, string openedBy)
            {
                _owner = owner;
                Key = key;
                Session = session;
                OpenedBy = openedBy;
                Users = 1;
            }

            public SessionKey Key { get; }

            public GatewaySession Session { get; }

            /// <summary>The command that connected it, for the verbose line of the ones that reuse it.</summary>
            public string OpenedBy { get; }

            /// <summary>Guarded by the owner's lock.</summary>
            public int Users { get; set; }

            /// <summary>One user is done with it; the last one closes it. Each user calls this once.</summary>
            public void Return() => _owner.Return(this);
        }
    }
}
