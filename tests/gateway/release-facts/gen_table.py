#!/usr/bin/env python3
"""Build the per-release markdown table of release-landscape.md from facts/*.json (+ facts/protocol-check.txt)."""
import json, os, re
R = os.environ['RELEASE_FACTS_DIR']
vs = [l.strip() for l in open(f'{R}/ordered.txt') if l.strip()]
times = json.load(open(f'{R}/time.json'))
pc = dict((l.split(' ', 1) + [''])[:2] for l in open(f'{R}/facts/protocol-check.txt').read().splitlines())
def key(v): return tuple(int(x or 0) for x in re.match(r'(\d+)\.(\d+)\.(\d+)(?:-(\d+))?$', v).groups())
def ge(v, w): return key(v)[:3] >= key(w)[:3]
rows = []
for v in vs:
    d = json.load(open(f'{R}/facts/{v}.json'))
    ex = ' '.join(d['hello_server_version_expr'])
    rsv = (d.get('version_funcs') or {}).get('resolveRuntimeServiceVersion', '')
    if 'runtimeVersion' in rsv: ver = 'V3 real'
    elif 'OPENCLAW_SERVICE_VERSION' in rsv: ver = 'V2 dev*'
    else: ver = 'V1 dev'
    chk = pc.get(v, '')
    proto = '4/node3' if 'PreviousNode' in chk else '4' if 'maxProtocol >= 4' in chk else '3'
    sig = '+'.join(d['sig_payload_versions'])
    h = d['fn_hashes']
    cx = ' '.join(d['connect_paired_scopes_expr'])
    sc = set(d['operator_scope_literals'])
    if 'operatorScopeSatisfied' not in h: era = 'S1'
    elif 'operator.sessions.read' in sc: era = 'S6'
    elif 'OPERATOR_TALK_SCOPE' in open(f'{R}/facts/{v}/fn-operatorScopeSatisfied.txt').read(): era = 'S5'
    elif 'pairedScopes = Array.isArray(paired.approvedScopes)' in cx or 'resolvePairedAccessScopes(paired)' in cx: era = 'S4'
    elif 'OPERATOR_SCOPE_PREFIX' in open(f'{R}/facts/{v}/fn-operatorScopeSatisfied.txt').read(): era = 'S3'
    else: era = 'S2'
    m = set(d['device_methods'])
    rpc = 'R4' if 'device.pair.rename' in m else 'R3' if 'device.pair.setupCode' in m else 'R2' if 'device.pair.remove' in m else 'R1'
    srl = d.get('store_region_literals') or {}
    sqlite_pairing = any('device_pairing_paired' in x for k, x in srl.items() if 'device-pairing' in k)
    ssv = [x.split(':')[1] for x in d['state_schema_version'] if x.split(':')[0] in ('publish', 'newer-check', 'const') or x == 'primary:1']
    ssv = sorted({x for x in ssv if x.isdigit()}, key=int)
    schema = ','.join(ssv) if ssv else '-'
    store = 'SQLite' if sqlite_pairing else ('JSON + db(schema 1)' if schema == '1' else 'JSON')
    ident_sql = any('device_identities' in x for k, x in srl.items() if 'device-identity' in k)
    ident = 'SQLite device_identities + device_auth_tokens' if ident_sql else 'identity/device.json + device-auth.json'
    unconf = '`gateway run --allow-unconfigured`' if d['run_inherits_parent_opts'] else '`gateway --allow-unconfigured` (not `run`) or gateway.mode=local'
    nsc = len([s for s in sc if s != 'operator.match.move'])
    rows.append((v, times.get(v, '')[:10], ((d.get('build_info') or {}).get('builtAt') or '')[:10], ver, proto, sig, f'{era} ({nsc})', rpc, store, schema, ident, unconf))
hdr = ['release', 'npm time', 'builtAt', 'hello server.version', 'protocol', 'signature', 'scope era (#scopes)', 'RPC set', 'device store', 'state schema', 'CLI identity + token cache', 'start unconfigured']
out = ['| ' + ' | '.join(hdr) + ' |', '|' + '---|' * len(hdr)]
for r in rows: out.append('| ' + ' | '.join(r) + ' |')
print('\n'.join(out))
