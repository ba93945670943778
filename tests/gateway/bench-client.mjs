// The smallest OpenClaw operator client, shared by the benchmark helpers (bench-pair.mjs, bench-floor.mjs): an
// Ed25519 identity (in memory, or in a file in the CLI's identity/device.json format), the signed v2 connect, and
// requests matched to responses by id over one socket. Node 24's built-in WebSocket, so nothing from npm.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const b64url = (buf) => Buffer.from(buf).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromPrivateKey(privateKey) {
  const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(12);
  return { deviceId: createHash("sha256").update(raw).digest("hex"), publicKey: b64url(raw), privateKey };
}

/** A fresh identity that lives only in memory (a benchmark device that never connects again). */
export function newIdentity() {
  return fromPrivateKey(generateKeyPairSync("ed25519").privateKey);
}

/** The identity in FILE, created in the CLI's device.json format when it does not exist. */
export function fileIdentity(file) {
  if (!existsSync(file)) {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const raw = publicKey.export({ format: "der", type: "spki" }).subarray(12);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({
      version: 1,
      deviceId: createHash("sha256").update(raw).digest("hex"),
      publicKeyPem: publicKey.export({ format: "pem", type: "spki" }),
      privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }),
      createdAtMs: Date.now(),
    }, null, 2) + "\n", { mode: 0o600 });
  }
  return fromPrivateKey(createPrivateKey(JSON.parse(readFileSync(file, "utf8")).privateKeyPem));
}

/**
 * Opens a socket, answers the challenge with a signed connect (protocol 3-4, shared token) and resolves with
 * { hello, request(method, params), close() } once hello-ok arrives; rejects with the gateway's error otherwise.
 */
export function connect(url, token, identity, { clientId = "cli", clientMode = "cli", scopes = [], displayName } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const waiting = new Map();
    let nextId = 0;
    const request = (method, params = {}) => new Promise((done, fail) => {
      const id = "b" + ++nextId;
      waiting.set(id, { done, fail });
      ws.send(JSON.stringify({ type: "req", id, method, params }));
    });
    const close = () => new Promise((done) => {
      if (ws.readyState === WebSocket.CLOSED) return done();
      ws.addEventListener("close", () => done(), { once: true });
      ws.close(1000, "done");
    });
    ws.onerror = (e) => reject(new Error("socket: " + (e.message ?? e.type)));
    ws.onclose = (e) => {
      const error = new Error(`closed ${e.code} ${e.reason}`);
      reject(error);
      for (const { fail } of waiting.values()) fail(error);
    };
    ws.onmessage = (event) => {
      const frame = JSON.parse(String(event.data));
      if (frame.type === "event" && frame.event === "connect.challenge") {
        const { nonce } = frame.payload;
        const client = { id: clientId, version: "bench", platform: "linux", mode: clientMode };
        if (displayName) client.displayName = displayName;
        const signedAt = Date.now();
        const payload = ["v2", identity.deviceId, clientId, clientMode, "operator", scopes.join(","), signedAt, token, nonce].join("|");
        const signature = b64url(sign(null, Buffer.from(payload, "utf8"), identity.privateKey));
        ws.send(JSON.stringify({ type: "req", id: "connect", method: "connect", params: {
          minProtocol: 3, maxProtocol: 4, client, caps: [], role: "operator", scopes, auth: { token },
          device: { id: identity.deviceId, publicKey: identity.publicKey, signature, signedAt, nonce },
        } }));
      } else if (frame.type === "res" && frame.id === "connect") {
        if (frame.ok) resolve({ hello: frame.payload, request, close });
        else reject(Object.assign(new Error(frame.error?.message ?? "connect failed"), { code: frame.error?.code }));
      } else if (frame.type === "res" && waiting.has(frame.id)) {
        const { done, fail } = waiting.get(frame.id);
        waiting.delete(frame.id);
        if (frame.ok) done(frame.payload);
        else fail(Object.assign(new Error(frame.error?.message ?? "request failed"), { code: frame.error?.code }));
      }
    };
  });
}
