// A test device for the pairing-request tests, beyond what tests/gateway/device-client.mjs does:
//  --remote         adds an X-Forwarded-For header from an untrusted address, so the gateway treats the loopback
//                   connect as remote (isLocalDirectRequest is false) and files a request for a new device instead
//                   of pairing it silently (2026.2.19+, 2026.9.6).
//  --device-token   authenticates with the device token this identity was last issued (like a real client that
//                   cached it) instead of the shared token; that is the connect a narrowed token breaks.
// Every successful connect stores hello-ok.auth.deviceToken next to the identity (IDENTITY_FILE.token).
// It prints one JSON line: {"ok":true,"tokenScopes":[...]} or {"ok":false,"code":...,"message":...,"requestId":...}.
// usage: node request-device.mjs IDENTITY_FILE URL TOKEN CLIENT_ID CLIENT_MODE SCOPES [--remote] [--device-token] [--name NAME]
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const [identityFile, url, sharedToken, clientId, clientMode, scopeList, ...flags] = process.argv.slice(2);
const scopes = scopeList ? scopeList.split(",") : [];
const remote = flags.includes("--remote");
const useDeviceToken = flags.includes("--device-token");
const displayName = flags.includes("--name") ? flags[flags.indexOf("--name") + 1] : undefined;
const tokenFile = identityFile + ".token";
const b64url = (buf) => Buffer.from(buf).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

if (!existsSync(identityFile)) {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  mkdirSync(dirname(identityFile), { recursive: true });
  writeFileSync(identityFile, JSON.stringify({
    version: 1,
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }),
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }),
  }) + "\n", { mode: 0o600 });
}
const privateKey = createPrivateKey(JSON.parse(readFileSync(identityFile, "utf8")).privateKeyPem);
const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(12);
const deviceId = createHash("sha256").update(raw).digest("hex");
const token = useDeviceToken ? readFileSync(tokenFile, "utf8").trim() : sharedToken;

const done = (result) => { console.log(JSON.stringify({ deviceId, ...result })); process.exit(result.ok ? 0 : 1); };
setTimeout(() => done({ ok: false, code: "TIMEOUT", message: "no answer within 20 s" }), 20000).unref();

const ws = new WebSocket(url, remote ? { headers: { "x-forwarded-for": "203.0.113.7" } } : undefined);
ws.onerror = (e) => done({ ok: false, code: "SOCKET", message: String(e.message ?? e.type) });
ws.onclose = (e) => done({ ok: false, code: "CLOSED", message: `${e.code} ${e.reason}` });
ws.onmessage = (event) => {
  const frame = JSON.parse(String(event.data));
  if (frame.type === "event" && frame.event === "connect.challenge") {
    const { nonce } = frame.payload;
    const client = { id: clientId, version: "test", platform: "linux", mode: clientMode };
    if (displayName) client.displayName = displayName;
    const signedAt = Date.now();
    // The v2 payload signs whichever token auth.token carries (the device token when authenticating with it).
    const payload = ["v2", deviceId, clientId, clientMode, "operator", scopes.join(","), signedAt, token, nonce].join("|");
    const device = { id: deviceId, publicKey: b64url(raw), signature: b64url(sign(null, Buffer.from(payload, "utf8"), privateKey)), signedAt, nonce };
    const params = { minProtocol: 3, maxProtocol: 4, client, caps: [], role: "operator", scopes, auth: { token }, device };
    ws.send(JSON.stringify({ type: "req", id: "c1", method: "connect", params }));
  } else if (frame.type === "res" && frame.id === "c1") {
    if (frame.ok) {
      if (frame.payload?.auth?.deviceToken) writeFileSync(tokenFile, frame.payload.auth.deviceToken, { mode: 0o600 });
      done({ ok: true, tokenScopes: frame.payload?.auth?.scopes ?? null });
    }
    done({ ok: false, code: frame.error?.code, message: frame.error?.message, requestId: frame.error?.details?.requestId ?? null });
  }
};
