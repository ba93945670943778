using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Identity
{
    /// <summary>Which identity the module signs with, and where its files are.</summary>
    public sealed class ActingIdentity
    {
        private ActingIdentity(DeviceIdentity identity, IdentityFolder folder, bool isOpenClawCli)
        {
            Identity = identity;
            Folder = folder;
            IsOpenClawCli = isOpenClawCli;
        }

        public DeviceIdentity Identity { get; }

        public IdentityFolder Folder { get; }

        /// <summary>True when this is the local OpenClaw CLI's own identity (its state folder's identity/).</summary>
        public bool IsOpenClawCli { get; }

        public string Description => IsOpenClawCli
            ? $"the OpenClaw CLI identity in '{Folder.Path}'"
            : $"the module's own identity in '{Folder.Path}'";

        /// <summary>
        /// Acts as the local OpenClaw CLI device when its identity exists, because that device is usually already
        /// paired with operator.pairing; otherwise uses (creating on first use) the module's own identity.
        /// </summary>
        public static ActingIdentity Resolve(string stateDirectory, string moduleHome)
        {
            var cli = new IdentityFolder(Path.Combine(stateDirectory, "identity"));
            if (cli.TryLoad() is { } cliIdentity) return new ActingIdentity(cliIdentity, cli, isOpenClawCli: true);

            var own = new IdentityFolder(Path.Combine(moduleHome, "identity"));
            var identity = own.TryLoad() ?? own.Create();
            return new ActingIdentity(identity, own, isOpenClawCli: false);
        }

        /// <summary>
        /// The per-user folder for the module's own identity. OPENCLAW_POWERSHELL_HOME overrides it (tests and
        /// service accounts); otherwise %LOCALAPPDATA%\OpenClaw.PowerShell or $XDG_DATA_HOME/openclaw-powershell.
        /// </summary>
        public static string DefaultModuleHome(Func<string, string?> environment)
        {
            if (environment("OPENCLAW_POWERSHELL_HOME") is { Length: > 0 } overridden) return Path.GetFullPath(overridden);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "OpenClaw.PowerShell");
            }
            var dataHome = environment("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(dataHome))
            {
                dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }
            return Path.Combine(dataHome!, "openclaw-powershell");
        }
    }
}
