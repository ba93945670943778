// Pairs many devices with a local gateway in one process, for the benchmarks: the local CLI's own device (its
// identity written to CLI_IDENTITY_FILE, paired with CLI_SCOPES) and COUNT backend devices "bench-001"... paired
// with SCOPES. A local device that connects with the shared token is paired silently (facts §5), so each device
// connects once. Sequential on purpose: every pairing rewrites paired.json.
// usage: node bench-pair.mjs URL TOKEN COUNT CLI_IDENTITY_FILE SCOPES CLI_SCOPES
//   SCOPES and CLI_SCOPES are comma-separated. Prints one JSON line: {"ok":true,"paired":N,"cliDeviceId":...,"ms":...}.
import { connect, fileIdentity, newIdentity } from "./bench-client.mjs";

const [url, token, countText, cliIdentityFile, scopeList, cliScopeList] = process.argv.slice(2);
const count = Number(countText);
const started = performance.now();
try {
  const cli = fileIdentity(cliIdentityFile);
  const own = await connect(url, token, cli, { scopes: cliScopeList.split(",") });
  await own.close();
  for (let i = 1; i <= count; i++) {
    const name = "bench-" + String(i).padStart(3, "0");
    const device = await connect(url, token, newIdentity(), {
      clientId: "gateway-client", clientMode: "backend", scopes: scopeList.split(","), displayName: name,
    });
    await device.close();
  }
  console.log(JSON.stringify({ ok: true, paired: count, cliDeviceId: cli.deviceId, ms: Math.round(performance.now() - started) }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, code: error.code ?? null, message: String(error.message ?? error) }));
  process.exitCode = 1;
}
