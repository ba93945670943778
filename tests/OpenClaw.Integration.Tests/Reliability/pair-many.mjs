// Pairs many devices with one gateway from one Node process, for the 200-device reliability tests: one
// device-client.mjs process per device costs a Node start each. Each device gets a fresh Ed25519 key (not kept:
// the tests only need the gateway's records), connects with the shared token asking for SCOPES, and is closed
// as soon as hello-ok arrives. 2026.2.17 approves such local devices silently, which is how legacy pairings came
// to be. A few connects run at once; the gateway serialises its paired.json writes behind one lock.
// usage: node pair-many.mjs URL TOKEN COUNT SCOPES NAME_PREFIX [PARALLEL]
// prints one JSON line: {"paired":N,"failed":[{"name":...,"code":...,"message":...}]}
import { createHash, generateKeyPairSync, sign } from "node:crypto";

const [url, token, countText, scopeList, prefix, parallelText] = process.argv.slice(2);
const count = Number(countText);
const parallel = Number(parallelText ?? 8);
const scopes = scopeList ? scopeList.split(",") : [];
const b64url = (buf) => Buffer.from(buf).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function pairOne(name) {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(12);
  const deviceId = createHash("sha256").update(raw).digest("hex");
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try { ws.close(); } catch {}
      resolve({ name, deviceId, ...result });
    };
    const timer = setTimeout(() => finish({ ok: false, code: "TIMEOUT", message: "no answer within 20 s" }), 20000);
    ws.onerror = (e) => finish({ ok: false, code: "SOCKET", message: String(e.message ?? e.type) });
    ws.onclose = (e) => finish({ ok: false, code: "CLOSED", message: `${e.code} ${e.reason}` });
    ws.onmessage = (event) => {
      const frame = JSON.parse(String(event.data));
      if (frame.type === "event" && frame.event === "connect.challenge") {
        const { nonce } = frame.payload;
        const signedAt = Date.now();
        const payload = ["v2", deviceId, "gateway-client", "backend", "operator", scopes.join(","), signedAt, token, nonce].join("|");
        const signature = b64url(sign(null, Buffer.from(payload, "utf8"), privateKey));
        ws.send(JSON.stringify({
          type: "req", id: "c1", method: "connect",
          params: {
            minProtocol: 3, maxProtocol: 4, caps: [], role: "operator", scopes, auth: { token },
            client: { id: "gateway-client", version: "test", platform: "linux", mode: "backend", displayName: name },
            device: { id: deviceId, publicKey: b64url(raw), signature, signedAt, nonce },
          },
        }));
      } else if (frame.type === "res" && frame.id === "c1") {
        finish(frame.ok ? { ok: true } : { ok: false, code: frame.error?.code, message: frame.error?.message });
      }
    };
  });
}

const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(3, "0")}`);
const results = [];
let next = 0;
async function worker() {
  while (next < names.length) results.push(await pairOne(names[next++]));
}
await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
const failed = results.filter((r) => !r.ok).map(({ name, code, message }) => ({ name, code, message }));
console.log(JSON.stringify({ paired: results.length - failed.length, failed }));
process.exit(failed.length === 0 ? 0 : 1);
