using System;
using System.Collections.Generic;

namespace OpenClaw.Core.Identity
{
    /// <summary>
    /// Where a device identity and the tokens the gateway issued to it are kept. OpenClaw moved the CLI's from JSON
    /// files (identity/device.json + device-auth.json, up to 2026.7.x) into the state database (device_identities +
    /// device_auth_tokens, 2026.8.1+; migration deletes the JSON files), so the module reads and writes both:
    /// <see cref="IdentityFolder"/> and <see cref="SqliteIdentityStore"/>.
    /// </summary>
    public interface IIdentityStore
    {
        /// <summary>What to show users: the identity folder, or the database file.</summary>
        string Path { get; }

        /// <summary>The file that holds the key pair (device.json, or openclaw.sqlite).</summary>
        string DeviceFile { get; }

        /// <summary>The file that holds the cached device tokens (device-auth.json, or openclaw.sqlite).</summary>
        string DeviceAuthFile { get; }

        /// <summary>The key pair; null when there is none. A stored key that cannot be used is an error, never replaced.</summary>
        DeviceIdentity? TryLoad();

        /// <summary>The cached device token for a role, or null when there is none for this device.</summary>
        CachedDeviceToken? ReadToken(string deviceId, string role);

        /// <summary>Stores a token the gateway just issued to this device, where the CLI that shares it looks for it.</summary>
        void WriteToken(string deviceId, string role, string token, IEnumerable<string> scopes, DateTimeOffset now);
    }
}
