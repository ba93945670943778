using System;

namespace OpenClaw.Core.Configuration
{
    /// <summary>Where and how to reach a gateway, after resolving parameters, environment and openclaw.json.</summary>
    public sealed class GatewaySettings
    {
        public GatewaySettings(Uri url, string urlSource, GatewayCredential? credential, string stateDirectory,
            string configPath, bool configExists)
        {
            Url = url;
            UrlSource = urlSource;
            Credential = credential;
            StateDirectory = stateDirectory;
            ConfigPath = configPath;
            ConfigExists = configExists;
        }

        public Uri Url { get; }

        public string UrlSource { get; }

        public GatewayCredential? Credential { get; }

        /// <summary>The OpenClaw state folder whose CLI identity the module may act as.</summary>
        public string StateDirectory { get; }

        public string ConfigPath { get; }

        public bool ConfigExists { get; }
    }
}
