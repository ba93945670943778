using System;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Scopes;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// What an offline command reads from the state folder's own openclaw.json: the release that last wrote it
    /// (meta.lastTouchedVersion, facts §1.5), and the port and shared credential its gateway listens with. The
    /// file is optional (a gateway started with --allow-unconfigured has none), and an unreadable one only costs
    /// these hints: it never stops an offline read, whose subject is the pairing store.
    /// </summary>
    public sealed class StateConfig
    {
        // 2026.2.x resolves the config in the state folder by these names, newest first (facts §1).
        private static readonly string[] FileNames = { "openclaw.json", "clawdbot.json", "moldbot.json", "moltbot.json" };

        private StateConfig(string? path, JObject? root, string? problem)
        {
            Path = path;
            Problem = problem;
            LastTouchedVersion = (string?)Find(root, "meta", "lastTouchedVersion");
            var port = Find(root, "gateway", "port");
            Port = port != null && int.TryParse(port.ToString(), out var p) && p > 0 && p < 65536 ? p : (int?)null;
            Token = Find(root, "gateway", "auth", "token") is JValue { Type: JTokenType.String } token ? (string?)token : null;
            Password = Find(root, "gateway", "auth", "password") is JValue { Type: JTokenType.String } pw ? (string?)pw : null;
        }

        /// <summary>The config file found, or null.</summary>
        public string? Path { get; }

        /// <summary>Why an existing file could not be read, or null.</summary>
        public string? Problem { get; }

        public string? LastTouchedVersion { get; }

        public int? Port { get; }

        /// <summary>gateway.auth.token, used only to ask the local gateway which state folder it serves.</summary>
        internal string? Token { get; }

        internal string? Password { get; }

        public static StateConfig Read(string stateDirectory)
        {
            var path = FileNames.Select(n => System.IO.Path.Combine(stateDirectory, n)).FirstOrDefault(File.Exists);
            if (path == null) return new StateConfig(null, null, null);
            try
            {
                // JSON5-flavoured, like the online resolver reads it: comments and trailing commas are allowed.
                return new StateConfig(path, JObject.Parse(File.ReadAllText(path), new JsonLoadSettings { CommentHandling = CommentHandling.Ignore }), null);
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
            {
                return new StateConfig(path, null, e.Message);
            }
        }

        /// <summary>The release meta.lastTouchedVersion names, when it names one.</summary>
        public GatewayRelease? Release() =>
            ReleaseVersion.TryParse(LastTouchedVersion, out var version)
                ? GatewayRelease.FromVersion(version, $"{Path} says it was last written by OpenClaw {version} (meta.lastTouchedVersion)")
                : null;

        private static JToken? Find(JObject? root, params string[] keys)
        {
            JToken? token = root;
            foreach (var key in keys) token = token is JObject obj ? obj[key] : null;
            return token;
        }
    }
}
