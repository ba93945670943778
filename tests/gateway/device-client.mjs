// A stand-in OpenClaw device for tests: keeps an Ed25519 identity in a file (the CLI's identity/device.json format,
// so it can also act as the CLI device), connects to a gateway with the scopes it is told, and prints one JSON line:
// {"ok":true,"tokenScopes":[...]} or {"ok":false,"code":...,"message":...,"requestId":...}.
// It uses Node 24's built-in WebSocket, so it needs nothing from npm.
// usage: node device-client.mjs IDENTITY_FILE URL TOKEN CLIENT_ID CLIENT_MODE SCOPES [DISPLAY_NAME] [--name NAME]
//                               [--remote] [--keep-token] [--device-token] [--request METHOD PARAMS_JSON]
//   SCOPES is a comma-separated list ("" for none). IDENTITY_FILE "-" connects with no device at all: the
//   gateway stores nothing for such a connect, which makes it a side-effect-free readiness probe.
//   --remote        adds an X-Forwarded-For header from an untrusted address, so the gateway treats the loopback
//                   connect as remote (isLocalDirectRequest is false) and files a request for a new device instead
//                   of pairing it silently (2026.2.19+, 2026.9.6).
//   --keep-token    keeps the device token a successful connect is issued (hello-ok.auth.deviceToken) next to the
//                   identity, in IDENTITY_FILE.token, as a real client caches it.
//   --device-token  authenticates with that kept token instead of the shared TOKEN (and keeps the next one); that
//                   is the connect a narrowed token breaks.
//   --request       after a successful connect, sends one request and prints {"ok":...,"payload":...} for it
//                   instead (token values in the payload are replaced by "<redacted>").
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const [identityFile, url, sharedToken, clientId, clientMode, scopeList, ...rest] = process.argv.slice(2);
const scopes = scopeList ? scopeList.split(",") : [];
const flag = (name) => rest.includes(name);
const displayName = flag("--name") ? rest[rest.indexOf("--name") + 1] : rest[0]?.startsWith("--") ? undefined : rest[0];
const tokenFile = identityFile + ".token";
const b64url = (buf) => Buffer.from(buf).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function loadIdentity() {
  if (!existsSync(identityFile)) {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const raw = publicKey.export({ format: "der", type: "spki" }).subarray(12);
    const identity = {
      version: 1,
      deviceId: createHash("sha256").update(raw).digest("hex"),
      publicKeyPem: publicKey.export({ format: "pem", type: "spki" }),
      privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }),
      createdAtMs: Date.now(),
    };
    mkdirSync(dirname(identityFile), { recursive: true });
    writeFileSync(identityFile, JSON.stringify(identity, null, 2) + "\n", { mode: 0o600 });
  }
  const identity = JSON.parse(readFileSync(identityFile, "utf8"));
  const privateKey = createPrivateKey(identity.privateKeyPem);
  const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(12);
  return { deviceId: createHash("sha256").update(raw).digest("hex"), publicKey: b64url(raw), privateKey };
}

const identity = identityFile === "-" ? { deviceId: null } : loadIdentity();
const token = flag("--device-token") ? readFileSync(tokenFile, "utf8").trim() : sharedToken;
const done = (result) => { console.log(JSON.stringify({ deviceId: identity.deviceId, ...result })); process.exit(result.ok ? 0 : 1); };
setTimeout(() => done({ ok: false, code: "TIMEOUT", message: "no answer within 20 s" }), 20000).unref();

const ws = new WebSocket(url, flag("--remote") ? { headers: { "x-forwarded-for": "203.0.113.7" } } : undefined);
ws.onerror = (e) => done({ ok: false, code: "SOCKET", message: String(e.message ?? e.type) });
ws.onclose = (e) => done({ ok: false, code: "CLOSED", message: `${e.code} ${e.reason}` });
ws.onmessage = (event) => {
  const frame = JSON.parse(String(event.data));
  if (frame.type === "event" && frame.event === "connect.challenge") {
    const { nonce } = frame.payload;
    const client = { id: clientId, version: "test", platform: "linux", mode: clientMode };
    if (displayName) client.displayName = displayName;
    const params = { minProtocol: 3, maxProtocol: 4, client, caps: [], role: "operator", scopes, auth: { token } };
    if (identity.deviceId) {
      const signedAt = Date.now();
      // The v2 payload signs whichever token auth.token carries (the device token when authenticating with it).
      const payload = ["v2", identity.deviceId, clientId, clientMode, "operator", scopes.join(","), signedAt, token, nonce].join("|");
      const signature = b64url(sign(null, Buffer.from(payload, "utf8"), identity.privateKey));
      params.device = { id: identity.deviceId, publicKey: identity.publicKey, signature, signedAt, nonce };
    }
    ws.send(JSON.stringify({ type: "req", id: "c1", method: "connect", params }));
  } else if (frame.type === "res" && frame.id === "c1") {
    if (frame.ok) {
      const issued = frame.payload?.auth?.deviceToken;
      if (issued && identity.deviceId && (flag("--keep-token") || flag("--device-token"))) writeFileSync(tokenFile, issued, { mode: 0o600 });
      if (!flag("--request")) done({ ok: true, tokenScopes: frame.payload?.auth?.scopes ?? null });
      const method = rest[rest.indexOf("--request") + 1];
      ws.send(JSON.stringify({ type: "req", id: "r1", method, params: JSON.parse(rest[rest.indexOf("--request") + 2]) }));
      return;
    }
    done({ ok: false, code: frame.error?.code, message: frame.error?.message, requestId: frame.error?.details?.requestId ?? null });
  } else if (frame.type === "res" && frame.id === "r1") {
    const payload = JSON.parse(JSON.stringify(frame.payload ?? null, (key, value) => (key === "token" ? "<redacted>" : value)));
    done(frame.ok ? { ok: true, payload } : { ok: false, code: frame.error?.code, message: frame.error?.message });
  }
};
