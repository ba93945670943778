using System.Text.Json.Nodes;

namespace OpenClaw.PowerShell.Tests.FakeGateway
{
    /// <summary>Which release's device.token.rotate the store imitates (facts §3.2).</summary>
    public enum RotateSemantics
    {
        /// <summary>2026.2.19: the sent scopes REPLACE the device's scopes and the token's.</summary>
        ReplacesDeviceScopes,

        /// <summary>2026.2.21: only the token changes, and only within the approved baseline (admin implies read/write/approvals/pairing, write implies read).</summary>
        WithinBaseline,
    }

    /// <summary>
    /// The gateway's paired and pending stores, mutable by tests and by the device RPCs, with the semantics observed
    /// on 2026.2.19 (facts §3). Thread-safe: the server's connection threads and the test thread share it.
    /// </summary>
    public sealed partial class FakePairingStore
    {
        private readonly object _gate = new();
        private readonly List<FakeDevice> _paired = new();
        private readonly List<FakePendingRequest> _pending = new();
        private readonly List<string> _issuedTokens = new();

        public RotateSemantics Rotate { get; set; } = RotateSemantics.ReplacesDeviceScopes;

        /// <summary>Every token value the store handed out (rotate answers): none may ever reach a PowerShell stream.</summary>
        public IReadOnlyList<string> IssuedTokens { get { lock (_gate) return _issuedTokens.ToList(); } }

        /// <summary>Issued tokens plus the values seeded into paired records.</summary>
        public IReadOnlyList<string> TokenValues
        {
            get { lock (_gate) return _issuedTokens.Concat(_paired.SelectMany(d => d.Tokens.Values.Select(t => t.Token))).Where(t => t.Length > 0).Distinct().ToList(); }
        }

        public FakeDevice Add(FakeDevice device)
        {
            lock (_gate) _paired.Add(device);
            return device;
        }

        public FakePendingRequest Add(FakePendingRequest request)
        {
            lock (_gate) _pending.Add(request);
            return request;
        }

        /// <summary>Seeds from state files in OpenClaw's own layout (paired.json, pending.json: objects keyed by id).</summary>
        public void LoadStateFiles(string? pairedFixture, string? pendingFixture = null)
        {
            if (pairedFixture != null)
                foreach (var (_, node) in FixtureFiles.ReadObject(pairedFixture))
                    if (node is JsonObject record) Add(FakeDevice.FromStateJson(record));
            if (pendingFixture != null)
                foreach (var (_, node) in FixtureFiles.ReadObject(pendingFixture))
                    if (node is JsonObject record) Add(FakePendingRequest.FromStateJson(record));
        }

        public FakeDevice? Device(string deviceId)
        {
            lock (_gate) return _paired.FirstOrDefault(d => d.DeviceId == deviceId);
        }

        /// <summary>A copy of a device's current scopes, for assertions.</summary>
        public List<string> ScopesOf(string deviceId)
        {
            lock (_gate) return new List<string>(Device(deviceId)?.Scopes ?? new List<string>());
        }

        public List<FakeDevice> Paired
        {
            get { lock (_gate) return _paired.ToList(); }
        }

        public List<FakePendingRequest> Pending
        {
            get { lock (_gate) return _pending.ToList(); }
        }

        /// <summary>device.pair.list: pending by ts descending, paired by approvedAtMs descending, tokens summarised.</summary>
        public FakeReply List()
        {
            lock (_gate)
            {
                return FakeReply.Ok(new JsonObject
                {
                    ["pending"] = new JsonArray(_pending.OrderByDescending(p => p.Ts).Select(p => (JsonNode)p.ToJson()).ToArray()),
                    ["paired"] = new JsonArray(_paired.OrderByDescending(d => d.ApprovedAtMs).Select(d => (JsonNode)d.ToListJson()).ToArray()),
                });
            }
        }

        /// <summary>device.token.rotate {deviceId, role, scopes?}: returns the new token in plaintext, as 2.x does.</summary>
        public FakeReply RotateToken(JsonObject parameters)
        {
            if (parameters.Any(p => p.Key != "deviceId" && p.Key != "role" && p.Key != "scopes"))
                return FakeReply.Fail($"invalid device.token.rotate params: at root: unexpected property '{parameters.First(p => p.Key is not ("deviceId" or "role" or "scopes")).Key}'");
            var deviceId = FakeJson.String(parameters, "deviceId");
            var role = FakeJson.String(parameters, "role");
            var requested = parameters["scopes"] is JsonArray ? Scopes.Sorted(FakeJson.Strings(parameters["scopes"])) : null;
            lock (_gate)
            {
                var device = _paired.FirstOrDefault(d => d.DeviceId == deviceId);
                if (device == null || role == null) return FakeReply.Fail("unknown deviceId/role");
                device.Tokens.TryGetValue(role, out var token);
                var now = FakeJson.Now();
                if (Rotate == RotateSemantics.WithinBaseline && requested != null && !requested.All(Implied(device.Scopes).Contains))
                    return FakeReply.Fail("unknown deviceId/role");
                var scopes = requested ?? token?.Scopes ?? new List<string>(device.Scopes);
                if (Rotate == RotateSemantics.ReplacesDeviceScopes && requested != null) device.Scopes = new List<string>(requested);
                token ??= device.Tokens[role] = new FakeToken { Role = role, CreatedAtMs = now };
                token.Token = "rotated-secret-" + Guid.NewGuid().ToString("N");
                token.Scopes = new List<string>(scopes);
                token.RotatedAtMs = now;
                _issuedTokens.Add(token.Token);
                return FakeReply.Ok(new JsonObject
                {
                    ["deviceId"] = device.DeviceId,
                    ["role"] = role,
                    ["token"] = token.Token,
                    ["scopes"] = FakeJson.Array(token.Scopes),
                    ["rotatedAtMs"] = now,
                });
            }
        }

        /// <summary>device.pair.approve {requestId}: merges the request's scopes into the device and re-mints the token with only them (facts §3.3).</summary>
        public FakeReply Approve(JsonObject parameters)
        {
            var requestId = FakeJson.String(parameters, "requestId");
            lock (_gate)
            {
                var request = _pending.FirstOrDefault(p => p.RequestId == requestId);
                if (request == null) return FakeReply.Fail("unknown requestId");
                _pending.Remove(request);
                var now = FakeJson.Now();
                var device = _paired.FirstOrDefault(d => d.DeviceId == request.DeviceId);
                if (device == null)
                {
                    device = new FakeDevice { DeviceId = request.DeviceId, PublicKey = request.PublicKey, ClientId = request.ClientId, ClientMode = request.ClientMode, CreatedAtMs = now };
                    _paired.Add(device);
                }
                device.Scopes = Scopes.Sorted(device.Scopes.Concat(request.Scopes));
                device.ApprovedAtMs = now;
                var token = device.Tokens.TryGetValue(request.Role, out var existing) ? existing : device.Tokens[request.Role] = new FakeToken { Role = request.Role, CreatedAtMs = now };
                token.Token = "approved-secret-" + Guid.NewGuid().ToString("N");
                token.Scopes = new List<string>(request.Scopes);
                token.RotatedAtMs = now;
                _issuedTokens.Add(token.Token);
                return FakeReply.Ok(new JsonObject { ["requestId"] = request.RequestId, ["device"] = device.ToListJson() })
                    .WithEvent("device.pair.resolved", Resolved(request, "approved", now));
            }
        }

        /// <summary>device.pair.reject {requestId}.</summary>
        public FakeReply Reject(JsonObject parameters)
        {
            var requestId = FakeJson.String(parameters, "requestId");
            lock (_gate)
            {
                var request = _pending.FirstOrDefault(p => p.RequestId == requestId);
                if (request == null) return FakeReply.Fail("unknown requestId");
                _pending.Remove(request);
                return FakeReply.Ok(new JsonObject { ["requestId"] = request.RequestId, ["deviceId"] = request.DeviceId })
                    .WithEvent("device.pair.resolved", Resolved(request, "rejected", FakeJson.Now()));
            }
        }

        private static JsonObject Resolved(FakePendingRequest request, string decision, long now) => new()
        {
            ["requestId"] = request.RequestId,
            ["deviceId"] = request.DeviceId,
            ["decision"] = decision,
            ["ts"] = now,
        };

        /// <summary>2.21's rotate baseline: admin implies read, write, approvals and pairing; write implies read.</summary>
        private static HashSet<string> Implied(IEnumerable<string> scopes)
        {
            var set = new HashSet<string>(scopes);
            if (set.Contains(Scopes.Admin)) set.UnionWith(new[] { Scopes.Read, Scopes.Write, Scopes.Approvals, Scopes.Pairing });
            if (set.Contains(Scopes.Write)) set.Add(Scopes.Read);
            return set;
        }
    }
}
