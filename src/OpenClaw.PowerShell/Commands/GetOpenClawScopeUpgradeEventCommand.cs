using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenClaw.Core.Diagnostics;
using OpenClaw.Core.Errors;
using OpenClaw.PowerShell.Cmdlets;
using OpenClaw.PowerShell.Completion;

namespace OpenClaw.PowerShell.Commands
{
    /// <summary>
    /// Finds the devices caught in the "pairing required" loop from the gateway's own logs, without connecting:
    /// one event per "security audit: device access upgrade requested" line, from the daily JSON-lines file or from
    /// captured console output. DeviceId and Role bind to Test-OpenClawDeviceScope and Update-OpenClawDeviceScope.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OpenClawScopeUpgradeEvent")]
    [OutputType(typeof(ScopeUpgradeEvent))]
    public sealed class GetOpenClawScopeUpgradeEventCommand : OpenClawCmdlet
    {
        private readonly LatestScopeUpgradeRequests _latest = new LatestScopeUpgradeRequests();
        private ScopeUpgradeLogReader? _reader;
        private DateTimeOffset? _since;
        private Func<string, bool>[]? _devices;

        /// <summary>Log files: JSON-lines or captured stdout. Wildcards allowed. Default: today's and yesterday's daily log.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Only events at or after this time (a DateTime without a kind is local time).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Only these devices: full ids, prefixes of at least six characters (the short id) or wildcards.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeviceIdCompleter))]
        public string[]? DeviceId { get; set; }

        /// <summary>Only the latest event per device, role and requested scopes, with how many connects made it.</summary>
        [Parameter]
        public SwitchParameter Unique { get; set; }

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Since)))
            {
                // DateTimeOffset(DateTime) reads Unspecified as local, which is what Get-Date and [datetime]'…' give.
                _since = new DateTimeOffset(Since);
            }
            _devices = DeviceId?.Select(DeviceMatcher).ToArray();
            _reader = new ScopeUpgradeLogReader(WriteVerbose);
        }

        protected override void ProcessRecord()
        {
            if (Path == null)
            {
                ReadDefaultLogs();
                return;
            }
            foreach (var path in Path)
            {
                foreach (var file in Resolve(path)) ReadLog(file);
            }
        }

        protected override void EndProcessing()
        {
            if (!Unique) return;
            foreach (var request in _latest.Results())
            {
                WriteObject(new ScopeUpgradeEvent(request.Latest, request.Occurrences, request.FirstTime));
            }
        }

        /// <summary>Today's and yesterday's daily file (local dates, as the gateway names them), or logging.file.</summary>
        private void ReadDefaultLogs()
        {
            IReadOnlyList<string> files;
            try
            {
                var today = DateTime.Now.Date;
                files = GatewayLogLocator.ForCurrentProcess().DailyFiles(new[] { today.AddDays(-1), today });
            }
            catch (OpenClawException e)
            {
                ThrowTerminating(e);
                return;
            }
            var existing = files.Where(File.Exists).ToList();
            foreach (var missing in files.Except(existing)) WriteVerbose($"No gateway log at {missing}.");
            if (existing.Count == 0)
            {
                WriteError(LogErrors.NoneFound(files));
                return;
            }
            foreach (var file in existing) ReadLog(file);
        }

        /// <summary>
        /// The files a -Path value names, through the PowerShell provider so relative paths and PSDrives work. A path
        /// that exists literally is taken as it is even if it contains [ or ], so FullName from Get-ChildItem binds.
        /// </summary>
        private IEnumerable<string> Resolve(string path)
        {
            string? literal = null;
            ProviderInfo? provider = null;
            try
            {
                literal = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception e) when (e is RuntimeException || e is NotSupportedException || e is ArgumentException)
            {
                WriteVerbose($"'{path}' is not a literal path ({e.Message}).");
            }
            if (provider != null && provider.Name != "FileSystem")
            {
                WriteError(LogErrors.Unreadable(path, $"it is a path of the {provider.Name} provider, not a file."));
                return Array.Empty<string>();
            }
            if (literal != null && (File.Exists(literal) || Directory.Exists(literal))) return new[] { literal };
            if (!WildcardPattern.ContainsWildcardCharacters(path))
            {
                WriteError(LogErrors.NotFound(literal ?? path));
                return Array.Empty<string>();
            }
            try
            {
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                if (provider.Name != "FileSystem")
                {
                    WriteError(LogErrors.Unreadable(path, $"it is a path of the {provider.Name} provider, not a file."));
                    return Array.Empty<string>();
                }
                if (resolved.Count == 0) WriteVerbose($"'{path}' matches no file.");
                return resolved;
            }
            catch (ItemNotFoundException)
            {
                // Like Get-ChildItem: a wildcard that matches nothing is not an error.
                WriteVerbose($"'{path}' matches no file.");
                return Array.Empty<string>();
            }
        }

        /// <summary>Streams one file; a file that cannot be read is reported and the next one is read.</summary>
        private void ReadLog(string file)
        {
            if (Directory.Exists(file))
            {
                WriteError(LogErrors.Unreadable(file, "it is a folder; name the files, e.g. with a wildcard such as *.log."));
                return;
            }
            WriteVerbose($"Reading {file}.");
            var count = 0;
            using var entries = _reader!.ReadFile(file, Cancellation).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!entries.MoveNext()) break;
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
                catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
                {
                    WriteError(LogErrors.NotFound(file));
                    return;
                }
                catch (UnauthorizedAccessException e)
                {
                    WriteError(LogErrors.Unreadable(file, e.Message, OpenClawErrorKind.PermissionDenied));
                    return;
                }
                catch (IOException e)
                {
                    WriteError(LogErrors.Unreadable(file, e.Message, OpenClawErrorKind.InvalidData));
                    return;
                }
                var entry = entries.Current;
                if (!Wanted(entry)) continue;
                count++;
                if (Unique) _latest.Add(entry);
                else WriteObject(new ScopeUpgradeEvent(entry));
            }
            WriteVerbose($"{count} device upgrade request(s) in {file}.");
        }

        private bool Wanted(ScopeUpgradeAuditEntry entry) =>
            (_since == null || entry.Time >= _since.Value) && (_devices == null || _devices.Any(matches => matches(entry.DeviceId)));

        /// <summary>Ids match as in Get-OpenClawDevice, except that an id with no events is simply not reported.</summary>
        private static Func<string, bool> DeviceMatcher(string id)
        {
            if (WildcardPattern.ContainsWildcardCharacters(id)) return new WildcardPattern(id, WildcardOptions.IgnoreCase).IsMatch;
            return deviceId => string.Equals(id, deviceId, StringComparison.OrdinalIgnoreCase)
                               || (id.Length >= 6 && deviceId.StartsWith(id, StringComparison.OrdinalIgnoreCase));
        }
    }
}
