using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OpenClaw.Core.Identity
{
    /// <summary>Which identity the module signs with, and where its files are.</summary>
    public sealed class ActingIdentity
    {
        private ActingIdentity(DeviceIdentity identity, IIdentityStore folder, bool isOpenClawCli)
        {
            Identity = identity;
            Folder = folder;
            IsOpenClawCli = isOpenClawCli;
        }

        public DeviceIdentity Identity { get; }

        /// <summary>
        /// Where the key and its cached tokens live: an identity/ folder, or (2026.8.1+) the state database. A
        /// rotated own token is written back here, so the CLI that shares the identity keeps working.
        /// </summary>
        public IIdentityStore Folder { get; }

        /// <summary>True when this is the local OpenClaw CLI's own identity (in its state folder).</summary>
        public bool IsOpenClawCli { get; }

        public string Description => IsOpenClawCli
            ? $"the OpenClaw CLI identity in '{Folder.Path}'"
            : $"the module's own identity in '{Folder.Path}'";

        /// <summary>
        /// Acts as the local OpenClaw CLI device when its identity exists, because that device is usually already
        /// paired with operator.pairing; otherwise uses (creating on first use) the module's own identity. The CLI's
        /// identity is looked for where the release keeps it:
        /// <list type="number">
        /// <item>state/openclaw.sqlite (2026.8.1+): the device_identities 'primary' row, when device_auth_tokens
        /// caches a token for it. A fresh 2026.9.6 gateway creates that row at start for itself and never pairs
        /// it (its CLI connects with the shared token), so a row without tokens is not a paired CLI device, and
        /// acting as it would pair the gateway's own key. Migrated rows keep their tokens. SQLite rows win over
        /// JSON files, as they do in OpenClaw's own migration.</item>
        /// <item>identity/device.json (2026.2.x-2026.7.x, or not yet migrated).</item>
        /// </list>
        /// </summary>
        public static ActingIdentity Resolve(string stateDirectory, string moduleHome)
        {
            if (TryCliDatabase(stateDirectory) is { } fromDatabase) return fromDatabase;

            var cli = new IdentityFolder(Path.Combine(stateDirectory, "identity"));
            if (cli.TryLoad() is { } cliIdentity) return new ActingIdentity(cliIdentity, cli, isOpenClawCli: true);

            var own = new IdentityFolder(Path.Combine(moduleHome, "identity"));
            var identity = own.LoadOrCreate();
            return new ActingIdentity(identity, own, isOpenClawCli: false);
        }

        private static ActingIdentity? TryCliDatabase(string stateDirectory)
        {
            var database = Stores.SqliteStateDatabase.PathIn(stateDirectory);
            if (!File.Exists(database)) return null;
            var store = new SqliteIdentityStore(database);
            try
            {
                var identity = store.TryLoad();
                return identity != null && store.HasTokens(identity.DeviceId) ? new ActingIdentity(identity, store, isOpenClawCli: true) : null;
            }
            catch (Errors.OpenClawException e) when (e.ErrorId == Errors.ErrorIds.SqliteUnavailable)
            {
                // No native SQLite for this platform: online work still goes on, as the JSON identity or the module's own.
                return null;
            }
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
