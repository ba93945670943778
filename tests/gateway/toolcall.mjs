// One gateway call made the way an OpenClaw agent tool makes it: through the installed release's own
// callGateway, with least-privilege scopes, as the local CLI device of OPENCLAW_STATE_DIR. This is the call that
// fails with "pairing required" on 2026.2.19 for devices paired before the upgrade.
// usage: OC_DIR=<release install> GW_URL=ws://... GW_TOKEN=... node toolcall.mjs METHOD [SCOPE...]
//   prints "OK <method>" or "ERR <message>" on stdout. Importing the CLI's chunks also runs its argument
//   parser, which complains on stderr about the method name; that line is noise and stdout is the answer.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { OC_DIR: openclawDir, GW_URL: url, GW_TOKEN: token } = process.env;
const [method, ...scopes] = process.argv.slice(2);
const dist = join(openclawDir, "node_modules", "openclaw", "dist");

// callGateway is bundled into a hashed chunk whose name changes per release; find the chunk that defines it.
async function findCallGateway() {
  for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
    if (!readFileSync(join(dist, file), "utf8").includes("async function callGateway(")) continue;
    const exported = Object.values(await import(pathToFileURL(join(dist, file)).href));
    const fn = exported.find((v) => typeof v === "function" && v.name === "callGateway");
    if (fn) return fn;
  }
  throw new Error("callGateway not found in " + dist);
}

try {
  const callGateway = await findCallGateway();
  await callGateway({ method, params: {}, url, token, scopes: scopes.length ? scopes : undefined, timeoutMs: 10000 });
  console.log("OK " + method);
  process.exitCode = 0;
} catch (error) {
  console.log("ERR " + String(error?.message ?? error).split("\n")[0]);
  process.exitCode = 1;
}
// The client may keep timers alive; the answer is printed, so leave now.
process.exit();
