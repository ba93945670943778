// What the gateway reads from a pairing store, for the differential fuzz test of the module's JSON store reader
// (tests/OpenClaw.Core.Tests/Stores/Fuzz). One long-lived process: one JSON request per stdin line, one JSON answer
// per stdout line, in order. Files are decoded as the gateway decodes them (Buffer.toString("utf8")) and parsed
// with the gateway's own JSON.parse; the record rules below are the module's documented ones (JsonRecords.cs),
// written again here so that the reader under test does not judge itself.
//   {"op":"read","kind":"paired"|"pending"|"roles_json"|"scopes_json"|"approved_scopes_json"|"tokens_json","b64":...,"now":ms}
//     -> {"ok":true,"model":...,"canonical":b64} | {"ok":false,"why":"utf8"|"syntax"|"depth"|"root"|"shape","where":...}
//     (every string of model and where as the hex of its UTF-16 code units, see units())
//   {"op":"stringify","b64":...,"indent":2|0}  -> {"ok":true,"canonical":b64} (JSON.stringify(JSON.parse(text), null, indent))
//   {"op":"diff","before":b64,"after":b64,"device":id,"role":role,"scopes":[...],"revokedTokensToo":bool}  -> {"violations":[...]}
//     (device, role and scopes as the hex of their UTF-16 code units, as the answers' strings are)
import { createInterface } from "node:readline";

const MAX_DEPTH = 128; // the module's limit (StateJson.MaxDepth); JSON.parse itself has none
const PENDING_TTL_MS = 300 * 1e3;
const PAIRED_STRINGS = ["deviceId", "publicKey", "displayName", "operatorLabel", "platform", "clientId", "clientMode", "role", "remoteIp"];
const PAIRED_LISTS = ["roles", "scopes", "approvedScopes"];
const PAIRED_NUMBERS = ["createdAtMs", "approvedAtMs", "lastSeenAtMs"];
const TOKEN_NUMBERS = ["createdAtMs", "rotatedAtMs", "revokedAtMs", "lastUsedAtMs"];
const PENDING_STRINGS = ["requestId", "deviceId", "publicKey", "displayName", "platform", "clientId", "clientMode", "role", "remoteIp"];
const PENDING_LISTS = ["roles", "scopes"];

class Refused extends Error {
  constructor(why, where) {
    super(why);
    this.why = why;
    this.where = where;
  }
}

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const absent = (v) => v === undefined || v === null;
const strings = (v) => (Array.isArray(v) ? v : []);

// How deeply the text nests containers, discarded duplicates included: the module's limit is on the text.
function depth(text) {
  let max = 0;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{" || c === "[") max = Math.max(max, ++open);
    else if (c === "}" || c === "]") open--;
  }
  return max;
}

function expect(record, name, type, where) {
  const v = record[name];
  if (absent(v) || typeof v === type) return;
  throw new Refused("shape", { record: where, field: name });
}

function expectList(value, where, field) {
  if (absent(value) || (Array.isArray(value) && value.every((s) => typeof s === "string"))) return;
  throw new Refused("shape", { record: where, field });
}

function checkTokens(tokens, where) {
  if (absent(tokens)) return;
  if (!isObject(tokens)) throw new Refused("shape", { record: where, field: "tokens" });
  for (const [role, token] of Object.entries(tokens)) {
    if (!isObject(token)) throw new Refused("shape", { record: where, token: role });
    expect(token, "token", "string", where);
    expect(token, "role", "string", where);
    for (const name of TOKEN_NUMBERS) expect(token, name, "number", where);
    expectList(token.scopes, where, "scopes");
  }
}

// What the device list shows of a token: its role (the entry's key where it names none), scopes and whether the
// gateway's `if (entry.revokedAtMs)` counts it revoked.
const tokenModel = (tokens) =>
  Object.entries(isObject(tokens) ? tokens : {}).map(([key, t]) => ({
    role: typeof t.role === "string" ? t.role : key,
    scopes: strings(t.scopes),
    revoked: Boolean(t.revokedAtMs),
  }));

function pairedModel(root) {
  const devices = [];
  for (const [key, record] of Object.entries(root)) {
    if (!isObject(record)) throw new Refused("shape", { record: key });
    for (const name of PAIRED_STRINGS) expect(record, name, "string", key);
    for (const name of PAIRED_NUMBERS) expect(record, name, "number", key);
    for (const name of PAIRED_LISTS) expectList(record[name], key, name);
    if (typeof record.deviceId === "string" && record.deviceId !== key) throw new Refused("shape", { record: key, field: "deviceId" });
    checkTokens(record.tokens, key);
    devices.push({
      id: key,
      roles: strings(record.roles),
      scopes: strings(record.scopes),
      approvedScopes: Array.isArray(record.approvedScopes) ? record.approvedScopes : null,
      tokens: tokenModel(record.tokens),
    });
  }
  return devices;
}

function pendingModel(root, now) {
  const kept = [];
  for (const [key, record] of Object.entries(root)) {
    if (!isObject(record)) throw new Refused("shape", { record: key });
    for (const name of PENDING_STRINGS) expect(record, name, "string", key);
    for (const name of PENDING_LISTS) expectList(record[name], key, name);
    for (const name of ["ts", "refreshedAtMs"]) expect(record, name, "number", key);
    for (const name of ["silent", "isRepair"]) expect(record, name, "boolean", key);
    // pruneExpiredPending (2026.7.35; before it the same with ts alone, and no earlier store has refreshedAtMs)
    if (now - (record.refreshedAtMs ?? record.ts) > PENDING_TTL_MS) continue;
    kept.push({ id: typeof record.requestId === "string" && record.requestId.length > 0 ? record.requestId : key, scopes: strings(record.scopes) });
  }
  return kept;
}

function columnModel(kind, value) {
  if (value === null) return null; // 2026.9.6's fromJsonColumn: JSON.parse("null"), and the field is left out
  if (kind === "tokens_json") {
    checkTokens(value, "");
    return tokenModel(value);
  }
  expectList(value, "", kind);
  return value;
}

function parse(b64, depthLimit = true) {
  const bytes = Buffer.from(b64, "base64");
  const text = bytes.toString("utf8"); // what the gateway does (a BOM stays, and JSON.parse then refuses it)
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Refused("syntax");
  }
  // The gateway would read bad bytes as U+FFFD and write that back; the module refuses them (documented).
  try {
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Refused("utf8");
  }
  if (depthLimit && depth(text) > MAX_DEPTH) throw new Refused("depth");
  return value;
}

function read({ kind, b64, now }) {
  const value = parse(b64);
  const file = kind === "paired" || kind === "pending";
  if (file && !isObject(value)) throw new Refused("root");
  const model = kind === "paired" ? pairedModel(value) : kind === "pending" ? pendingModel(value, now) : columnModel(kind, value);
  const canonical = file ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  return { ok: true, model: units(model), canonical: Buffer.from(canonical, "utf8").toString("base64"), infinite: infinite(value) };
}

// Every string of an answer as the hex of its UTF-16 code units, so that an unpaired surrogate reaches the test
// as it is (Newtonsoft, which reads the answers, would turn its escape into U+FFFD; and the test's requests come as
// UTF-8, which cannot carry one).
function units(value) {
  if (typeof value === "string") return [...Array(value.length).keys()].map((i) => value.charCodeAt(i).toString(16).padStart(4, "0")).join("");
  if (Array.isArray(value)) return value.map(units);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, units(v)]));
  return value;
}

const fromUnits = (hex) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));

// JSON.stringify(JSON.parse(text), null, indent), and whether the value holds a number too large for a double, which
// stringify writes as null and the module, keeping the value, as 1e400 (NodeJson.Number).
function stringify({ b64, indent }) {
  const value = parse(b64);
  return { ok: true, canonical: Buffer.from(JSON.stringify(value, null, indent || undefined), "utf8").toString("base64"), infinite: infinite(value) };
}

function infinite(value) {
  if (typeof value === "number") return !Number.isFinite(value);
  return typeof value === "object" && value !== null && Object.values(value).some(infinite);
}

// Every difference between two parsed stores outside the arrays a scope grant may change, and every change inside
// them that is not the grant's scopes appended (or, for a new approvedScopes, the device's scopes and the grant's).
function diff(request) {
  const { before, after, revokedTokensToo } = request;
  const [device, role] = [fromUnits(request.device), fromUnits(request.role)];
  const scopes = request.scopes.map(fromUnits);
  // No depth limit here: the test may wrap what the module read in a record of its own.
  const a = parse(before, false);
  const b = parse(after, false);
  const violations = [];
  const key = key_(a, device);
  const granted = new Set(scopes);
  const deviceScopes = key === undefined ? [] : strings(a[key]?.scopes);
  // The JSON store never widens a revoked token; the SQLite store's grant does (a planner never asks for either).
  const revoked = !revokedTokensToo && key !== undefined && Boolean(a[key]?.tokens?.[role]?.revokedAtMs);
  const allowed = (path) => {
    if (key === undefined || path[0] !== key) return null;
    if (path.length === 2 && path[1] === "scopes") return granted;
    if (path.length === 2 && path[1] === "approvedScopes") return new Set([...granted, ...deviceScopes]);
    if (!revoked && path.length === 4 && path[1] === "tokens" && path[2] === role && path[3] === "scopes") return granted;
    return null;
  };
  const walk = (x, y, path) => {
    const may = allowed(path);
    if (may && JSON.stringify(x) === JSON.stringify(y)) return;
    if (may) {
      if (!Array.isArray(y)) return violations.push({ path, problem: "not an array after the edit" });
      const kept = Array.isArray(x) ? x : [];
      if (JSON.stringify(y.slice(0, kept.length)) !== JSON.stringify(kept)) violations.push({ path, problem: "existing items changed" });
      for (const s of y.slice(kept.length)) if (!may.has(s)) violations.push({ path, problem: `added ${JSON.stringify(s)}` });
      return;
    }
    if (isObject(x) && isObject(y)) {
      const insertable = (k) => allowed([...path, k]) !== null && !(k in x);
      const keysAfter = Object.keys(y).filter((k) => !insertable(k));
      if (JSON.stringify(Object.keys(x)) !== JSON.stringify(keysAfter)) violations.push({ path, problem: "members changed or moved" });
      for (const k of Object.keys(x)) if (k in y) walk(x[k], y[k], [...path, k]);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((item, i) => walk(item, y[i], [...path, i]));
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y) || typeof x !== typeof y) violations.push({ path, problem: "value changed" });
  };
  walk(a, b, []);
  return { violations };
}

// The member a device id names, as the module's editor resolves it: the exact key, else a unique match ignoring case.
function key_(root, id) {
  if (Object.hasOwn(root, id)) return id;
  const matches = Object.keys(root).filter((k) => k.toLowerCase() === id.toLowerCase());
  return matches.length === 1 ? matches[0] : undefined;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.length === 0) continue;
  const request = JSON.parse(line);
  let answer;
  try {
    answer =
      request.op === "diff" ? diff(request)
      : request.op === "stringify" ? stringify(request)
      : read(request);
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    answer = { ok: false, why: e.why, where: units(e.where ?? null) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
