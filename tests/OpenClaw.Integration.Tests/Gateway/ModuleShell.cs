using System;
using System.Collections.Generic;
using System.IO;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Integration.Tests.Gateway
{
    /// <summary>
    /// The built module in the hosted engine, pointed at one local gateway. Scripts get $c, a splat of -Url, -Token
    /// and -StateDirectory, so they read like what a user types. The module's own identity lives in the test's folder.
    /// </summary>
    public sealed class ModuleShell : IDisposable
    {
        private readonly LocalGateway _gateway;
        private readonly PowerShellHost _host;

        public ModuleShell(LocalGateway gateway)
        {
            _gateway = gateway;
            _host = new PowerShellHost(new Dictionary<string, string?>
            {
                ["OPENCLAW_POWERSHELL_HOME"] = Path.Combine(gateway.Root, "powershell-home"),
                ["OPENCLAW_STATE_DIR"] = null,
                ["OPENCLAW_GATEWAY_URL"] = null,
                ["OPENCLAW_GATEWAY_TOKEN"] = null,
            });
        }

        public PowerShellResult Run(string script) =>
            _host.Invoke("param($c) " + script, new Dictionary<string, object?>
            {
                ["c"] = new System.Collections.Hashtable
                {
                    ["Url"] = _gateway.Url,
                    ["Token"] = _gateway.Token,
                    ["StateDirectory"] = _gateway.StateDirectory,
                },
            });

        public void Dispose() => _host.Dispose();
    }
}
