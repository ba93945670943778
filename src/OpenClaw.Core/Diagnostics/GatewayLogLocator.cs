using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Configuration;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Diagnostics
{
    /// <summary>
    /// Where the gateway writes its JSON-lines log, the way 2026.2.x and 2026.9.x decide it: logging.file from
    /// openclaw.json when set (one file, no rolling), else openclaw-YYYY-MM-DD.log (local date) in /tmp/openclaw, or
    /// in os.tmpdir()/openclaw-&lt;uid&gt; when /tmp/openclaw is not a usable folder of the user's. On Windows the
    /// gateway has no uid and no /tmp, so the folder is %TEMP%\openclaw. The config file is OPENCLAW_CONFIG_PATH,
    /// else openclaw.json in the state folder.
    /// </summary>
    public sealed class GatewayLogLocator
    {
        public const string PosixLogDirectory = "/tmp/openclaw";

        private readonly Func<string, string?> _env;
        private readonly string _home;
        private readonly string _tempDirectory;
        private readonly bool _isWindows;
        private readonly Func<string?> _uid;

        public GatewayLogLocator(Func<string, string?> environment, string homeDirectory, string tempDirectory, bool isWindows, Func<string?> uid)
        {
            _env = environment;
            _home = homeDirectory;
            _tempDirectory = tempDirectory;
            _isWindows = isWindows;
            _uid = uid;
        }

        public static GatewayLogLocator ForCurrentProcess() =>
            new GatewayLogLocator(Environment.GetEnvironmentVariable,
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                Path.GetTempPath(),
                Path.DirectorySeparatorChar == '\\',
                UnixUser.Id);

        /// <summary>The openclaw.json the gateway reads.</summary>
        public string ConfigPath =>
            NonEmpty(_env("OPENCLAW_CONFIG_PATH")) ?? Path.Combine(new GatewaySettingsResolver(_env, _home).ResolveStateDirectory(null), "openclaw.json");

        /// <summary>
        /// The log files for the given local days, oldest first: the one logging.file when the config sets it, else
        /// each day's rolling file in the first folder that holds it (else the folder the gateway would choose).
        /// </summary>
        public IReadOnlyList<string> DailyFiles(IEnumerable<DateTime> localDays)
        {
            if (ConfiguredFile() is { } configured) return new[] { configured };
            var folders = CandidateFolders();
            var files = new List<string>();
            foreach (var day in localDays)
            {
                var name = "openclaw-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".log";
                var found = folders.Find(folder => File.Exists(Path.Combine(folder, name)));
                var path = Path.Combine(found ?? folders[0], name);
                if (!files.Contains(path)) files.Add(path);
            }
            return files;
        }

        /// <summary>logging.file from openclaw.json, with ~ expanded; null when unset or when there is no config.</summary>
        public string? ConfiguredFile()
        {
            var path = ConfigPath;
            if (!File.Exists(path)) return null;
            JToken? file;
            try
            {
                // JSON5-flavoured, as the gateway accepts; a BOM is skipped.
                file = JObject.Parse(File.ReadAllText(path), new JsonLoadSettings { CommentHandling = CommentHandling.Ignore })["logging"]?["file"];
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException || e is InvalidCastException)
            {
                throw new OpenClawException(ErrorIds.ConfigInvalid, OpenClawErrorKind.InvalidData,
                    $"The OpenClaw config file '{path}' cannot be read for logging.file: {e.Message}",
                    new ErrorRemedy(RemedyKind.GiveLogFile), path, e);
            }
            if (file is not JValue { Type: JTokenType.String } value || NonEmpty((string?)value.Value) is not { } text) return null;
            if (text == "~" || text.StartsWith("~/", StringComparison.Ordinal) || text.StartsWith("~\\", StringComparison.Ordinal))
            {
                text = Path.Combine(_home, text.Length > 2 ? text.Substring(2) : "");
            }
            return text;
        }

        /// <summary>The gateway's preferred folder first, then its fallback.</summary>
        private List<string> CandidateFolders()
        {
            var temp = _tempDirectory.TrimEnd('/', '\\');
            if (_isWindows) return new List<string> { Path.Combine(temp, "openclaw") };
            var uid = _uid();
            var fallback = Path.Combine(temp, uid == null ? "openclaw" : "openclaw-" + uid);
            // The gateway also refuses /tmp/openclaw when it is a symlink or not the user's; a file found there that
            // this user may read is still the right answer, so existence decides here.
            return fallback == PosixLogDirectory
                ? new List<string> { PosixLogDirectory }
                : new List<string> { PosixLogDirectory, fallback };
        }

        private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }
}
