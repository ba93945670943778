using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenClaw.Core.Devices;
using OpenClaw.Core.Errors;
using OpenClaw.Core.Requests;
using OpenClaw.Core.Stores.Json;

namespace OpenClaw.Core.Stores
{
    /// <summary>
    /// The offline lifecycle edits on the 2026.9.6 rows, made as that gateway makes them (tests/gateway/MEASURED.md
    /// Q6), with one deliberate difference: approving a request of a device that holds an unrevoked token for the
    /// role widens that token in place instead of re-minting it, so the device's cached token keeps working. Each
    /// edit works on the <see cref="SqlitePairingWorkingSet"/>, so it sees what the edits before it did.
    /// </summary>
    internal sealed class SqlitePairingEdits
    {
        /// <summary>What 9.6 writes to approved_via on every approve by an operator (dist mergeApprovalKind), whatever it was.</summary>
        private const string ApprovedByOwner = "owner";

        /// <summary>The columns an approve copies from the request: 9.6 rebuilds the device's description from it.</summary>
        private static readonly string[] DescriptionColumns =
        {
            "public_key", "display_name", "platform", "device_family", "client_id", "client_mode", "browser_origin", "role", "remote_ip",
        };

        private readonly SqlitePairingWorkingSet _rows;
        private readonly string _path;
        private readonly DateTimeOffset _now;

        public SqlitePairingEdits(SqlitePairingWorkingSet rows, string path, DateTimeOffset now)
        {
            _rows = rows;
            _path = path;
            _now = now;
        }

        private long NowMs => _now.ToUnixTimeMilliseconds();

        public PairingEditOutcome Apply(PairingStoreEdit edit)
        {
            var outcome = new PairingEditOutcome(edit);
            try
            {
                switch (edit.Kind)
                {
                    case PairingEditKind.ApproveRequest: Approve(edit, outcome); break;
                    case PairingEditKind.RejectRequest: Reject(edit, outcome); break;
                    case PairingEditKind.RevokeToken: Revoke(edit, outcome); break;
                    case PairingEditKind.RemoveDevice: Remove(edit, outcome); break;
                    default: Rename(edit, outcome); break;
                }
            }
            catch (OpenClawException e) when (e.ErrorId is RequestErrorIds.RequestNotFound or ErrorIds.DeviceNotFound or ErrorIds.RoleNotFound)
            {
                outcome.Applied = false;
                outcome.Error = e;
            }
            return outcome;
        }

        private void Approve(PairingStoreEdit edit, PairingEditOutcome outcome)
        {
            var requestId = edit.RequestId!;
            var request = Request(requestId);
            var deviceId = (string)request["device_id"]!;
            outcome.DeviceId = deviceId;
            var requestRoles = Strings(Json<JArray>(request, "roles_json", requestId));
            var role = request["role"] as string ?? requestRoles.FirstOrDefault() ?? "operator";
            var requestedScopes = Strings(Json<JArray>(request, "scopes_json", requestId));
            var device = _rows.Paired(deviceId);
            if (device == null)
            {
                device = new Dictionary<string, object?>(StringComparer.Ordinal) { ["created_at_ms"] = NowMs };
                _rows.AddPaired(deviceId, device);
                outcome.DeviceCreated = true;
                outcome.Steps.Add($"paired device {deviceId} from request {requestId}");
            }

            // Roles are the union of the device's roles and role and the request's, in that order (as 9.6 merges them).
            var roles = Json<JArray>(device, "roles_json", deviceId) ?? new JArray();
            var deviceRole = device.TryGetValue("role", out var current) && current is string existingRole ? new[] { existingRole } : Array.Empty<string>();
            var added = AddMissing(roles, deviceRole.Concat(requestRoles).Concat(new[] { role }));
            device["roles_json"] = SqlitePairingRows.Serialize(roles);
            if (added.Count > 0 && !outcome.DeviceCreated) outcome.Steps.Add($"added the {string.Join(", ", added)} role");
            foreach (var column in DescriptionColumns) device[column] = request.TryGetValue(column, out var value) ? value : null;

            // 9.6 approves on top of approved_scopes_json ?? scopes_json and writes the result to both columns.
            var scopes = Json<JArray>(device, "approved_scopes_json", deviceId) ?? Json<JArray>(device, "scopes_json", deviceId) ?? new JArray();
            added = AddMissing(scopes, requestedScopes);
            device["scopes_json"] = device["approved_scopes_json"] = SqlitePairingRows.Serialize(scopes);
            if (added.Count > 0 && !outcome.DeviceCreated) outcome.Steps.Add($"added {string.Join(", ", added)} to the approved scopes");
            device["approved_at_ms"] = NowMs;
            device["approved_via"] = ApprovedByOwner;

            var tokens = Json<JObject>(device, "tokens_json", deviceId) ?? new JObject();
            var token = Token(tokens, role, deviceId);
            if (token != null && !JsonRecords.IsRevoked(token))
            {
                added = AddMissing(SqlitePairingRows.TokenScopes(token), edit.TokenScopes);
                if (added.Count > 0) outcome.Steps.Add($"added {string.Join(", ", added)} to the {role} token (its value is kept)");
            }
            else
            {
                tokens[role] = NewToken(role, edit.TokenScopes, token);
                outcome.TokenMinted = true;
                outcome.Steps.Add(token == null ? $"stored a new {role} token" : $"stored a new {role} token in place of the revoked one");
            }
            device["tokens_json"] = SqlitePairingRows.Serialize(tokens);

            DeleteRequest(outcome, requestId, "deleted request");
            outcome.At = _now;
            outcome.Applied = true;
        }

        private void Reject(PairingStoreEdit edit, PairingEditOutcome outcome)
        {
            var requestId = edit.RequestId!;
            outcome.DeviceId = (string?)Request(requestId)["device_id"];
            DeleteRequest(outcome, requestId, "deleted request");
            outcome.Applied = true;
        }

        /// <summary>As 9.6: revokedAtMs is added to the token and the entry, value included, stays.</summary>
        private void Revoke(PairingStoreEdit edit, PairingEditOutcome outcome)
        {
            var deviceId = edit.DeviceId!;
            var role = edit.Role!;
            outcome.DeviceId = deviceId;
            var device = Device(deviceId);
            var tokens = Json<JObject>(device, "tokens_json", deviceId);
            var token = (tokens == null ? null : Token(tokens, role, deviceId))
                        ?? throw new OpenClawException(ErrorIds.RoleNotFound, OpenClawErrorKind.ObjectNotFound,
                            $"Device '{deviceId}' in '{_path}' has no {role} token to revoke.",
                            new ErrorRemedy(RemedyKind.ListDevices, offline: true), deviceId);
            if (JsonRecords.IsRevoked(token))
            {
                // 9.6 would move revokedAtMs to now; the module leaves an already revoked token exactly as it is.
                outcome.AlreadyRevoked = true;
                outcome.Steps.Add($"the {role} token was already revoked; nothing changed");
                return;
            }
            token["revokedAtMs"] = NowMs;
            device["tokens_json"] = SqlitePairingRows.Serialize(tokens!);
            outcome.Steps.Add($"marked the {role} token revoked (revokedAtMs)");
            outcome.At = _now;
            outcome.Applied = true;
        }

        /// <summary>As 9.6: the device and every request it filed go; 2.19 left the requests behind (facts §3.4).</summary>
        private void Remove(PairingStoreEdit edit, PairingEditOutcome outcome)
        {
            var deviceId = edit.DeviceId!;
            outcome.DeviceId = deviceId;
            Device(deviceId);
            _rows.DeletePaired(deviceId);
            outcome.Steps.Add($"deleted device {deviceId}");
            foreach (var requestId in _rows.PendingIdsOf(deviceId)) DeleteRequest(outcome, requestId, "deleted its request");
            outcome.Applied = true;
        }

        private void Rename(PairingStoreEdit edit, PairingEditOutcome outcome)
        {
            var deviceId = edit.DeviceId!;
            outcome.DeviceId = deviceId;
            var device = Device(deviceId);
            if (string.Equals(device.TryGetValue("operator_label", out var label) ? label as string : null, edit.Label, StringComparison.Ordinal))
            {
                outcome.Steps.Add($"the label already is '{edit.Label}'; nothing changed");
                return;
            }
            device["operator_label"] = edit.Label;
            outcome.Steps.Add($"set the label to '{edit.Label}'");
            outcome.Applied = true;
        }

        private void DeleteRequest(PairingEditOutcome outcome, string requestId, string step)
        {
            _rows.DeletePending(requestId);
            outcome.RemovedRequestIds.Add(requestId);
            outcome.Steps.Add($"{step} {requestId}");
        }

        /// <summary>A request the gateway would not prune (its five minutes count from refreshed_at_ms ?? ts), as the store's Read keeps it.</summary>
        private Dictionary<string, object?> Request(string requestId)
        {
            var request = _rows.Pending(requestId);
            if (request == null || SqlitePairingRows.IsPruned(request["ts"] as long?, request["refreshed_at_ms"] as long?, _now))
            {
                throw new OpenClawException(RequestErrorIds.RequestNotFound, OpenClawErrorKind.ObjectNotFound,
                    $"'{_path}' holds no pairing request '{requestId}' that is still open (it expired after {PendingDeviceRequest.TimeToLive.TotalMinutes:0} minutes, was resolved, or never existed).",
                    new ErrorRemedy(RemedyKind.ListRequests, offline: true), requestId);
            }
            return request;
        }

        private Dictionary<string, object?> Device(string deviceId) =>
            _rows.Paired(deviceId) ?? throw new OpenClawException(ErrorIds.DeviceNotFound, OpenClawErrorKind.ObjectNotFound,
                $"No device '{deviceId}' is paired in '{_path}'.", new ErrorRemedy(RemedyKind.ListDevices, offline: true), deviceId);

        private JObject? Token(JObject tokens, string role, string deviceId) => tokens[role] switch
        {
            null => null,
            JObject token => token,
            _ => throw SqlitePairingRows.BadColumn(_path, "tokens_json", deviceId, $"its {role} entry is not an object"),
        };


        /// <summary>
        /// A token shaped as 9.6 stores one (dist createDeviceAuthToken, in its key order): a value from PairingTokens; a replaced entry keeps its createdAtMs, lastUsedAtMs and issuer and gets rotatedAtMs.
        /// </summary>
        private JObject NewToken(string role, IReadOnlyList<string> scopes, JObject? replaced)
        {
            var token = new JObject
            {
                ["token"] = PairingTokens.NewValue(),
                ["role"] = role,
                ["scopes"] = new JArray(scopes.Distinct(StringComparer.Ordinal).ToArray<object>()),
            };
            if (replaced?["issuer"] is JToken issuer) token["issuer"] = issuer.DeepClone();
            token["createdAtMs"] = replaced?["createdAtMs"]?.DeepClone() ?? NowMs;
            if (replaced != null) token["rotatedAtMs"] = NowMs;
            if (replaced?["lastUsedAtMs"] is JToken lastUsed) token["lastUsedAtMs"] = lastUsed.DeepClone();
            return token;
        }

        private static List<string> AddMissing(JArray array, IEnumerable<string> values)
        {
            var before = array.Count;
            SqlitePairingRows.AddMissing(array, values);
            return array.Skip(before).Select(t => (string)t!).ToList();
        }

        /// <summary>A column's value, checked (a list column holds strings only, tokens_json token objects).</summary>
        private T? Json<T>(Dictionary<string, object?> row, string column, string rowId) where T : JToken =>
            SqlitePairingRows.Json<T>(row.TryGetValue(column, out var text) ? text as string : null, column, _path, rowId);

        private static IReadOnlyList<string> Strings(JArray? array) => array == null ? Array.Empty<string>() : array.Select(t => (string)t!).ToList();
    }
}
