// The wire floor of the 200-device repair: what the same RPCs cost with nothing around them. One connection as
// the local CLI device (asking only operator.pairing, as the module does), one device.pair.list, then one
// device.token.rotate per device that lacks operator.read or operator.write, to the union of its scopes and those
// two (what the module sends on 2026.2.19). Sequential by default (each rotate awaits its answer, as the module's
// do); --pipelined sends every rotate at once and then awaits them all.
// usage: node bench-floor.mjs URL TOKEN IDENTITY_FILE [--pipelined]
//   Prints one JSON line with connectMs, listMs, rotateMs, totalMs (connect to last answer), count and per-rotate
//   median/p95/max in ms.
import { connect, fileIdentity } from "./bench-client.mjs";

const [url, token, identityFile, mode] = process.argv.slice(2);
const missing = ["operator.read", "operator.write"];
const ms = (from, to) => Math.round((to - from) * 100) / 100;
const quantile = (sorted, q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;

try {
  const identity = fileIdentity(identityFile);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const session = await connect(url, token, identity, { scopes: ["operator.pairing"] });
  const t1 = performance.now();
  const { paired } = await session.request("device.pair.list");
  const t2 = performance.now();
  const targets = paired
    .filter((d) => !missing.every((s) => (d.scopes ?? []).includes(s)))
    .map((d) => ({ deviceId: d.deviceId, role: "operator", scopes: [...new Set([...(d.scopes ?? []), ...missing])].sort() }));
  const each = [];
  if (mode === "--pipelined") {
    await Promise.all(targets.map((params) => session.request("device.token.rotate", params)));
  } else {
    for (const params of targets) {
      const start = performance.now();
      await session.request("device.token.rotate", params);
      each.push(performance.now() - start);
    }
  }
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  await session.close();
  each.sort((a, b) => a - b);
  const result = {
    ok: true, mode: mode === "--pipelined" ? "pipelined" : "sequential", count: targets.length, devices: paired.length,
    connectMs: ms(t0, t1), listMs: ms(t1, t2), rotateMs: ms(t2, t3), totalMs: ms(t0, t3),
    cpuMs: ms(0, (cpu.user + cpu.system) / 1000),
  };
  if (each.length) Object.assign(result, { rotateMedianMs: ms(0, quantile(each, 0.5)), rotateP95Ms: ms(0, quantile(each, 0.95)), rotateMaxMs: ms(0, each.at(-1)) });
  console.log(JSON.stringify(result));
} catch (error) {
  console.log(JSON.stringify({ ok: false, code: error.code ?? null, message: String(error.message ?? error) }));
  process.exitCode = 1;
}
