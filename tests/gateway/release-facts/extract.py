#!/usr/bin/env python3
"""Extract device-pairing related facts from one unpacked openclaw npm tarball (no dependencies installed).

usage: extract.py $RELEASE_FACTS_DIR/unpacked/<version>
writes $RELEASE_FACTS_DIR/facts/<version>.json and facts/<version>/fn-*.txt (function bodies, for diffing)

Reads package/dist/**.{js,mjs} (control-ui browser assets and node_modules skipped) and package.json.
Every regex is only run on files that contain a literal anchor, which keeps 300 MB dists fast.
Bundled releases carry `//#region src/...` markers; 2026.2.1-2.6 ship tsc output (one file per source file),
mapped back to src/<path>.ts so both shapes can be queried the same way.
"""
import hashlib, json, os, re, sys

root = sys.argv[1].rstrip('/')
V = os.path.basename(root)
pkg = os.path.join(root, 'package')
dist = os.path.join(pkg, 'dist')
out_dir = os.path.join(os.path.dirname(os.path.dirname(root)), 'facts')
os.makedirs(os.path.join(out_dir, V), exist_ok=True)

REGION = re.compile(r'^//#region (\S+)\s*$', re.M)

texts = []
for dp, dns, fns in os.walk(dist):
    if '/control-ui' in dp or '/node_modules' in dp:
        continue
    for fn in fns:
        if fn.endswith('.js') or fn.endswith('.mjs'):
            p = os.path.join(dp, fn)
            try:
                texts.append((os.path.relpath(p, dist), open(p, encoding='utf-8', errors='replace').read()))
            except Exception:
                pass

_region_cache = None
def regions():
    global _region_cache
    if _region_cache is None:
        r = {}
        for rel, t in texts:
            if '//#region ' not in t:
                r.setdefault('src/' + re.sub(r'\.m?js$', '.ts', rel) + '#tsc', t)
                continue
            ms = list(REGION.finditer(t))
            for i, m in enumerate(ms):
                end = ms[i + 1].start() if i + 1 < len(ms) else len(t)
                body = t[m.end():end]
                e = body.find('\n//#endregion')
                r.setdefault(m.group(1), body[:e] if e >= 0 else body)
        _region_cache = r
    return _region_cache

def finditer(pattern, anchor, flags=0):
    rx = re.compile(pattern, flags)
    for rel, t in texts:
        if anchor in t:
            yield from rx.finditer(t)

def norm(s, n=300):
    return re.sub(r'\s+', ' ', s).strip()[:n]

def uniq(xs):
    return sorted(set(xs))

def h(s):
    return hashlib.md5(re.sub(r'\s+', '', s).encode()).hexdigest()[:8] if s else None

def func_body(name):
    """Text of a top-level `function name(` up to the first line that is just `}` at the same indent."""
    anchor = 'function ' + name + '('
    for rel, t in texts:
        i = t.find(anchor)
        if i < 0:
            continue
        ls = t.rfind('\n', 0, i) + 1
        indent = re.match(r'[ \t]*', t[ls:i]).group(0)
        e = re.compile(r'^' + re.escape(indent) + r'\}\s*$', re.M).search(t, i)
        if e and '\n' in t[ls:i + 1] or e and e.start() - i < 20000:
            return t[i:e.end()]
        # minified: scan braces
        j = t.find('{', i); depth = 0; k = j
        while 0 <= k < len(t):
            if t[k] == '{': depth += 1
            elif t[k] == '}':
                depth -= 1
                if depth == 0: break
            k += 1
        return t[i:k + 1]
    return None

def save(name, content):
    with open(os.path.join(out_dir, V, name), 'w') as f:
        f.write(content or '')

def balanced(t, i, open_c='(', close_c=')'):
    depth = 0; j = i
    while j < len(t):
        c = t[j]
        if c == open_c: depth += 1
        elif c == close_c:
            depth -= 1
            if depth == 0: return j
        j += 1
    return len(t) - 1

F = {'version': V}
try:
    F['build_info'] = json.load(open(os.path.join(dist, 'build-info.json')))
except Exception:
    F['build_info'] = None
try:
    pj = json.load(open(os.path.join(pkg, 'package.json')))
    F['pkg_version'] = pj.get('version')
    F['engines_node'] = (pj.get('engines') or {}).get('node')
except Exception:
    pass
F['dist_js_files'] = len(texts)
F['has_docs'] = os.path.isdir(os.path.join(pkg, 'docs'))
F['has_changelog'] = os.path.isfile(os.path.join(pkg, 'CHANGELOG.md'))

# 1. hello-ok server.version
F['hello_server_version_expr'] = uniq(norm(m.group(1)).rstrip(',') for m in finditer(r'\bserver: ?\{\s*version: ?([^\n]+)', 'server:'))
vf = {}
for fn in ['resolveRuntimeServiceVersion', 'resolveVersionFromRuntimeSources', 'resolveUsableRuntimeVersion']:
    b = func_body(fn)
    if b:
        vf[fn] = norm(b, 700)
F['version_funcs'] = vf
F['version_fallback'] = uniq(norm(m.group(0), 200) for m in finditer(r'RUNTIME_SERVICE_VERSION_FALLBACK\s*=\s*[^;\n]+', 'RUNTIME_SERVICE_VERSION_FALLBACK ='))
F['version_const'] = uniq(norm(m.group(0)) for m in finditer(r'\bconst VERSION = [^\n]+', 'const VERSION ='))
F['sets_env_version'] = uniq(norm(m.group(0), 200) for m in finditer(r'process\.env\.(?:OPENCLAW_VERSION|OPENCLAW_SERVICE_VERSION)\s*(?:\?\?)?=[^=][^\n;]{0,120}', 'process.env.OPENCLAW_'))

# 2. protocol + signature payload versions
F['protocol_consts'] = uniq('%s=%s' % (m.group(1), m.group(2)) for m in finditer(r'\b((?:MIN_|MAX_)?[A-Z_]*PROTOCOL_VERSION)\s*=\s*(\d+)\b', 'PROTOCOL_VERSION'))
sig = []
for rel, t in texts:
    for m in re.finditer(r'function buildDeviceAuthPayload\w*\(', t):
        sig.append(t[m.start():m.start() + 1500])
F['sig_builders'] = uniq(re.findall(r'function (buildDeviceAuthPayload\w*)\(', '\n'.join(sig)))
F['sig_payload_versions'] = uniq(re.findall(r'["`](v[1-9])["`]', '\n'.join(sig)))
F['sig_skew'] = uniq(norm(m.group(0), 100) for m in finditer(r'DEVICE_SIGNATURE_SKEW_MS\s*=\s*[^;\n,]+', 'DEVICE_SIGNATURE_SKEW_MS'))
F['sig_v1_accepted'] = any('"v1"' in s or '`v1`' in s for s in sig) or bool(list(finditer(r'version: ?["`]v1["`]', 'v1')))

# 3. scopes
F['operator_scope_literals'] = uniq(m.group(1) for m in finditer(r'["\'`](operator\.[a-z][a-z.]*[a-z])["\'`]', 'operator.'))
F['cli_default_scopes'] = uniq(norm(m.group(1)) for m in finditer(r'CLI_DEFAULT_OPERATOR_SCOPES\s*=\s*(\[[^\]]*\])', 'CLI_DEFAULT_OPERATOR_SCOPES'))
F['known_operator_scopes'] = uniq(norm(m.group(1)) for m in finditer(r'KNOWN_OPERATOR_SCOPES\s*=\s*(?:new Set\()?(\[[^\]]*\])', 'KNOWN_OPERATOR_SCOPES'))
scopefx = {}
for fn in ['scopesAllow', 'operatorScopeSatisfied', 'roleScopesAllow', 'scopesAllowWithImplications',
           'expandScopeImplications', 'resolveMissingRequestedScope', 'resolvePairedAccessScopes',
           'normalizeDeviceAuthScopes', 'resolveScopeOutsideRequestedRoles', 'rotateDeviceToken',
           'approveDevicePairing', 'requestDevicePairing', 'resolveRuntimeServiceVersion']:
    b = func_body(fn)
    if b:
        scopefx[fn] = h(b)
        save('fn-' + fn + '.txt', b)
F['fn_hashes'] = scopefx
comp = ''.join(v for k, v in regions().items() if 'operator-scope-compat' in k)
if comp:
    save('region-operator-scope-compat.txt', comp)
F['operator_scope_compat_hash'] = h(comp)
F['connect_paired_scopes_expr'] = uniq(norm(m.group(0), 200) for m in finditer(r'\bconst pairedScopes ?= ?[^;\n]+', 'pairedScopes'))
F['silent_expr'] = uniq(norm(m.group(0), 160) for m in finditer(r'\bsilent: ?[^\n,}]{0,140}', 'silent:') if 'isLocal' in m.group(0) or 'reason' in m.group(0))[:8]

# 4. device RPC methods and param schemas
F['device_methods'] = uniq(m.group(1) for m in finditer(r'["\'`](device\.(?:pair|token|scopes|identity)\.[A-Za-z]+)["\'`]', 'device.'))
schemas = {}
for m in finditer(r'\b(Device(?:Pair|Token|Scopes?)\w*ParamsSchema)\s*=\s*(?:Type\.Object|closedObject(?:\$\d+)?)\(', 'ParamsSchema'):
    name = m.group(1)
    if name in schemas:
        continue
    t = m.string
    i = m.end() - 1
    j = balanced(t, i)
    body = t[i:j + 1]
    k0 = body.find('{')
    first = body[k0 + 1:balanced(body, k0, '{', '}')] if k0 >= 0 else ''
    keys = re.findall(r'(?:^|[,{(]|\n)\s*([A-Za-z_]+):\s*((?:Type\.)?Optional(?:\$\d+)?\()?', first)
    schemas[name] = ','.join(k + ('?' if opt else '') for k, opt in keys)
F['device_param_schemas'] = schemas

# 5. stores
allt = None
def has(s):
    return any(s in t for _, t in texts)
F['store_literals'] = {s: has(s) for s in ['paired.json', 'pending.json', 'bootstrap.json', 'openclaw.sqlite',
                                           'device-auth.json', '"device.json"', 'schema_meta', 'user_version',
                                           '.json.migrated', 'device_pairing_paired', 'device_identities',
                                           'device_auth_tokens', 'migration_runs']}
ddl = {}
names = set()
for rel, t in texts:
    if 'CREATE TABLE' not in t:
        continue
    u = t.replace('\\n', '\n').replace('\\t', '\t').replace('\\"', '"')
    names.update(re.findall(r'CREATE TABLE (?:IF NOT EXISTS )?["`]?(\w+)', u))
    for m in re.finditer(r'CREATE TABLE (?:IF NOT EXISTS )?["`]?(device_\w+|gateway_origin_device_tokens|schema_meta|migration_\w+)["`]?\s*\(', u):
        j = balanced(u, m.end() - 1)
        tail = re.match(r'[^;`"\n]{0,40}', u[j + 1:]).group(0)
        ddl.setdefault(m.group(1), set()).add(norm(u[m.start():j + 1] + tail, 5000))
F['create_tables_count'] = len(names)
F['ddl'] = {k: sorted(v) for k, v in ddl.items()}
F['ddl_hash'] = {k: h('|'.join(sorted(v))) for k, v in ddl.items()}
F['state_schema_version'] = uniq(
    ['primary:' + m.group(1) for m in finditer(r'meta_key: ?["`]primary["`],\s*role: ?["`]global["`],\s*schema_version: ?(\w+)', 'primary')] +
    ['newer-check:' + m.group(1) for m in finditer(r'createNewerSqliteSchemaVersionError\(`OpenClaw state database`[^)]*?,\s*(\w+)\)', 'createNewerSqliteSchemaVersionError')] +
    ['publish:' + m.group(1) for m in finditer(r'function resolveStateSchemaVersionToPublish\(\w+\) ?\{[^}]*?return (\d+);', 'resolveStateSchemaVersionToPublish')] +
    ['const:' + m.group(1) for m in finditer(r'OPENCLAW_STATE_SCHEMA_VERSION\s*=\s*(\d+)', 'OPENCLAW_STATE_SCHEMA_VERSION')])
F['state_migration_from_versions'] = sorted(set(int(x.group(1)) for x in finditer(r'assertOpenClawStateDatabaseV(\d+)ForMigration', 'ForMigration')))
lits = ['paired.json', 'pending.json', 'device_pairing_paired', 'device.json', 'device_identities',
        'device-auth.json', 'device_auth_tokens', 'openclaw.sqlite', '.migrated']
F['store_region_literals'] = {k: [l for l in lits if l in v] for k, v in regions().items()
                              if re.search(r'src/infra/(device-pairing|device-identity|device-auth)[\w-]*\.ts', k)}

# 7. unconfigured start
F['allow_unconfigured_opt'] = uniq(norm(m.group(0), 160) for m in finditer(r'option\("--allow-unconfigured"[^)]*\)', '--allow-unconfigured'))
F['run_inherits_parent_opts'] = has('inheritOptionFromParent') or has('resolveGatewayRunOptions')
F['start_blocked_msgs'] = uniq(norm(m.group(0), 200) for m in finditer(r'(?:Missing config\.|Gateway start blocked)[^`\n]{0,180}', 'Gateway start blocked'))

json.dump(F, open(os.path.join(out_dir, V + '.json'), 'w'), indent=1, default=list)
print(V, 'ok', len(texts), 'files')
