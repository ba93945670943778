using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace OpenClaw.Core.Devices
{
    /// <summary>
    /// The one way a paired device is built, whatever it was read from: a record of device.pair.list or paired.json
    /// (every member read by <see cref="Read"/>), or a row of the SQLite store (its text columns set directly, its
    /// JSON columns read by <see cref="ReadChecked"/> from their text). So the online list, the JSON store and the
    /// SQLite store give identical devices, and a store the gateway wrote needs no JObject in between. The names are the record's.
    /// </summary>
    internal sealed class PairedDeviceFields
    {
        private static readonly Action<PairedDeviceFields, string, JsonReader> ReadMember = (fields, name, reader) => fields.Read(name, reader);
        private static readonly Action<TokenFields, string, JsonReader> ReadTokenMember = (token, name, reader) => token.Read(name, reader);

        /// <param name="strings">Where the values that repeat from device to device are kept once (see <see cref="RepeatedStrings"/>).</param>
        public PairedDeviceFields(RepeatedStrings strings)
        {
            Strings = strings;
        }

        private RepeatedStrings Strings { get; }

        /// <summary>
        /// Whether values must follow a state file's record rules (JsonRecords): strings, numbers or lists of
        /// strings where the rules say so, null for absent, tokens as an object keyed by role. A strict read that
        /// meets anything else stops with <see cref="NotPlainRecordException"/>; the online list is read leniently.
        /// </summary>
        private bool _strict;

        public string? DeviceId { get; set; }
        public string? PublicKey { get; set; }
        public string? DisplayName { get; set; }
        public string? OperatorLabel { get; set; }

        // Platform, client id and mode, and role repeat from device to device: kept once, whatever the source.
        private string? _platform, _clientId, _clientMode, _role;

        public string? Platform { get => _platform; set => _platform = Strings.Share(value); }
        public string? ClientId { get => _clientId; set => _clientId = Strings.Share(value); }
        public string? ClientMode { get => _clientMode; set => _clientMode = Strings.Share(value); }
        public string? Role { get => _role; set => _role = Strings.Share(value); }
        public string? RemoteIp { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? ApprovedAt { get; set; }
        public DateTimeOffset? LastSeenAt { get; set; }
        private IReadOnlyList<string>? Roles { get; set; }
        private IReadOnlyList<string>? Scopes { get; set; }
        private IReadOnlyList<string>? ApprovedScopes { get; set; }
        private IReadOnlyList<DeviceTokenInfo>? Tokens { get; set; }

        /// <summary>The device of a record: the object <paramref name="reader"/> gives first (a JObject's, a paired.json text's).</summary>
        /// <param name="strict">Read by the record rules (see <see cref="_strict"/>).</param>
        public static PairedDevice Build(JsonReader reader, RepeatedStrings strings, bool strict = false)
        {
            var fields = new PairedDeviceFields(strings) { _strict = strict };
            DeviceJsonValues.Next(reader);
            if (reader.TokenType != JsonToken.StartObject)
            {
                if (strict) throw new NotPlainRecordException();
                throw new JsonReaderException($"A device record is {DeviceJsonValues.Kind(reader.TokenType)}, not an object.");
            }
            DeviceJsonValues.Members(reader, fields, ReadMember);
            return fields.Build();
        }

        /// <summary><see cref="Read"/> by the record rules: a SQLite JSON column read straight from its text.</summary>
        public void ReadChecked(string name, JsonReader reader)
        {
            var was = _strict;
            _strict = true;
            try
            {
                Read(name, reader);
            }
            finally
            {
                _strict = was;
            }
        }

        /// <summary>Reads one member's value (the reader is on it, and is left on its last token); unknown members are passed over.</summary>
        public void Read(string name, JsonReader reader)
        {
            switch (name)
            {
                case "deviceId": DeviceId = DeviceJsonValues.Text(reader, _strict); break;
                case "publicKey": PublicKey = DeviceJsonValues.Text(reader, _strict); break;
                case "displayName": DisplayName = DeviceJsonValues.Text(reader, _strict); break;
                case "operatorLabel": OperatorLabel = DeviceJsonValues.Text(reader, _strict); break;
                case "platform": Platform = DeviceJsonValues.Text(reader, _strict); break;
                case "clientId": ClientId = DeviceJsonValues.Text(reader, _strict); break;
                case "clientMode": ClientMode = DeviceJsonValues.Text(reader, _strict); break;
                case "role": Role = DeviceJsonValues.Text(reader, _strict); break;
                case "remoteIp": RemoteIp = DeviceJsonValues.Text(reader, _strict); break;
                case "roles": Roles = DeviceJsonValues.Strings(reader, Strings, _strict); break;
                case "scopes": Scopes = DeviceJsonValues.Strings(reader, Strings, _strict); break;
                // Null when absent or not a list: 2026.2.21+ only, and stripped from RPC answers.
                case "approvedScopes": ApprovedScopes = DeviceJsonValues.Strings(reader, Strings, _strict); break;
                case "tokens": Tokens = ReadTokens(reader); break;
                case "createdAtMs": CreatedAt = DeviceJsonValues.Time(reader, _strict); break;
                case "approvedAtMs": ApprovedAt = DeviceJsonValues.Time(reader, _strict); break;
                case "lastSeenAtMs": LastSeenAt = DeviceJsonValues.Time(reader, _strict); break;
                default: DeviceJsonValues.Skip(reader); break;
            }
        }

        public PairedDevice Build() => new PairedDevice
        {
            DeviceId = DeviceId ?? "",
            PublicKey = PublicKey,
            DisplayName = OperatorLabel ?? DisplayName,
            Label = OperatorLabel,
            Platform = Platform,
            ClientId = ClientId,
            ClientMode = ClientMode,
            Role = Role,
            Roles = Roles ?? Array.Empty<string>(),
            Scopes = Scopes ?? Array.Empty<string>(),
            ApprovedScopes = ApprovedScopes,
            Tokens = Tokens ?? Array.Empty<DeviceTokenInfo>(),
            RemoteIp = RemoteIp,
            CreatedAt = CreatedAt,
            ApprovedAt = ApprovedAt,
            LastSeenAt = LastSeenAt,
        };

        /// <summary>The list answer has an array of summaries; a state file has an object keyed by role.</summary>
        private IReadOnlyList<DeviceTokenInfo>? ReadTokens(JsonReader reader)
        {
            // Exactly sized (most devices hold one token): a device keeps these for as long as the listing does.
            var tokens = new List<DeviceTokenInfo>(1);
            // A state file keys its tokens by role; JSON.parse keeps the last of a duplicated role, at the first
            // one's place, which only the exact path (a parsed tree) reproduces.
            var roles = _strict ? new List<string>(1) : null;
            if (_strict) DeviceJsonValues.Require(reader.TokenType == JsonToken.StartObject || reader.TokenType == JsonToken.Null);
            switch (reader.TokenType)
            {
                case JsonToken.StartArray:
                    while (true)
                    {
                        DeviceJsonValues.Next(reader);
                        if (reader.TokenType == JsonToken.EndArray) return tokens.ToArray();
                        if (reader.TokenType == JsonToken.StartObject) tokens.Add(ReadToken(reader, null));
                        else DeviceJsonValues.Skip(reader);
                    }
                case JsonToken.StartObject:
                    while (true)
                    {
                        DeviceJsonValues.Next(reader);
                        if (reader.TokenType == JsonToken.EndObject) return tokens.ToArray();
                        var role = (string)reader.Value!;
                        if (roles != null)
                        {
                            DeviceJsonValues.Require(!roles.Contains(role));
                            roles.Add(role);
                        }
                        DeviceJsonValues.Next(reader);
                        if (_strict) DeviceJsonValues.Require(reader.TokenType == JsonToken.StartObject);
                        if (reader.TokenType == JsonToken.StartObject) tokens.Add(ReadToken(reader, role));
                        else DeviceJsonValues.Skip(reader);
                    }
                default:
                    DeviceJsonValues.Skip(reader);
                    return null;
            }
        }

        private DeviceTokenInfo ReadToken(JsonReader reader, string? roleKey)
        {
            var token = new TokenFields(this, roleKey);
            DeviceJsonValues.Members(reader, token, ReadTokenMember);
            return token.Build();
        }

        /// <summary>One token summary's fields; its value ("token") is passed over, never kept.</summary>
        private sealed class TokenFields
        {
            private readonly PairedDeviceFields _device;
            private readonly string? _roleKey;
            private string? _role;
            private IReadOnlyList<string>? _scopes;
            private DateTimeOffset? _createdAt, _rotatedAt, _revokedAt, _lastUsedAt;

            public TokenFields(PairedDeviceFields device, string? roleKey)
            {
                _device = device;
                _roleKey = roleKey;
            }

            private bool Strict => _device._strict;

            public void Read(string name, JsonReader reader)
            {
                switch (name)
                {
                    case "role": _role = _device.Strings.Share(DeviceJsonValues.Text(reader, Strict)); break;
                    case "scopes": _scopes = DeviceJsonValues.Strings(reader, _device.Strings, Strict); break;
                    case "createdAtMs": _createdAt = DeviceJsonValues.Time(reader, Strict); break;
                    case "rotatedAtMs": _rotatedAt = DeviceJsonValues.Time(reader, Strict); break;
                    case "revokedAtMs": _revokedAt = DeviceJsonValues.RevokedTime(reader, Strict); break;
                    case "lastUsedAtMs": _lastUsedAt = DeviceJsonValues.Time(reader, Strict); break;
                    // The value itself is never kept; the rules still want a string.
                    case "token": DeviceJsonValues.Text(reader, Strict); break;
                    default: DeviceJsonValues.Skip(reader); break;
                }
            }

            public DeviceTokenInfo Build() => new DeviceTokenInfo
            {
                Role = _role ?? _roleKey ?? "",
                Scopes = _scopes ?? Array.Empty<string>(),
                CreatedAt = _createdAt,
                RotatedAt = _rotatedAt,
                RevokedAt = _revokedAt,
                LastUsedAt = _lastUsedAt,
            };
        }
    }
}
