using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace OpenClaw.Tests.Shared
{
    /// <summary>Everything one script run produced, stream by stream.</summary>
    public sealed class PowerShellResult
    {
        public PowerShellResult(IReadOnlyList<PSObject> output, PSDataStreams streams, Exception? terminating, string hostText)
        {
            Output = output;
            Errors = streams.Error.ToList();
            Verbose = streams.Verbose.Select(v => v.Message).ToList();
            Warnings = streams.Warning.Select(w => w.Message).ToList();
            Debug = streams.Debug.Select(d => d.Message).ToList();
            Information = streams.Information.Select(i => i.MessageData?.ToString() ?? "").ToList();
            Progress = streams.Progress.Select(p => p.Activity + " | " + p.StatusDescription + " | " + p.CurrentOperation).ToList();
            Terminating = terminating;
            HostText = hostText;
        }

        public IReadOnlyList<PSObject> Output { get; }
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public IReadOnlyList<string> Verbose { get; }
        public IReadOnlyList<string> Warnings { get; }
        public IReadOnlyList<string> Debug { get; }
        public IReadOnlyList<string> Information { get; }
        public IReadOnlyList<string> Progress { get; }

        /// <summary>A terminating error that ended the script, if any.</summary>
        public Exception? Terminating { get; }

        /// <summary>Text the host printed (WhatIf: lines, Write-Host).</summary>
        public string HostText { get; }

        /// <summary>The error ids of every non-terminating error and of the terminating one.</summary>
        public IEnumerable<string> ErrorIds =>
            Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0])
                .Concat(Terminating is IContainsErrorRecord t ? new[] { t.ErrorRecord.FullyQualifiedErrorId.Split(',')[0] } : Array.Empty<string>());

        /// <summary>Every piece of text any stream carried, for secret scans.</summary>
        public string AllText =>
            string.Join("\n", Output.Select(o => o?.ToString() ?? "")
                .Concat(Output.SelectMany(o => o?.Properties.Select(p => SafeValue(p)) ?? Array.Empty<string>()))
                .Concat(Errors.SelectMany(e => new[] { e.ToString(), e.ErrorDetails?.Message ?? "", e.ErrorDetails?.RecommendedAction ?? "", e.Exception?.ToString() ?? "" }))
                .Concat(Verbose).Concat(Warnings).Concat(Debug).Concat(Information).Concat(Progress)
                .Concat(new[] { Terminating?.ToString() ?? "", HostText }));

        public void ThrowIfFailed()
        {
            if (Terminating != null) throw new InvalidOperationException("The script failed: " + Terminating.Message, Terminating);
            if (Errors.Count > 0) throw new InvalidOperationException("The script wrote errors: " + string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        }

        private static string SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value switch
                {
                    null => "",
                    System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>()),
                    var v => v.ToString() ?? "",
                };
            }
            catch (Exception e) when (e is GetValueException || e is InvalidOperationException)
            {
                return "";
            }
        }
    }
}
