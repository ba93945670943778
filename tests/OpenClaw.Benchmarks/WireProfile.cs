using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// A profile of one method's run taken from the gateway's own --verbose log, so the client is measured without
    /// being instrumented. The gateway logs every socket open and every answer with the time it spent on it
    /// ("⇄ res ✓ device.token.rotate 3ms id=ps5", millisecond timestamps), which splits each rotate into gateway
    /// time and the rest (the client's own work between answers, plus loopback transport).
    /// </summary>
    public static class WireProfile
    {
        private static readonly Regex Ansi = new Regex("\u001b\\[[0-9;]*m", RegexOptions.Compiled);
        private static readonly Regex Line = new Regex(@"^(?<ts>\d{4}-\d\d-\d\dT[\d:.]+Z) \[ws\] (?:(?<open>← open)|⇄ res (?<ok>[✓✗]) (?<method>\S+) (?<ms>\d+)ms)", RegexOptions.Compiled);

        /// <summary>Where the log ends now; the profile reads what the gateway logs after this.</summary>
        public static long Mark(string logFile) => File.Exists(logFile) ? new FileInfo(logFile).Length : 0;

        /// <param name="skipConnections">Connections to leave out at the start (those of a warm-up run).</param>
        /// <param name="splitRotates">Split each rotate into gateway and client time (only when they do not overlap).</param>
        public static void Add(Results results, string prefix, string logFile, long from, int skipConnections = 0, bool splitRotates = true)
        {
            Thread.Sleep(300); // the gateway's stdout reaches the log file asynchronously
            var events = Read(logFile, from);
            var start = events.Select((e, i) => (e, i)).Where(x => x.e.Method == null).Skip(skipConnections).Select(x => x.i).DefaultIfEmpty(events.Count).First();
            events = events.Skip(start).ToList();
            var opens = events.Where(e => e.Method == null).ToList();
            var answers = events.Where(e => e.Method != null).ToList();
            var rotates = answers.Where(e => e.Method == "device.token.rotate").ToList();
            if (opens.Count == 0 || rotates.Count == 0) return;

            results.Add(prefix + ".wire.connections", opens.Count, "");
            results.Add(prefix + ".wire.lists", answers.Count(e => e.Method == "device.pair.list"), "");
            results.Add(prefix + ".wire.otherRequests", answers.Count(e => e.Method is not ("device.pair.list" or "device.token.rotate")), "");
            results.Add(prefix + ".wire.spanMs", (answers[^1].Time - opens[0].Time).TotalMilliseconds);
            results.Add(prefix + ".wire.beforeFirstRotateMs", (rotates[0].Time - opens[0].Time).TotalMilliseconds);
            results.Add(prefix + ".wire.rotatesSpanMs", (rotates[^1].Time - rotates[0].Time).TotalMilliseconds);
            results.Add(prefix + ".wire.afterLastRotateMs", (answers[^1].Time - rotates[^1].Time).TotalMilliseconds);
            if (!splitRotates) return;
            results.Add(prefix + ".wire.rotateGatewayMs", rotates.Sum(e => e.Ms));
            // Between two answers the gateway worked on the second for e.Ms; the rest of the gap is the client's.
            var clientGaps = rotates.Skip(1).Select((e, i) => Math.Max(0, (e.Time - rotates[i].Time).TotalMilliseconds - e.Ms)).OrderBy(g => g).ToList();
            if (clientGaps.Count == 0) return;
            results.Add(prefix + ".wire.rotateClientGapMedianMs", clientGaps[clientGaps.Count / 2]);
            results.Add(prefix + ".wire.rotateClientGapSumMs", clientGaps.Sum());
        }

        private static List<(DateTime Time, string? Method, int Ms)> Read(string logFile, long from)
        {
            var events = new List<(DateTime, string?, int)>();
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(from, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } raw)
            {
                var match = Line.Match(Ansi.Replace(raw, ""));
                if (!match.Success) continue;
                var time = DateTime.Parse(match.Groups["ts"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                events.Add(match.Groups["open"].Success
                    ? (time, null, 0)
                    : (time, match.Groups["method"].Value, int.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture)));
            }
            return events;
        }
    }
}
