using System;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Errors;

namespace OpenClaw.Core.Configuration
{
    /// <summary>What the user passed explicitly; null means "not given".</summary>
    public sealed class GatewaySettingsRequest
    {
        public string? Url { get; set; }
        public string? Token { get; set; }
        public string? Password { get; set; }
        public string? StateDirectory { get; set; }
    }

    /// <summary>
    /// Resolves the gateway the way the openclaw CLI does: explicit parameters, then the environment variables the
    /// CLI honours, then openclaw.json, then ws://127.0.0.1:18789. One deliberate rule from the CLI is kept: an
    /// explicit URL takes credentials only from explicit parameters, so a local gateway's token is never sent to a
    /// URL the user typed.
    /// </summary>
    public sealed class GatewaySettingsResolver
    {
        public const int DefaultPort = 18789;

        /// <summary>Where an explicitly given URL, token or password came from, in messages ("from the command").</summary>
        public const string ExplicitSource = "the command";

        private readonly Func<string, string?> _env;
        private readonly string _home;

        public GatewaySettingsResolver(Func<string, string?> environment, string homeDirectory)
        {
            _env = environment;
            _home = homeDirectory;
        }

        public static GatewaySettingsResolver ForCurrentProcess() =>
            new GatewaySettingsResolver(Environment.GetEnvironmentVariable,
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

        public GatewaySettings Resolve(GatewaySettingsRequest request)
        {
            var stateDir = ResolveStateDirectory(request.StateDirectory);
            var configPath = NonEmpty(_env("OPENCLAW_CONFIG_PATH")) ?? Path.Combine(stateDir, "openclaw.json");
            // The config is read only when something is still unresolved, so explicit settings work around a
            // broken openclaw.json, as the ConfigInvalid error recommends.
            var config = new Lazy<ConfigView?>(() => File.Exists(configPath) ? new ConfigView(ReadConfig(configPath), configPath) : null);

            string urlText;
            string urlSource;
            var credentialFromRemote = false;
            if (NonEmpty(request.Url) is { } explicitUrl)
            {
                (urlText, urlSource) = (explicitUrl, ExplicitSource);
            }
            else if (NonEmpty(_env("OPENCLAW_GATEWAY_URL")) is { } envUrl)
            {
                (urlText, urlSource) = (envUrl, "OPENCLAW_GATEWAY_URL");
            }
            else if (NonEmpty(_env("OPENCLAW_GATEWAY_PORT")) is { } envPort)
            {
                (urlText, urlSource) = (LoopbackUrl(ParsePort(envPort, "OPENCLAW_GATEWAY_PORT")), "OPENCLAW_GATEWAY_PORT");
            }
            else if (config.Value?.IsRemote == true && config.Value.String("gateway", "remote", "url") is { } remoteUrl)
            {
                (urlText, urlSource) = (remoteUrl, configPath + " (gateway.remote.url)");
                credentialFromRemote = true;
            }
            else if (config.Value?.String("gateway", "port") is { } port)
            {
                (urlText, urlSource) = (LoopbackUrl(ParsePort(port, configPath + " gateway.port")), configPath + " (gateway.port)");
            }
            else
            {
                (urlText, urlSource) = (LoopbackUrl(DefaultPort), "default");
            }

            var url = ParseUrl(urlText, urlSource);
            var credential = ResolveCredential(request, urlSource == ExplicitSource, config, credentialFromRemote ? "remote" : "auth");
            return new GatewaySettings(url, urlSource, credential, stateDir, configPath, config.IsValueCreated ? config.Value != null : File.Exists(configPath));
        }

        private GatewayCredential? ResolveCredential(GatewaySettingsRequest request, bool explicitUrl, Lazy<ConfigView?> config, string section)
        {
            if (NonEmpty(request.Token) is { } token) return new GatewayCredential(GatewayCredentialKind.Token, token, ExplicitSource);
            if (NonEmpty(request.Password) is { } pw) return new GatewayCredential(GatewayCredentialKind.Password, pw, ExplicitSource);
            if (explicitUrl) return null;
            if (NonEmpty(_env("OPENCLAW_GATEWAY_TOKEN")) is { } envToken)
                return new GatewayCredential(GatewayCredentialKind.Token, envToken, "OPENCLAW_GATEWAY_TOKEN");
            if (NonEmpty(_env("OPENCLAW_GATEWAY_PASSWORD")) is { } envPw)
                return new GatewayCredential(GatewayCredentialKind.Password, envPw, "OPENCLAW_GATEWAY_PASSWORD");
            if (config.Value?.String("gateway", section, "token") is { } cfgToken)
                return new GatewayCredential(GatewayCredentialKind.Token, cfgToken, config.Value.Path);
            if (config.Value?.String("gateway", section, "password") is { } cfgPw)
                return new GatewayCredential(GatewayCredentialKind.Password, cfgPw, config.Value.Path);
            return null;
        }

        /// <summary>OPENCLAW_STATE_DIR (or its old name), else ~/.openclaw, else the first legacy folder that exists.</summary>
        public string ResolveStateDirectory(string? explicitDirectory)
        {
            if (NonEmpty(explicitDirectory) is { } dir) return Path.GetFullPath(dir);
            if (NonEmpty(_env("OPENCLAW_STATE_DIR")) is { } env) return Path.GetFullPath(env);
            if (NonEmpty(_env("CLAWDBOT_STATE_DIR")) is { } legacyEnv) return Path.GetFullPath(legacyEnv);
            var preferred = Path.Combine(_home, ".openclaw");
            if (Directory.Exists(preferred)) return preferred;
            foreach (var legacy in new[] { ".clawdbot", ".moldbot", ".moltbot" })
            {
                var candidate = Path.Combine(_home, legacy);
                if (Directory.Exists(candidate)) return candidate;
            }
            return preferred;
        }

        private static JObject ReadConfig(string path)
        {
            try
            {
                // openclaw.json is JSON5-flavoured; Newtonsoft reads comments, unquoted keys and trailing commas.
                // A UTF-8 BOM (upstream #100289, written by Windows PowerShell 5.1) is skipped by the reader.
                var text = File.ReadAllText(path);
                return JObject.Parse(text, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });
            }
            catch (JsonException e)
            {
                throw new OpenClawException(ErrorIds.ConfigInvalid, OpenClawErrorKind.InvalidData,
                    $"The OpenClaw config file '{path}' is not valid JSON: {e.Message}",
                    new ErrorRemedy(RemedyKind.GiveGatewaySettings), path, e);
            }
            catch (IOException e)
            {
                throw new OpenClawException(ErrorIds.ConfigInvalid, OpenClawErrorKind.InvalidData,
                    $"The OpenClaw config file '{path}' cannot be read: {e.Message}", null, path, e);
            }
        }

        /// <summary>Typed reads from openclaw.json: a value of the wrong type is ConfigInvalid naming the file and key.</summary>
        private sealed class ConfigView
        {
            private readonly JObject _root;

            public ConfigView(JObject root, string path)
            {
                _root = root;
                Path = path;
            }

            public string Path { get; }

            public bool IsRemote => string.Equals(String("gateway", "mode"), "remote", StringComparison.OrdinalIgnoreCase);

            public string? String(params string[] keys)
            {
                JToken? token = _root;
                foreach (var key in keys)
                {
                    if (token is not JObject obj) return token == null || token.Type == JTokenType.Null ? null : throw WrongType(keys, token);
                    token = obj[key];
                }
                switch (token)
                {
                    case null:
                        return null;
                    case JValue { Type: JTokenType.Null }:
                        return null;
                    case JValue { Type: JTokenType.String or JTokenType.Integer } value:
                        return NonEmpty(Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture));
                    default:
                        throw WrongType(keys, token);
                }
            }

            private OpenClawException WrongType(string[] keys, JToken token) =>
                new OpenClawException(ErrorIds.ConfigInvalid, OpenClawErrorKind.InvalidData,
                    $"The OpenClaw config file '{Path}' has a {token.Type.ToString().ToLowerInvariant()} where {string.Join(".", keys)} should be a string or number.",
                    new ErrorRemedy(RemedyKind.GiveGatewaySettings), Path);
        }

        private static int ParsePort(string text, string source)
        {
            if (int.TryParse(text.Trim(), out var port) && port > 0 && port < 65536) return port;
            throw new OpenClawException(ErrorIds.InvalidGatewayUrl, OpenClawErrorKind.InvalidArgument,
                $"The gateway port '{text}' from {source} is not a port number (1-65535).", null, text);
        }

        public static Uri ParseUrl(string text, string source)
        {
            if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
                && (uri.Scheme == "ws" || uri.Scheme == "wss") && !string.IsNullOrEmpty(uri.Host))
            {
                if (uri.UserInfo.Length == 0) return uri;
                // The URL is printed in verbose and error text, so a password in it would be too; the gateway
                // never reads one from there anyway. Name the URL without it, never the text as given.
                var withoutUserInfo = uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
                throw new OpenClawException(ErrorIds.InvalidGatewayUrl, OpenClawErrorKind.InvalidArgument,
                    $"The gateway URL from {source} carries a user name or password before its host ({withoutUserInfo}); the gateway does not read credentials from the URL.",
                    new ErrorRemedy(RemedyKind.SecretOutsideUrl), withoutUserInfo);
            }
            throw new OpenClawException(ErrorIds.InvalidGatewayUrl, OpenClawErrorKind.InvalidArgument,
                $"The gateway URL '{text}' from {source} is not a ws:// or wss:// URL.",
                "Pass a URL such as ws://127.0.0.1:18789 or wss://gateway.example:443.", text);
        }

        private static string LoopbackUrl(int port) => "ws://127.0.0.1:" + port;

        private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }
}
